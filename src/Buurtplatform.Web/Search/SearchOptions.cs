namespace Buurtplatform.Web.Search;

/// <summary>Search settings (section <c>Search</c>). Defaults in code; configuration overrides them; validated on start.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Longer queries are cut to this many characters (and the parent is told). Default 200.</summary>
    public int MaxQueryLength { get; set; } = 200;

    /// <summary>Only the first this-many words of a query are used. Default 8.</summary>
    public int MaxWords { get; set; } = 8;

    /// <summary>The last word also matches as the start of longer words from this length. Default 3 ("zin" → zingen).</summary>
    public int MinPrefixLength { get; set; } = 3;

    /// <summary>Words at least this long that are not in the vocabulary also match words one typo away. Default 5 (the rule).</summary>
    public int MinTypoLength { get; set; } = 5;

    /// <summary>Results per page. Default 20.</summary>
    public int PageSize { get; set; } = 20;

    /// <summary>Words in a result's snippet. Default 28.</summary>
    public int SnippetWords { get; set; } = 28;

    /// <summary>The default of <see cref="MatchCacheMegabytes"/>.</summary>
    public const int DefaultMatchCacheMegabytes = 64;

    /// <summary>
    /// Memory for the engine's recent answers (matching ids, 4 bytes each, and the relevance values asked
    /// for, about 48 bytes each), so paging, ticking a facet, typing a postcode or the next parent's same
    /// words do not ask the engine again. Default 64 MB: thousands of ordinary answers, a few dozen of
    /// 100,000 matches with their relevance values; 0 turns the cache off. Each app instance has its own;
    /// after a publish anywhere the answers are brought up to date for the changed rows only (see
    /// <see cref="SearchIndexSnapshotCache"/>).
    /// </summary>
    public int MatchCacheMegabytes { get; set; } = DefaultMatchCacheMegabytes;

    /// <summary>
    /// Whether searches are answered from memory: the terms of every index row held as an inverted index
    /// (<see cref="TermIndex"/>) beside the facet fields, per index version, which finds the matches and ranks the
    /// ties (BM25) without asking the database's full-text engine. Default true. False: the engine (SQLite FTS5 or
    /// PostgreSQL's tsvector) finds the matches and its bm25/ts_rank ranks the ties, as before; both write and keep
    /// their full-text index either way. Memory: about 6 bytes per distinct term per row (see docs/performance.md).
    /// </summary>
    public bool InMemoryIndex { get; set; } = true;

    /// <summary>
    /// Whether each app instance builds its search snapshot (the facet fields and the in-memory index, 1–2 s at 100,000
    /// activities) in the background as it starts, rather than in its first search. Default true. The start and the
    /// first page do not wait for it; a search that arrives during the build waits for that build and shares it (never
    /// an older or half-built snapshot). False: the first search builds it, as before.
    /// </summary>
    public bool WarmOnStart { get; set; } = true;

    internal static bool IsValid(SearchOptions o) =>
        o.MaxQueryLength is >= 20 and <= 2000 && o.MaxWords is >= 1 and <= 32 && o.MinPrefixLength >= 1
        && o.MinTypoLength >= 3 && o.PageSize is >= 5 and <= 200 && o.SnippetWords is >= 5 and <= 200
        && o.MatchCacheMegabytes is >= 0 and <= 4096;
}
