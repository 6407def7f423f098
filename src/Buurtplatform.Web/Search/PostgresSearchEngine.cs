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

    /// <inheritdoc />
    public bool RelevanceIsPerDocument => true; // ts_rank looks at the document's own vector only

    /// <inheritdoc />
    /// <remarks>The changed rows are read by primary key, a few microseconds each: always cheaper than every match's heap row.</remarks>
    public bool PatchIsCheaper(int changed, int groups, int matches) => true;

    public string IndexText(IReadOnlyList<AnalyzedWord> words) => string.Join(' ', words.Select(w => w.PostgresInput));

    /// <inheritdoc />
    /// <remarks>
    /// The row holds the words PostgreSQL analyses itself; our analyzer gives the same term for each
    /// (<c>CrossEngineTests.PostgresAnalysesEveryWordExactlyAsTheCSharpAnalyzer</c>), and a rewritten word analyses to its own term.
    /// </remarks>
    public string? TermOf(string indexWord) => DutchAnalyzer.AnalyzeWord(indexWord).Term;

    public async Task<SearchMatches> MatchAsync(AppDbContext db, SearchPlan plan, IReadOnlyCollection<int>? among, CancellationToken ct)
    {
        // The tsquery text is built here from analyzer terms (letters and digits), each quoted as a
        // lexeme, and passed as a parameter cast to tsquery: no user text is parsed as tsquery syntax.
        // One row back: the matching ids as an array, and per group the ids whose (small) title vector
        // matches too, aggregated inside PostgreSQL (a hundred thousand rows through the reader cost more
        // than the query). No ts_rank for every match: that comes later for the page's ties only.
        var parameters = new List<System.Data.Common.DbParameter> { new NpgsqlParameter("q", Query(plan)) };
        var titleArrays = new StringBuilder();
        for (var i = 0; i < plan.Groups.Count; i++)
        {
            parameters.Add(new NpgsqlParameter($"t{i}", Expression(plan.Groups[i])));
            titleArrays.Append(CultureInfo.InvariantCulture, $", array_agg(d.\"Id\") FILTER (WHERE d.\"TitleVector\" @@ CAST(@t{i} AS tsquery))");
        }

        var sql = $"""
            SELECT array_agg(d."Id"){titleArrays}
            FROM "SearchDocuments" AS d
            WHERE d."SearchVector" @@ CAST(@q AS tsquery){(among is null ? "" : " AND d.\"Id\" = ANY(@among)")}
            """;
        if (among is not null)
            parameters.Add(new NpgsqlParameter("among", among.ToArray())); // by primary key: only these rows are read
        var ids = new List<int>();
        var titles = plan.Groups.Select(_ => new List<int>()).ToList();
        await EngineSql.ReadAsync(db, sql, parameters, r =>
        {
            if (!r.IsDBNull(0))
                ids.AddRange(r.GetFieldValue<int[]>(0));
            for (var i = 0; i < titles.Count; i++)
            {
                if (!r.IsDBNull(i + 1))
                    titles[i].AddRange(r.GetFieldValue<int[]>(i + 1));
            }
        }, ct);
        return new SearchMatches(ids, titles);
    }

    public async Task<Dictionary<int, double>> RelevanceAsync(AppDbContext db, SearchPlan plan, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        // ts_rank only for these rows (the page's ties), found by primary key.
        var result = new Dictionary<int, double>(ids.Count);
        if (ids.Count == 0)
            return result;
        await EngineSql.ReadAsync(db, """
            SELECT d."Id", ts_rank(d."SearchVector", CAST(@q AS tsquery))::float8
            FROM "SearchDocuments" AS d
            WHERE d."Id" = ANY(@ids)
            """, [new NpgsqlParameter("q", Query(plan)), new NpgsqlParameter("ids", ids.ToArray())],
            r => result[r.GetInt32(0)] = r.GetDouble(1), ct);
        return result;
    }

    public Task AfterRebuildAsync(AppDbContext db, CancellationToken ct) =>
        // The vectors are generated columns: rewriting the rows recomputed them. Nothing else to do.
        Task.CompletedTask;

    private static string Query(SearchPlan plan) => string.Join(" & ", plan.Groups.Select(Expression));

    private static string Expression(TermGroup g)
    {
        var alternatives = g.EngineTerms.Select(Quote)
            .Concat(g.EnginePrefixes.Select(p => Quote(p) + ":*"));
        return "(" + string.Join(" | ", alternatives) + ")";
    }

    private static string Quote(string term) =>
        "'" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
