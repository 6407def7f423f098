using Buurtplatform.Web.Activities;

namespace Buurtplatform.Web.SignUps;

/// <summary>
/// Where a sign-up stands, as staff follow it up. The values are stored as text, so never rename one.
/// <see cref="Waitlisted"/> and <see cref="Cancelled"/> hold no place; every other state does.
/// </summary>
public enum SignUpState
{
    /// <summary>nieuw: holds a place, nobody has followed it up yet.</summary>
    New,

    /// <summary>gebeld/gemaild: staff have contacted the parent.</summary>
    Contacted,

    /// <summary>bevestigd.</summary>
    Confirmed,

    /// <summary>wachtlijst: no place yet; moves up in <see cref="SignUp.Sequence"/> order.</summary>
    Waitlisted,

    /// <summary>afgemeld: by the parent (personal link) or by staff. Holds no place.</summary>
    Cancelled,

    /// <summary>aanwezig.</summary>
    Attended,

    /// <summary>niet gekomen.</summary>
    NoShow,
}

public static class SignUpStates
{
    /// <summary>Whether a sign-up in this state takes places (its number of children) from the capacity.</summary>
    public static bool HoldsPlace(this SignUpState state) => state is not (SignUpState.Waitlisted or SignUpState.Cancelled);

    /// <summary>The states a sign-up holding a place can be given by staff (plus <see cref="SignUpState.Cancelled"/>).</summary>
    public static readonly IReadOnlyList<SignUpState> Holding =
        [SignUpState.New, SignUpState.Contacted, SignUpState.Confirmed, SignUpState.Attended, SignUpState.NoShow];

    public static readonly IReadOnlyList<SignUpState> All = Enum.GetValues<SignUpState>();

    /// <summary>The Dutch label's resource key ("SignUpState.New" → "nieuw").</summary>
    public static string LabelKey(this SignUpState state) => "SignUpState." + state;
}

public enum AgeUnit
{
    Months,
    Years,
}

/// <summary>A child's age as the parent gave it: never a birth date.</summary>
public readonly record struct ChildAge(int Value, AgeUnit Unit)
{
    public int InMonths => Unit == AgeUnit.Years ? Value * 12 : Value;
}

/// <summary>The answer to an activity-specific question, with the question's text as it was asked.</summary>
public sealed record QuestionAnswer(int QuestionId, string Question, string Answer);

/// <summary>
/// A parent's sign-up for one date of an activity, or for the whole series (a course). Personal data:
/// shown only to staff scoped to the activity's meeting place, deleted <see cref="SignUpOptions.RetentionDays"/>
/// after the activity (see docs/privacy.md), and never written to logs.
/// </summary>
public sealed class SignUp
{
    public long Id { get; set; }

    public int ActivityId { get; set; }

    public Activity Activity { get; set; } = null!;

    public int SlotId { get; set; }

    public SignUpSlot Slot { get; set; } = null!;

    /// <summary>1, 2, 3 … within the slot, in the order the sign-ups were committed: the waitlist order.</summary>
    public long Sequence { get; set; }

    public SignUpState State { get; set; }

    public string FirstName { get; set; } = "";

    /// <summary>Normalised (digits, Dutch numbers as 06…/010…, others with +): one of phone and e-mail is always there.</summary>
    public string? Phone { get; set; }

    /// <summary>Trimmed and lower-case.</summary>
    public string? Email { get; set; }

    /// <summary>ISO 639-1 code of the language the parent prefers to be contacted in.</summary>
    public string ContactLanguage { get; set; } = "nl";

    /// <summary>How many children come; each takes one place.</summary>
    public int Children { get; set; }

    public List<ChildAge> ChildAges { get; set; } = [];

    /// <summary>"Is er iets waar we rekening mee moeten houden? Dan bellen we u."</summary>
    public bool WantsCall { get; set; }

    /// <summary>Optional short remark (the form asks not to enter medical details).</summary>
    public string? Remark { get; set; }

    public List<QuestionAnswer> Answers { get; set; } = [];

    /// <summary>Separate opt-in for news about other activities; unticked by default.</summary>
    public bool OtherContactOptIn { get; set; }

    /// <summary>When the parent ticked the consent to the purpose (required to sign up).</summary>
    public DateTime ConsentUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>SHA-256 (hex) of the personal link's token; the token itself is only in the parent's mail.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The link stops working after the activity (the date's end, or the series' last date's end).</summary>
    public DateTime TokenExpiresUtc { get; set; }

    public DateTime? ReminderSentUtc { get; set; }

    /// <summary>When the sign-up moved up from the waitlist.</summary>
    public DateTime? MovedUpUtc { get; set; }

    /// <summary>Moved up without an e-mail address: staff must call ("bellen: doorgeschoven"); cleared when staff handle it.</summary>
    public bool CallAboutMoveUp { get; set; }

    public DateTime? CancelledUtc { get; set; }

    /// <summary>Staff's note.</summary>
    public string? Note { get; set; }

    public string? HandledById { get; set; }

    public string? HandledByName { get; set; }

    public DateTime? HandledUtc { get; set; }
}
