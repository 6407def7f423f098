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

    /// <summary>Every indexed document that matches all groups of <paramref name="plan"/>, with what ranking and facets need.</summary>
    Task<List<SearchCandidate>> MatchAsync(AppDbContext db, SearchPlan plan, CancellationToken ct);

    /// <summary>Engine-specific work after the index rows were rebuilt (e.g. FTS5's own rebuild).</summary>
    Task AfterRebuildAsync(AppDbContext db, CancellationToken ct);
}

/// <summary>A matching document: the facet fields, plus how many query words matched in the title and the engine's relevance.</summary>
public sealed class SearchCandidate
{
    public int Id { get; set; }

    public string Kind { get; set; } = "";

    public int GemeenteId { get; set; }

    public int WijkId { get; set; }

    public string? ActivityType { get; set; }

    public int AgeBands { get; set; }

    public int DayMask { get; set; }

    public bool IsFree { get; set; }

    public DateOnly? LastDate { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    /// <summary>How many query words (groups) match in the title.</summary>
    public int TitleHits { get; set; }

    /// <summary>The engine's own score (FTS5 bm25, PostgreSQL ts_rank); higher is better. Only breaks ties.</summary>
    public double Relevance { get; set; }
}

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
