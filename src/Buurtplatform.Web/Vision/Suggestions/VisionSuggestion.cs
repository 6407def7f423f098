namespace Buurtplatform.Web.Vision.Suggestions;

/// <summary>Where a parent's idea stands. Stored as text: never rename a value.</summary>
public enum SuggestionState
{
    /// <summary>Sent, not yet read by a wijk editor. Parents see nothing of it.</summary>
    New,

    /// <summary>Shown under its section of the vision page.</summary>
    Published,

    /// <summary>Not shown; the parent hears the reason (by mail and behind their link), the public never does.</summary>
    Declined,

    /// <summary>The same idea as another one (<see cref="VisionSuggestion.MergedIntoId"/>): shown and answered there.</summary>
    Merged,
}

/// <summary>
/// A parent's idea or reaction to one section of the wijk's vision (or to the whole vision). No account:
/// the text, optionally a first name the parent chose to show, optionally an e-mail address for an answer.
/// </summary>
/// <remarks>
/// Nothing personal is published: the first name only when <see cref="ShowName"/> (the parent's own choice),
/// the e-mail address never (staff do not see it either; it is only used to mail the parent). The address
/// and the personal link's hash are erased <see cref="SuggestionOptions.RetentionDays"/> after the last step
/// (<see cref="SuggestionJobs.EraseExpiredAsync"/>), or at once through the link.
/// </remarks>
public sealed class VisionSuggestion
{
    public int Id { get; set; }

    /// <summary>Stable key, so the example suggestions in <c>umbraco-content/</c> import and export by it.</summary>
    public Guid Key { get; set; }

    public int VisionId { get; set; }

    public Vision Vision { get; set; } = null!;

    /// <summary>
    /// The heading of the section it is about, as it was when the parent wrote; empty: the vision as a whole.
    /// Shown under the section that still has this heading, else among the ideas about the whole vision.
    /// </summary>
    public string SectionHeading { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>ISO 639 code of the language the parent wrote in (the page gives it a <c>lang</c> attribute).</summary>
    public string Language { get; set; } = "nl";

    /// <summary>The first name the parent gave, or null ("anoniem").</summary>
    public string? FirstName { get; set; }

    /// <summary>The parent chose to show their first name with the idea.</summary>
    public bool ShowName { get; set; }

    /// <summary>For an answer by mail; null when not given, or erased.</summary>
    public string? Email { get; set; }

    /// <summary>SHA-256 of the personal status link (<see cref="SuggestionLink"/>); null when there is none (no e-mail, or erased).</summary>
    public string? TokenHash { get; set; }

    public SuggestionState State { get; set; }

    /// <summary>An example written for the seed content (marked as such on the page), not a real parent's idea.</summary>
    public bool IsExample { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>The last thing a wijk editor did with it (retention counts from here, or from <see cref="CreatedUtc"/>).</summary>
    public DateTime? HandledUtc { get; set; }

    public string? HandledByName { get; set; }

    public DateTime? PublishedUtc { get; set; }

    /// <summary>The wijk editor's answer.</summary>
    public string? Answer { get; set; }

    /// <summary>True: the answer is shown under the idea; false: it went only to the parent by mail.</summary>
    public bool AnswerIsPublic { get; set; }

    public DateTime? AnsweredUtc { get; set; }

    /// <summary>Why it was declined: for the parent, never shown in public.</summary>
    public string? DeclineReason { get; set; }

    public int? MergedIntoId { get; set; }

    /// <summary>Set when the idea was taken into the vision: the date the vision changed, shown in "Wat we veranderden dankzij ouders".</summary>
    public DateOnly? ProcessedOn { get; set; }

    /// <summary>The vision version (<c>ContentVersion.Number</c>) that took it in.</summary>
    public int? ProcessedVersion { get; set; }

    /// <summary>What changed in the vision, in the editor's words.</summary>
    public string? ChangeNote { get; set; }

    /// <summary>When the e-mail address was erased (retention or the parent's request).</summary>
    public DateTime? EmailErasedUtc { get; set; }
}

/// <summary>A staff member who wants the daily mail about new ideas in their wijken.</summary>
public sealed class StaffSuggestionDigest
{
    public string UserId { get; set; } = "";

    /// <summary>Up to when the last digest reported.</summary>
    public DateTime LastDigestUtc { get; set; }
}
