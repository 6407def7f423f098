using Buurtplatform.Web.Activities;

namespace Buurtplatform.Web.SignUps;

/// <summary>
/// The places of one date of an activity, or of its whole series (a course). Every write that takes or
/// frees places first locks this row (see <see cref="SignUpBook"/>), so capacity holds under concurrency
/// on both providers. After retention deletes the sign-ups, the row stays with anonymous counts.
/// </summary>
public sealed class SignUpSlot
{
    /// <summary>The <see cref="Date"/> of a slot for the whole series.</summary>
    public static readonly DateOnly WholeSeries = DateOnly.MinValue;

    public int Id { get; set; }

    public int ActivityId { get; set; }

    public Activity Activity { get; set; } = null!;

    /// <summary>The date as the series gives it (the occurrence's identity, kept when the date is moved), or <see cref="WholeSeries"/>.</summary>
    public DateOnly Date { get; set; }

    public bool IsWholeSeries => Date == WholeSeries;

    /// <summary>Bumped by every write; the bump is the portable row lock (see <see cref="SignUpBook"/>).</summary>
    public long Version { get; set; }

    /// <summary>The last <see cref="SignUp.Sequence"/> handed out.</summary>
    public long LastSequence { get; set; }

    // Anonymous counts, kept when the personal data is deleted (docs/privacy.md).

    public int TotalSignUps { get; set; }

    public int TotalChildren { get; set; }

    /// <summary>Sign-ups that started on the waitlist.</summary>
    public int TotalWaitlisted { get; set; }

    public int TotalCancelled { get; set; }

    public int TotalAttended { get; set; }

    public int TotalNoShow { get; set; }

    /// <summary>When retention deleted this slot's sign-ups.</summary>
    public DateTime? PersonalDataDeletedUtc { get; set; }
}
