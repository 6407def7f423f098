using System.Collections.Concurrent;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.Search;

/// <summary>
/// The translated text of a node as search reads it (<see cref="ContentTranslation.Fields"/>): its title (the field
/// <c>title</c>, which only some kinds translate), and the text a snippet is cut from: the summary (or a partner's role) and
/// the body as plain text, as the Dutch index row's <see cref="SearchDocument.Text"/> is made.
/// </summary>
internal static class TranslatedDocument
{
    public const string TitleField = "title";

    private static readonly string[] TextFields = ["summary", "role"];

    public static string? Title(ContentTranslation t) =>
        t.Fields.TryGetValue(TitleField, out var title) && !string.IsNullOrWhiteSpace(title) ? title.Trim() : null;

    public static string Text(ContentTranslation t) =>
        SearchDocumentBuilder.Join([.. TextFields.Select(t.Fields.GetValueOrDefault), SearchDocumentBuilder.Plain(t.Fields.GetValueOrDefault(TranslatableFields.Body))]);

    /// <summary>Every translated field's words: the title's, and the others' (Markdown as plain text).</summary>
    public static (List<string> Title, List<string> Other) Words(ContentTranslation t)
    {
        var other = new List<string>();
        foreach (var (path, value) in t.Fields)
        {
            if (path != TitleField)
                other.AddRange(TranslationAnalyzer.Words(path == TranslatableFields.Body ? SearchDocumentBuilder.Plain(value) : value));
        }

        return (TranslationAnalyzer.Words(Title(t)), other);
    }
}

/// <summary>
/// The translations of every node into one language as an inverted index of their words (<see cref="TranslationAnalyzer"/>):
/// per word, the nodes whose translation has it, and those whose translated title has it. Immutable; made whole from
/// the <c>ContentTranslations</c> rows of one translations version (<see cref="SearchIndexState.TranslationsId"/>).
/// </summary>
/// <remarks>
/// It holds words and node keys only, never text: which of those nodes are public, and under which index row, is the
/// search index's business (<see cref="TranslationIndexCache.DocIdsAsync"/>), so the visibility rules stay in one place.
/// </remarks>
internal sealed class TranslationIndex
{
    private readonly string[] _words;
    private readonly int[][] _entries;
    private readonly int[][] _titleEntries;
    private readonly Dictionary<Guid, int> _entryOf;

    private TranslationIndex(string culture, long version, Guid[] keys, string[] words, int[][] entries, int[][] titleEntries)
    {
        Culture = culture;
        Version = version;
        Keys = keys;
        _entryOf = keys.Select((k, e) => (k, e)).ToDictionary(x => x.k, x => x.e);
        _words = words;
        _entries = entries;
        _titleEntries = titleEntries;
    }

    public string Culture { get; }

    /// <summary>The translations' version the rows were read at.</summary>
    public long Version { get; }

    /// <summary>The translated nodes, by entry number.</summary>
    public IReadOnlyList<Guid> Keys { get; }

    /// <summary>Whether the node has a translation into this language (at this version).</summary>
    public bool Has(Guid nodeKey) => _entryOf.ContainsKey(nodeKey);

    /// <summary>The entry of the node's translation.</summary>
    public bool TryGetEntry(Guid nodeKey, out int entry) => _entryOf.TryGetValue(nodeKey, out entry);

    public static TranslationIndex Build(string culture, long version, IEnumerable<ContentTranslation> rows)
    {
        var keys = new List<Guid>();
        var postings = new Dictionary<string, (List<int> All, List<int> Title)>(StringComparer.Ordinal);
        foreach (var row in rows.OrderBy(r => r.NodeKey))
        {
            var entry = keys.Count;
            keys.Add(row.NodeKey);
            var (title, other) = TranslatedDocument.Words(row);
            foreach (var word in title.Concat(other).Distinct(StringComparer.Ordinal))
            {
                if (!postings.TryGetValue(word, out var p))
                    postings[word] = p = ([], []);
                p.All.Add(entry);
            }

            foreach (var word in title.Distinct(StringComparer.Ordinal))
                postings[word].Title.Add(entry);
        }

        var words = postings.Keys.Order(StringComparer.Ordinal).ToArray();
        return new TranslationIndex(culture, version, [.. keys], words,
            [.. words.Select(w => postings[w].All.ToArray())], [.. words.Select(w => postings[w].Title.ToArray())]);
    }

    /// <summary>
    /// The entries whose translation has every word of <paramref name="plan"/> (a prefix word: some word starting with
    /// it), each with the number of the plan's words its title has, in entry order.
    /// </summary>
    public List<(int Entry, int TitleHits)> Match(TranslatedPlan plan)
    {
        var found = new List<(int, int)>();
        if (plan.IsEmpty || Keys.Count == 0)
            return found;
        var groups = new int[Keys.Count];
        var titles = new int[Keys.Count];
        // Per word: which entries already counted it (an entry with "zingen" and "zingt" for "zin*" counts once).
        var seen = new int[Keys.Count];
        var titleSeen = new int[Keys.Count];
        for (var g = 0; g < plan.Words.Count; g++)
        {
            var stamp = g + 1;
            foreach (var w in Range(plan.Words[g]))
            {
                foreach (var e in _entries[w])
                {
                    if (seen[e] != stamp)
                    {
                        seen[e] = stamp;
                        groups[e]++;
                    }
                }

                foreach (var e in _titleEntries[w])
                {
                    if (titleSeen[e] != stamp)
                    {
                        titleSeen[e] = stamp;
                        titles[e]++;
                    }
                }
            }
        }

        for (var e = 0; e < groups.Length; e++)
        {
            if (groups[e] == plan.Words.Count)
                found.Add((e, titles[e]));
        }

        return found;
    }

    /// <summary>The positions in <see cref="_words"/> of the word, or of every word it starts (binary search, then a scan).</summary>
    private IEnumerable<int> Range(TranslatedWord w)
    {
        var i = Array.BinarySearch(_words, w.Word, StringComparer.Ordinal);
        if (!w.Prefix)
        {
            if (i >= 0)
                yield return i;
            yield break;
        }

        for (var j = i >= 0 ? i : ~i; j < _words.Length && _words[j].StartsWith(w.Word, StringComparison.Ordinal); j++)
            yield return j;
    }
}

/// <summary>
/// The <see cref="TranslationIndex"/> of each language (a singleton, like <see cref="SearchIndexSnapshotCache"/>), and
/// which search index row each translated node has at the current index version. Each search in another language reads
/// the translations' version (one primary-key read) and makes the language's index again when it moved; the index rows
/// of the translated nodes are looked up once per index version. Both are kept only when their version did not move
/// while they were read and no transaction of the caller's is open, so a publish on this or another app instance is
/// never mixed with older rows.
/// </summary>
public sealed class TranslationIndexCache
{
    private const int Chunk = 500;

    /// <summary>
    /// More index rows written since the last lookup than this (an import, a rebuild): the translated nodes' rows are
    /// looked up again whole instead of brought up to date.
    /// </summary>
    private const int MaxChanged = 10_000;

    private readonly ConcurrentDictionary<string, TranslationIndex> _indexes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _building = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Binding> _bindings = new(StringComparer.Ordinal);

    /// <summary>
    /// The index of the translations into <paramref name="culture"/>, at the database's translations version. Made by one
    /// search at a time per language: the others wait for it rather than read the same rows.
    /// </summary>
    internal async Task<TranslationIndex> IndexAsync(AppDbContext db, string culture, CancellationToken ct)
    {
        var version = await SearchIndexState.ReadTranslationsAsync(db, ct);
        if (_indexes.TryGetValue(culture, out var kept) && kept.Version == version)
            return kept;
        var gate = _building.GetOrAdd(culture, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (_indexes.TryGetValue(culture, out kept) && kept.Version == version)
                return kept;
            var rows = await db.ContentTranslations.AsNoTracking().Where(t => t.Culture == culture).ToListAsync(ct);
            var index = TranslationIndex.Build(culture, version, rows);
            if (db.Database.CurrentTransaction is null && await SearchIndexState.ReadTranslationsAsync(db, ct) == version)
                _indexes.AddOrUpdate(culture, index, (_, old) => old.Version > version ? old : index);
            return index;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Per entry of <paramref name="index"/>, the id of its node's search index row in <paramref name="snapshot"/>'s index
    /// version, or -1 when the node has none (not public, or gone). Looked up whole once per translations version; after
    /// a publish brought up to date from the rows written since (by <see cref="SearchDocument.IndexVersion"/>, as the
    /// snapshot is). Consistent: the index version was still the snapshot's after the rows were read (else the caller
    /// asks again).
    /// </summary>
    internal async Task<(int[] DocIds, bool Consistent)> DocIdsAsync(AppDbContext db, TranslationIndex index, SearchIndexSnapshot snapshot, CancellationToken ct)
    {
        var version = snapshot.Version;
        _bindings.TryGetValue(index.Culture, out var kept);
        if (kept is not null && (!ReferenceEquals(kept.Index, index) || kept.IndexVersion > version))
            kept = null;
        if (kept?.IndexVersion == version)
            return (kept.DocIds, true);

        int[]? docIds = null;
        if (kept is not null)
        {
            var changed = await db.SearchDocuments.AsNoTracking().Where(d => d.IndexVersion > kept.IndexVersion)
                .OrderBy(d => d.IndexVersion).Select(d => new { d.Id, d.NodeKey }).Take(MaxChanged + 1).ToListAsync(ct);
            if (changed.Count <= MaxChanged)
            {
                // A row gone since (unpublished, deleted) is dropped; a row written since is taken as it is now (an
                // unpublished node published again has a new row and id). Ids are not reused by either database
                // (AUTOINCREMENT, identity), but a row id written since is never trusted to be the old node's.
                docIds = (int[])kept.DocIds.Clone();
                var changedIds = changed.Select(c => c.Id).ToHashSet();
                for (var e = 0; e < docIds.Length; e++)
                {
                    if (docIds[e] >= 0 && (changedIds.Contains(docIds[e]) || !snapshot.Contains(docIds[e])))
                        docIds[e] = -1;
                }

                foreach (var row in changed)
                {
                    if (index.TryGetEntry(row.NodeKey, out var entry))
                        docIds[entry] = row.Id;
                }
            }
        }

        if (docIds is null)
        {
            var ids = new Dictionary<Guid, int>();
            foreach (var chunk in index.Keys.Chunk(Chunk))
            {
                foreach (var row in await db.SearchDocuments.AsNoTracking().Where(d => chunk.Contains(d.NodeKey)).Select(d => new { d.NodeKey, d.Id }).ToListAsync(ct))
                    ids[row.NodeKey] = row.Id;
            }

            docIds = index.Keys.Select(k => ids.GetValueOrDefault(k, -1)).ToArray();
        }

        var consistent = await SearchIndexState.ReadAsync(db, ct) == version;
        if (consistent && db.Database.CurrentTransaction is null)
        {
            var binding = new Binding(index, version, docIds);
            _bindings.AddOrUpdate(index.Culture, binding, (_, old) => ReferenceEquals(old.Index, index) && old.IndexVersion > version ? old : binding);
        }

        return (docIds, consistent);
    }

    private sealed record Binding(TranslationIndex Index, long IndexVersion, int[] DocIds);
}
