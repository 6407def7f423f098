namespace Buurtplatform.Web.Content.Translations;

/// <summary>
/// The translations of some nodes into one language, loaded once for a page, a feed or a JSON document: each field
/// in that language where a translation has it, otherwise the node's Dutch text (<see cref="TranslatedText"/>).
/// </summary>
/// <remarks>For Dutch (and any language the site has no content translations for) it holds nothing and gives the Dutch text.</remarks>
public sealed class ContentTranslations
{
    /// <summary>The source language: every node's own text.</summary>
    public const string Dutch = "nl";

    private readonly Dictionary<Guid, ContentTranslation> _byNode;

    /// <summary>Staleness per node object, for the published-content snapshot's translations only (their nodes never change).</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ContentNode, object>? _stale;

    private ContentTranslations(string culture, IEnumerable<ContentTranslation> rows, bool ofImmutableNodes = false)
    {
        if (ofImmutableNodes)
            _stale = new();
        Culture = culture;
        _byNode = rows.ToDictionary(t => t.NodeKey);
    }

    /// <summary>Nothing translated: every text in Dutch.</summary>
    public static ContentTranslations None { get; } = new(Dutch, []);

    /// <summary>The language these translations are in (<see cref="Dutch"/> when none are wanted).</summary>
    public string Culture { get; }

    /// <summary>The language of the request (the current UI culture) when nodes can be translated into it, else <see cref="Dutch"/>.</summary>
    public static string CurrentCulture()
    {
        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return ContentTranslation.Cultures.Contains(culture) ? culture : Dutch;
    }

    /// <summary>The translations of <paramref name="nodeKeys"/> into <paramref name="culture"/> (a two-letter code; Dutch or an unknown one loads nothing).</summary>
    public static async Task<ContentTranslations> LoadAsync(AppDbContext db, string culture, IEnumerable<Guid> nodeKeys, CancellationToken ct = default)
    {
        if (!ContentTranslation.Cultures.Contains(culture))
            return None;
        var keys = nodeKeys.Distinct().ToList();
        var rows = keys.Count == 0
            ? []
            : await db.ContentTranslations.AsNoTracking().Where(t => t.Culture == culture && keys.Contains(t.NodeKey)).ToListAsync(ct);
        return new ContentTranslations(culture, rows);
    }

    /// <summary>These translations (all in <paramref name="culture"/>), as they are: for a preview of a translation's draft.</summary>
    public static ContentTranslations Of(string culture, IEnumerable<ContentTranslation> rows) => new(culture, rows);

    /// <summary>
    /// The translations of a published-content snapshot: shown with the snapshot's nodes, which never change, so whether
    /// each is stale is hashed once per node object rather than for every field shown.
    /// </summary>
    public static ContentTranslations OfPublished(string culture, IEnumerable<ContentTranslation> rows) => new(culture, rows, ofImmutableNodes: true);

    /// <summary>These and <paramref name="more"/> nodes' translations, in one language (either set may be empty, as <see cref="None"/> is).</summary>
    public ContentTranslations With(ContentTranslations more)
    {
        if (more._byNode.Count == 0)
            return this;
        if (_byNode.Count == 0)
            return more;
        return more.Culture == Culture
            ? new(Culture, _byNode.Values.Concat(more._byNode.Values).DistinctBy(t => t.NodeKey))
            : throw new ArgumentException($"Translations into {more.Culture} cannot join those into {Culture}.", nameof(more));
    }

    /// <summary>A field of a node (a path of its kind's <see cref="TranslatableFields"/>): translated when the translation has it, else Dutch.</summary>
    public TranslatedText Text(ContentNode node, string field)
    {
        var dutch = TranslatableFields.For(NodeKinds.Of(node)).DutchOf(node, field)
            ?? throw new ArgumentException($"'{field}' is not a translatable field of {node.GetType().Name}.", nameof(field));
        if (_byNode.TryGetValue(node.Key, out var translation) && translation.Fields.TryGetValue(field, out var text))
            return new TranslatedText(text, Culture, IsStale(node));
        return new TranslatedText(dutch, Dutch, false);
    }

    /// <summary>When the node's translation last changed (a feed's LAST-MODIFIED counts it); null without one.</summary>
    public DateTime? UpdatedUtc(ContentNode node) => _byNode.TryGetValue(node.Key, out var translation) ? translation.UpdatedUtc : null;

    /// <summary>Whether the node has a translation into this language at all.</summary>
    public bool Has(ContentNode node) => Has(node.Key);

    /// <summary>Whether the node with this key has a translation here.</summary>
    public bool Has(Guid nodeKey) => _byNode.ContainsKey(nodeKey);

    /// <summary>
    /// The node's translation was made from Dutch text that has changed since ("verouderd"): its recorded hash is not
    /// the hash of the node's Dutch text now. False when there is no translation.
    /// </summary>
    public bool IsStale(ContentNode node)
    {
        if (!_byNode.TryGetValue(node.Key, out var translation))
            return false;
        if (_stale is not null && _stale.TryGetValue(node, out var known))
            return (bool)known;
        var stale = translation.SourceHash != TranslatableFields.For(NodeKinds.Of(node)).SourceHash(node);
        _stale?.AddOrUpdate(node, stale);
        return stale;
    }
}

/// <summary>One field's text as shown: translated (<see cref="Language"/> is the translation's) or Dutch.</summary>
/// <param name="IsStale">Translated from Dutch text that has changed since (always false for Dutch).</param>
public sealed record TranslatedText(string Value, string Language, bool IsStale)
{
    public bool IsTranslated => Language != ContentTranslations.Dutch;

    public override string ToString() => Value;
}
