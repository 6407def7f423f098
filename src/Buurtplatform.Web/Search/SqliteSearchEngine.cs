using Microsoft.Data.Sqlite;

namespace Buurtplatform.Web.Search;

/// <summary>
/// SQLite FTS5. SQLite has no Dutch stemmer, so the index holds our analyzer's terms (Snowball stems,
/// proven identical to PostgreSQL's on Snowball's 45,670-word vocabulary) and FTS5 only splits them
/// on spaces. The FTS5 table <c>search_fts</c> is an external-content table over SearchDocuments,
/// kept in step by triggers (<c>Data/SqliteFullText.cs</c>), so every insert, update or delete of an index
/// row updates the full-text index in the same transaction.
/// </summary>
public sealed class SqliteSearchEngine : ISearchEngine
{
    public static readonly SqliteSearchEngine Instance = new();

    private SqliteSearchEngine()
    {
    }

    /// <inheritdoc />
    public bool RelevanceIsPerDocument => false; // bm25 weighs each term by how many documents have it

    /// <inheritdoc />
    /// <remarks>
    /// Measured on the 100,000-activity benchmark corpus: MATCH restricted to given rowids costs about
    /// 0.15 ms per id and query (once for the words, once per word for the title), a full MATCH about
    /// 0.2 µs per match (0.3 ms for 5,000 matches, 15 ms for 79,000). So: patch while that is cheaper.
    /// </remarks>
    public bool PatchIsCheaper(int changed, int groups, int matches) => (long)changed * (groups + 1) * 750 < matches;

    public string IndexText(IReadOnlyList<AnalyzedWord> words)
    {
        var sb = new StringBuilder();
        foreach (var w in words)
        {
            if (w.Term is null)
                continue;
            if (sb.Length > 0)
                sb.Append(' ');
            sb.Append(w.Term);
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    /// <remarks>The row holds our analyzer's terms already.</remarks>
    public string? TermOf(string indexWord) => indexWord;

    public async Task<SearchMatches> MatchAsync(AppDbContext db, SearchPlan plan, IReadOnlyCollection<int>? among, CancellationToken ct)
    {
        // User text never reaches the MATCH syntax: every term is our analyzer's output (letters and
        // digits), and is still written as a quoted FTS5 string, so words like AND, NOT or NEAR are
        // plain words. Everything is passed as parameters.
        // Only rowids: FTS5 answers them from its doclists without reading SearchDocuments or computing
        // bm25, which is what made broad queries cost ~4 µs per match. They come back as one text
        // (group_concat runs inside SQLite) instead of one row each: a hundred thousand rows through the
        // ADO.NET reader cost more than the full-text query itself.
        // Among given ids (at most MatchCache.MaxPending): "rowid IN" in the WHERE makes SQLite run the
        // MATCH once per id, each seeking that rowid in the doclists. Cheap for the few ids a publish
        // changes (see docs/performance.md), far too dear for the thousands RelevanceAsync handles.
        var sql = "SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH @q"
            + (among is null ? "" : " AND rowid IN (SELECT value FROM json_each(@among))");
        var amongJson = among is null ? null : "[" + string.Join(',', among) + "]";
        SqliteParameter[] Parameters(string match) => amongJson is null
            ? [new("@q", match)]
            : [new("@q", match), new("@among", amongJson)];
        var ids = await EngineSql.IdListAsync(db, sql, Parameters(Query(plan)), ct);
        var titles = new List<List<int>>();
        foreach (var g in plan.Groups)
            titles.Add(await EngineSql.IdListAsync(db, sql, Parameters("TitleText : " + Expression(g)), ct));
        return new SearchMatches(ids, titles);
    }

    public async Task<Dictionary<int, double>> RelevanceAsync(AppDbContext db, SearchPlan plan, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        // bm25 runs only for the wanted rows (the page's ties), not for every match. Written as CASE, not as
        // "AND rowid IN (…)" in the WHERE: SQLite hands that constraint to FTS5, which then re-runs the
        // MATCH once per id (seconds for a few thousand ids); here the id list is built once and probed.
        var result = new Dictionary<int, double>(ids.Count);
        if (ids.Count == 0)
            return result;
        await EngineSql.ReadAsync(db, """
            SELECT id, r FROM (
                SELECT rowid AS id, CASE WHEN rowid IN (SELECT value FROM json_each(@ids)) THEN -bm25(search_fts, 4.0, 1.0) END AS r
                FROM search_fts WHERE search_fts MATCH @q)
            WHERE r IS NOT NULL
            """, [new SqliteParameter("@q", Query(plan)), new SqliteParameter("@ids", "[" + string.Join(',', ids) + "]")],
            r => result[r.GetInt32(0)] = r.GetDouble(1), ct);
        return result;
    }

    public async Task AfterRebuildAsync(AppDbContext db, CancellationToken ct) =>
        // Rebuilds the FTS5 index from the content table: the triggers already did this row by row,
        // but an operator's rebuild should also repair an FTS5 table that was damaged some other way.
        await db.Database.ExecuteSqlRawAsync("INSERT INTO search_fts(search_fts) VALUES('rebuild')", ct);

    private static string Query(SearchPlan plan) => string.Join(" AND ", plan.Groups.Select(Expression));

    private static string Expression(TermGroup g)
    {
        var alternatives = g.EngineTerms.Select(Quote)
            .Concat(g.EnginePrefixes.Select(p => Quote(p) + "*"));
        return "(" + string.Join(" OR ", alternatives) + ")";
    }

    private static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
