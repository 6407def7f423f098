using System.Text;
using Buurtplatform.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Buurtplatform.Web.Search;

/// <summary>
/// PostgreSQL full text. The index rows hold the words (lower case, accents kept, only the curated
/// lexicon's rewrites applied) and PostgreSQL analyses them itself with the <c>dutch_unaccent</c>
/// configuration (<c>unaccent</c>, then the Snowball <c>dutch_stem</c> dictionary with its stop
/// words) into two generated tsvector columns: "TitleVector" and "SearchVector" (title weight A,
/// body weight B), the latter with a GIN index. Queries are built from our analyzer's terms as
/// tsquery lexemes, which equal PostgreSQL's stems (the Snowball vocabulary test proves the stemmer,
/// the cross-engine test the whole chain).
/// </summary>
public sealed class PostgresSearchEngine : ISearchEngine
{
    public static readonly PostgresSearchEngine Instance = new();

    private PostgresSearchEngine()
    {
    }

    public string IndexText(IReadOnlyList<AnalyzedWord> words) => string.Join(' ', words.Select(w => w.PostgresInput));

    public async Task<List<SearchCandidate>> MatchAsync(AppDbContext db, SearchPlan plan, CancellationToken ct)
    {
        // The tsquery text is built here from analyzer terms (letters and digits), each quoted as a
        // lexeme, and passed as a parameter cast to tsquery: no user text is parsed as tsquery syntax.
        var parameters = new List<object> { new NpgsqlParameter("q", string.Join(" & ", plan.Groups.Select(Expression))) };
        var titleHits = new StringBuilder();
        for (var i = 0; i < plan.Groups.Count; i++)
        {
            parameters.Add(new NpgsqlParameter($"t{i}", Expression(plan.Groups[i])));
            titleHits.Append(i == 0 ? "" : " + ").Append($"(d.\"TitleVector\" @@ CAST(@t{i} AS tsquery))::int");
        }

        var sql = $"""
            SELECT d."Id", d."Kind", d."GemeenteId", d."WijkId", d."ActivityType", d."AgeBands", d."DayMask", d."IsFree",
                   d."LastDate", d."Latitude", d."Longitude",
                   {titleHits} AS "TitleHits",
                   ts_rank(d."SearchVector", q.query)::float8 AS "Relevance"
            FROM "SearchDocuments" AS d, CAST(@q AS tsquery) AS q(query)
            WHERE d."SearchVector" @@ q.query
            """;
        return await db.Database.SqlQueryRaw<SearchCandidate>(sql, parameters.ToArray()).ToListAsync(ct);
    }

    public Task AfterRebuildAsync(AppDbContext db, CancellationToken ct) =>
        // The vectors are generated columns: rewriting the rows recomputed them. Nothing else to do.
        Task.CompletedTask;

    private static string Expression(TermGroup g)
    {
        var alternatives = g.Terms.Distinct().Select(Quote)
            .Concat(g.Prefixes.Distinct().Select(p => Quote(p) + ":*"));
        return "(" + string.Join(" | ", alternatives) + ")";
    }

    private static string Quote(string term) =>
        "'" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
