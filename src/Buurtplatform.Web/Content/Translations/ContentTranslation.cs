namespace Buurtplatform.Web.Content.Translations;

/// <summary>
/// A node's text in one more language than Dutch: the translated fields of one node (activity, meeting place,
/// wijk, gemeente, vision, partner) in one culture. Dutch stays the source: the node's own row holds it, and a
/// field this translation lacks is shown in Dutch.
/// </summary>
/// <remarks>
/// In the content folder a translation is a sibling file of its node (<c>babybootcamp.ar.md</c>, read by
/// <c>TranslationFile</c>). Pages read translations through <see cref="ContentTranslations"/>.
/// </remarks>
public sealed class ContentTranslation
{
    /// <summary>The languages a node may be translated into (Dutch, <c>nl</c>, is the source and never a translation).</summary>
    public static readonly IReadOnlyList<string> Cultures = ["en", "ar", "tr", "pl", "uk"];

    public int Id { get; set; }

    /// <summary>The node's <see cref="ContentNode.Key"/> (nodes of every kind live in their own tables, so this is no foreign key).</summary>
    public Guid NodeKey { get; set; }

    public NodeKind Kind { get; set; }

    /// <summary>Two-letter language code, one of <see cref="Cultures"/>.</summary>
    public string Culture { get; set; } = "";

    /// <summary>
    /// Field path → translated text, with the names of the Dutch file's front matter (<c>title</c>,
    /// <c>accessibility.notes</c>) and <c>body</c> for the Markdown text (<see cref="TranslatableFields"/>).
    /// A field that is not here is shown in Dutch.
    /// </summary>
    public Dictionary<string, string> Fields { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="TranslatableFields.SourceHash"/> of the node's Dutch text when this translation was made or last
    /// confirmed. When the Dutch text hashes differently now, the translation is stale ("verouderd").
    /// </summary>
    public string SourceHash { get; set; } = "";

    /// <summary>When the translation last changed (UTC).</summary>
    public DateTime UpdatedUtc { get; set; }
}
