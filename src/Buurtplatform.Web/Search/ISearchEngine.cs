using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using Buurtplatform.Web.Data;

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
    /// The ids of every indexed document that matches all groups of <paramref name="plan"/>, and per
    /// group the ids of documents whose title matches that group. Ids only: the facet and rank fields
    /// come from <see cref="SearchIndexSnapshot"/>, and relevance only for the few that need it.
    /// </summary>
    Task<SearchMatches> MatchAsync(AppDbContext db, SearchPlan plan, CancellationToken ct);

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
public sealed record TermGroup(string Typed, IReadOnlyList<string> Terms, IReadOnlyList<string> Prefixes, IReadOnlyList<string> Corrections);

/// <summary>An analysed query: every group must match (AND); within a group any term or prefix (OR).</summary>
public sealed record SearchPlan(IReadOnlyList<TermGroup> Groups)
{
    public bool IsEmpty => Groups.Count == 0;
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

    public static async Task<List<int>> IdsAsync(AppDbContext db, string sql, IEnumerable<System.Data.Common.DbParameter> parameters, CancellationToken ct)
    {
        var ids = new List<int>();
        await ReadAsync(db, sql, parameters, r => ids.Add(r.GetInt32(0)), ct);
        return ids;
    }
}
