using System.Text;
using Buurtplatform.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Web.Search;

/// <summary>
/// SQLite FTS5. SQLite has no Dutch stemmer, so the index holds our analyzer's terms (Snowball stems,
/// proven identical to PostgreSQL's on Snowball's 45,670-word vocabulary) and FTS5 only splits them
/// on spaces. The FTS5 table <c>search_fts</c> is an external-content table over SearchDocuments,
/// kept in step by triggers (migration AddSearchIndex), so every insert, update or delete of an index
/// row updates the full-text index in the same transaction.
/// </summary>
public sealed class SqliteSearchEngine : ISearchEngine
{
    public static readonly SqliteSearchEngine Instance = new();

    private SqliteSearchEngine()
    {
    }

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

    public async Task<SearchMatches> MatchAsync(AppDbContext db, SearchPlan plan, CancellationToken ct)
    {
        // User text never reaches the MATCH syntax: every term is our analyzer's output (letters and
        // digits), and is still written as a quoted FTS5 string, so words like AND, NOT or NEAR are
        // plain words. Everything is passed as parameters.
        // Only rowids: FTS5 answers them from its doclists without reading SearchDocuments or computing
        // bm25, which is what made broad queries cost ~4 µs per match.
        const string sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH @q";
        var ids = await EngineSql.IdsAsync(db, sql, [new SqliteParameter("@q", Query(plan))], ct);
        var titles = new List<List<int>>();
        foreach (var g in plan.Groups)
            titles.Add(await EngineSql.IdsAsync(db, sql, [new SqliteParameter("@q", "TitleText : " + Expression(g))], ct));
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
        var alternatives = g.Terms.Distinct().Select(Quote)
            .Concat(g.Prefixes.Distinct().Select(p => Quote(p) + "*"));
        return "(" + string.Join(" OR ", alternatives) + ")";
    }

    private static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
