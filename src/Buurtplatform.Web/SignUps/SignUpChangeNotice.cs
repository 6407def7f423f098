namespace Buurtplatform.Web.SignUps;

/// <summary>What changed for a parent who signed up. Stored as text: never rename a value.</summary>
public enum DateChangeKind
{
    /// <summary>The date no longer takes place.</summary>
    Cancelled,

    /// <summary>The date moved to another day or time.</summary>
    Moved,

    /// <summary>The activity was taken offline.</summary>
    Offline,

    /// <summary>The activity was deleted.</summary>
    Deleted,
}

/// <summary>
/// That a parent was told about one change (a date cancelled or moved, the activity offline or deleted). One row per
/// sign-up per change, unique on (<see cref="SignUpId"/>, <see cref="ChangeKey"/>), written in the same transaction as
/// the publish and its mail: a retry, a second publish of the same change or a second node cannot tell the parent twice.
/// The personal-link page and the staff inbox show these rows.
/// </summary>
public sealed class SignUpChangeNotice
{
    public long Id { get; set; }

    public long SignUpId { get; set; }

    public SignUp SignUp { get; set; } = null!;

    /// <summary>The change's identity: <c>cancelled:2027-01-26#4</c>, <c>moved:2027-01-26:2027-01-28T13:30#5</c> (the activity's SEQUENCE after the change), <c>offline:v4</c>, <c>deleted</c>.</summary>
    public string ChangeKey { get; set; } = "";

    public DateChangeKind Kind { get; set; }

    /// <summary>The date as the series gives it (the slot's date for one date; the changed date of a course).</summary>
    public DateOnly? Date { get; set; }

    /// <summary>For a moved date: its new start and end.</summary>
    public DateTime? NewStartUtc { get; set; }

    public DateTime? NewEndUtc { get; set; }

    /// <summary>The reason staff gave, as parents see it ("juf ziek").</summary>
    public string? Reason { get; set; }

    /// <summary>Whether a mail was queued (false: the parent gave only a phone number, so staff call).</summary>
    public bool Mailed { get; set; }

    public DateTime CreatedUtc { get; set; }
}

internal sealed class SignUpChangeNoticeConfiguration : IEntityTypeConfiguration<SignUpChangeNotice>
{
    public void Configure(EntityTypeBuilder<SignUpChangeNotice> b)
    {
        b.ToTable("SignUpChangeNotices");
        b.HasOne(n => n.SignUp).WithMany().HasForeignKey(n => n.SignUpId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(n => new { n.SignUpId, n.ChangeKey }).IsUnique();
        b.Property(n => n.ChangeKey).HasMaxLength(80);
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.Reason).HasMaxLength(300);
    }
}
