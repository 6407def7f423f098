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

    public async Task<List<SearchCandidate>> MatchAsync(AppDbContext db, SearchPlan plan, CancellationToken ct)
    {
        // User text never reaches the MATCH syntax: every term is our analyzer's output (letters and
        // digits), and is still written as a quoted FTS5 string, so words like AND, NOT or NEAR are
        // plain words. Everything is passed as parameters.
        var parameters = new List<object> { new SqliteParameter("@q", string.Join(" AND ", plan.Groups.Select(Expression))) };
        var titleHits = new StringBuilder();
        for (var i = 0; i < plan.Groups.Count; i++)
        {
            parameters.Add(new SqliteParameter($"@t{i}", "TitleText : " + Expression(plan.Groups[i])));
            titleHits.Append(i == 0 ? "" : " + ")
                .Append($"(d.\"Id\" IN (SELECT rowid FROM search_fts WHERE search_fts MATCH @t{i}))");
        }

        var sql = $"""
            SELECT d."Id", d."Kind", d."GemeenteId", d."WijkId", d."ActivityType", d."AgeBands", d."DayMask", d."IsFree",
                   d."LastDate", d."Latitude", d."Longitude",
                   {titleHits} AS "TitleHits",
                   -bm25(search_fts, 4.0, 1.0) AS "Relevance"
            FROM search_fts
            JOIN "SearchDocuments" AS d ON d."Id" = search_fts.rowid
            WHERE search_fts MATCH @q
            """;
        return await db.Database.SqlQueryRaw<SearchCandidate>(sql, parameters.ToArray()).ToListAsync(ct);
    }

    public async Task AfterRebuildAsync(AppDbContext db, CancellationToken ct) =>
        // Rebuilds the FTS5 index from the content table: the triggers already did this row by row,
        // but an operator's rebuild should also repair an FTS5 table that was damaged some other way.
        await db.Database.ExecuteSqlRawAsync("INSERT INTO search_fts(search_fts) VALUES('rebuild')", ct);

    private static string Expression(TermGroup g)
    {
        var alternatives = g.Terms.Distinct().Select(Quote)
            .Concat(g.Prefixes.Distinct().Select(p => Quote(p) + "*"));
        return "(" + string.Join(" OR ", alternatives) + ")";
    }

    private static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
