using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Editing;

/// <summary>Where a version stands. Stored as text: never rename a value.</summary>
public enum VersionStatus
{
    /// <summary>Saved, not live. The newest draft is what "Publiceren" makes live.</summary>
    Draft,

    /// <summary>A professional's new activity, waiting for a wijk editor (the wijk asks for approval).</summary>
    AwaitingApproval,

    /// <summary>A wijk editor sent it back with a comment; the professional changes it and offers it again.</summary>
    SentBack,

    /// <summary>The version parents see now (at most one per node, and none while the node is offline).</summary>
    Published,

    /// <summary>History: a version that was live before, or a draft that a newer save replaced.</summary>
    Archived,
}

/// <summary>
/// One saved state of a content node, kept for good: the node's file text in the <c>umbraco-content/</c>
/// format (front matter and body, exactly as the export writes it) and its slug (the file name).
/// Publishing a version copies it into the typed row the public pages read.
/// </summary>
/// <remarks>
/// Choices: A) a version table per node type with typed columns; B) one table with the node's text in the
/// content file format. B reuses the reader (one validation for files and forms), the exporter (one way
/// to write a node) and the import's copy code (one way to apply it), and compares any two versions with
/// the same flattening for every type. The typed rows stay the only thing public pages query.
/// </remarks>
public sealed class ContentVersion
{
    /// <summary>The <see cref="Culture"/> of the node's own (Dutch) text: every version stored before translations had versions.</summary>
    public const string Dutch = "";

    public int Id { get; set; }

    /// <summary>The node's <see cref="ContentNode.Key"/>.</summary>
    public Guid NodeKey { get; set; }

    public NodeKind Kind { get; set; }

    /// <summary>
    /// <see cref="Dutch"/> ("") for the node's own text; a translation's language (<c>ar</c>, <c>en</c>, …, one of
    /// <c>ContentTranslation.Cultures</c>) for a version of its translation, whose <see cref="Text"/> is then the
    /// translation file's text (<c>TranslationFile</c>). Numbers, drafts, approval and preview links are per node and language.
    /// </summary>
    public string Culture { get; set; } = Dutch;

    /// <summary>The wijk of a vision, meeting place, activity or partner; the gemeente of a wijk; null for a gemeente.</summary>
    public Guid? ParentKey { get; set; }

    /// <summary>1, 2, 3 … per node and <see cref="Culture"/>.</summary>
    public int Number { get; set; }

    public string Slug { get; set; } = "";

    public VersionStatus Status { get; set; }

    /// <summary>The node's file text (YAML front matter + Markdown body).</summary>
    public string Text { get; set; } = "";

    /// <summary>The title or name, for lists (read from the text when saved).</summary>
    public string Title { get; set; } = "";

    public string? CreatedById { get; set; }

    /// <summary>Who saved it, as shown at that moment (e-mail address), or <c>import</c> for a baseline.</summary>
    public string CreatedByName { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>What the person wrote about this change (optional).</summary>
    public string? Comment { get; set; }

    /// <summary>Set when this version was made by rolling back to an older one.</summary>
    public int? RestoredFromNumber { get; set; }

    public string? PublishedById { get; set; }

    public string? PublishedByName { get; set; }

    public DateTime? PublishedUtc { get; set; }

    /// <summary>The wijk editor's comment when sending it back.</summary>
    public string? ReviewComment { get; set; }

    public string? ReviewedByName { get; set; }

    public DateTime? ReviewedUtc { get; set; }

    /// <summary>Shareable preview links carry this number; raising it ("intrekken") makes the ones handed out so far stop working.</summary>
    public int PreviewLinkGeneration { get; set; }

    /// <summary>A version of a translation, not of the node's Dutch text.</summary>
    public bool IsTranslation => Culture != Dutch;

    /// <summary>A draft that can still be published, previewed through a link and sent for approval.</summary>
    public bool IsOpen => Status is VersionStatus.Draft or VersionStatus.AwaitingApproval or VersionStatus.SentBack;
}

/// <summary>
/// A planned publish and/or unpublish of a node, carried out by <see cref="ScheduledPublishing"/>.
/// Per node, not per version: "zet deze pagina op 1 maart online" publishes the newest draft then, as
/// Umbraco does; saving again before that moment keeps the plan.
/// </summary>
public sealed class ContentSchedule
{
    public Guid NodeKey { get; set; }

    public NodeKind Kind { get; set; }

    public DateTime? PublishAtUtc { get; set; }

    public string? PublishSetById { get; set; }

    public string? PublishSetByName { get; set; }

    public DateTime? UnpublishAtUtc { get; set; }

    public string? UnpublishSetById { get; set; }

    public string? UnpublishSetByName { get; set; }

    /// <summary>Why the last planned publish could not be done (shown on the node's page), or null.</summary>
    public string? LastError { get; set; }
}

/// <summary>
/// An old public path of a node, kept when its slug (or a slug above it) changes, so old links answer
/// 301 to where the node is now. Below a renamed wijk or gemeente, every path matches by prefix.
/// </summary>
public sealed class ContentRedirect
{
    public int Id { get; set; }

    /// <summary>The old path without a trailing slash or <c>.ics</c>, e.g. <c>/den-haag/schilderswijk/activiteiten/babybootcamp</c>.</summary>
    public string OldPath { get; set; } = "";

    public Guid NodeKey { get; set; }

    public NodeKind Kind { get; set; }

    public DateTime CreatedUtc { get; set; }
}
