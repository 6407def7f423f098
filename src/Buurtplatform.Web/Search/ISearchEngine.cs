using Microsoft.EntityFrameworkCore.Storage;

namespace Buurtplatform.Web.Search;

/// <summary>
/// The seam between the provider-neutral search (analysis, facets, ranking rules, display) and the
/// database's own full-text index. One implementation per database provider; the provider's
/// DbContext names its engine (<see cref="AppDbContext.SearchEngine"/>), so engine and database
/// cannot be mismatched. All SQL that only one provider understands lives behind this interface.
/// </summary>
public interface ISearchEngine
{
    /// <summary>The text stored in <see cref="SearchDocument.TitleText"/> or <see cref="SearchDocument.BodyText"/> for these words.</summary>
    string IndexText(IReadOnlyList<AnalyzedWord> words);

    /// <summary>
    /// The term one space-separated word of an <see cref="IndexText"/> stands for (what the engine's own index holds for
    /// it), or null when it has none (a stop word): the in-memory index (<see cref="TermIndex"/>) is built from these.
    /// </summary>
    string? TermOf(string indexWord);

    /// <summary>
    /// The ids of every indexed document that matches all groups of <paramref name="plan"/> (only among
    /// <paramref name="among"/> when given: a cached answer is brought up to date for the rows a publish
    /// changed), and per group the ids of documents whose title matches that group. Ids only: the facet
    /// and rank fields come from <see cref="SearchIndexSnapshot"/>, and relevance only for the few that need it.
    /// </summary>
    Task<SearchMatches> MatchAsync(AppDbContext db, SearchPlan plan, IReadOnlyCollection<int>? among, CancellationToken ct);

    /// <summary>
    /// Whether a document's relevance depends on that document alone (PostgreSQL's <c>ts_rank</c>), so it
    /// stays valid when other documents change; false when it also weighs the whole index (FTS5's bm25,
    /// with its inverse document frequency), so every publish can shift it.
    /// </summary>
    bool RelevanceIsPerDocument { get; }

    /// <summary>
    /// Whether bringing a cached answer of <paramref name="matches"/> ids up to date for <paramref name="changed"/>
    /// rows (<see cref="MatchAsync"/> with <c>among</c>) is likely cheaper than asking for every match again.
    /// </summary>
    bool PatchIsCheaper(int changed, int groups, int matches);

    /// <summary>The engine's relevance (higher is better) of these matching documents for <paramref name="plan"/>.</summary>
    Task<Dictionary<int, double>> RelevanceAsync(AppDbContext db, SearchPlan plan, IReadOnlyCollection<int> ids, CancellationToken ct);

    /// <summary>Engine-specific work after the index rows were rebuilt (e.g. FTS5's own rebuild).</summary>
    Task AfterRebuildAsync(AppDbContext db, CancellationToken ct);
}

/// <summary>What the engine found: the matching ids, and per query group the ids whose title matches that group (not necessarily all matches).</summary>
public sealed record SearchMatches(List<int> Ids, IReadOnlyList<List<int>> TitleIds);

/// <summary>
/// One word of the query and the index terms that satisfy it: its stem, the stems of vocabulary
/// words one typo away, and for the last word the prefixes it may be the start of.
/// </summary>
public sealed record TermGroup(string Typed, IReadOnlyList<string> Terms, IReadOnlyList<string> Prefixes, IReadOnlyList<string> Corrections)
{
    /// <summary>
    /// The prefixes the engine is asked for: none that a shorter one already covers ("zing" covers "zingen").
    /// </summary>
    public IEnumerable<string> EnginePrefixes => Prefixes.Distinct().Where(p => !Prefixes.Any(q => q.Length < p.Length && p.StartsWith(q, StringComparison.Ordinal)));

    /// <summary>
    /// The whole terms the engine is asked for: none that a prefix already covers. Asking for "peuter"
    /// next to "peuter*" matches nothing more, but makes the engine merge the same long list twice.
    /// </summary>
    public IEnumerable<string> EngineTerms => Terms.Distinct().Where(t => !Prefixes.Any(p => t.StartsWith(p, StringComparison.Ordinal)));
}

/// <summary>An analysed query: every group must match (AND); within a group any term or prefix (OR).</summary>
public sealed record SearchPlan(IReadOnlyList<TermGroup> Groups)
{
    public bool IsEmpty => Groups.Count == 0;

    /// <summary>
    /// What the engine is asked, as text: two plans with the same key match the same documents (the
    /// groups' terms and prefixes; the typed words and corrections only change what the page says).
    /// </summary>
    public string Key => string.Join(" & ", Groups.Select(g =>
        string.Join(" | ", g.EngineTerms.Order(StringComparer.Ordinal)) + " * " + string.Join(" | ", g.EnginePrefixes.Order(StringComparer.Ordinal))));
}

/// <summary>Plain ADO.NET reads on the context's connection: the engines read tens of thousands of ids, which EF's materializer would slow down.</summary>
internal static class EngineSql
{
    /// <summary>Runs <paramref name="sql"/> in the context's transaction (if any) and hands each row to <paramref name="row"/>.</summary>
    public static async Task ReadAsync(AppDbContext db, string sql, IEnumerable<System.Data.Common.DbParameter> parameters, Action<System.Data.Common.DbDataReader> row, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = sql;
            cmd.Transaction = db.Database.CurrentTransaction is { } tx ? tx.GetDbTransaction() : null;
            foreach (var p in parameters)
                cmd.Parameters.Add(p);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                row(reader);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The ids in the one text value <paramref name="sql"/> answers: decimal numbers separated by commas (SQLite's group_concat); none for NULL.</summary>
    public static async Task<List<int>> IdListAsync(AppDbContext db, string sql, IEnumerable<System.Data.Common.DbParameter> parameters, CancellationToken ct)
    {
        var ids = new List<int>();
        await ReadAsync(db, sql, parameters, r =>
        {
            if (r.IsDBNull(0))
                return;
            var text = r.GetString(0).AsSpan();
            var value = 0;
            foreach (var c in text)
            {
                if (c == ',')
                {
                    ids.Add(value);
                    value = 0;
                }
                else
                {
                    value = (value * 10) + (c - '0');
                }
            }

            ids.Add(value);
        }, ct);
        return ids;
    }
}
