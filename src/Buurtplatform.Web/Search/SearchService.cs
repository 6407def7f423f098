using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Data;
using Buurtplatform.Web.NearMe;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurtplatform.Web.Search;

/// <summary>One result as the page shows it.</summary>
public sealed record SearchHit(
    SearchKind Kind, string Title, string Url, string Wijk, string Gemeente, IHtmlContent Snippet,
    ActivityOccurrence? NextDate, bool IsPast, double? Latitude, double? Longitude, ApproximateDistance? Distance);

/// <summary>A facet value with its count: the number of results the parent would get by ticking it.</summary>
public sealed record FacetValue(string Value, string Label, int Count, bool Selected);

/// <summary>A gemeente with its wijken, for the "where" facet.</summary>
public sealed record PlaceFacet(FacetValue Gemeente, IReadOnlyList<FacetValue> Wijken);

public sealed record SearchFacets(
    IReadOnlyList<PlaceFacet> Places, IReadOnlyList<(ActivityType Type, FacetValue Value)> Types,
    IReadOnlyList<(AgeBands Band, FacetValue Value)> Ages, IReadOnlyList<(DayOfWeek Day, FacetValue Value)> Days, FacetValue Free);

/// <summary>A query word that was also searched as a vocabulary word one typo away.</summary>
public sealed record Correction(string Typed, IReadOnlyList<string> Words);

public sealed record SearchResults(
    SearchQuery Query, bool Searched, bool NoUsableWords, int Total, int Page, int PageCount, IReadOnlyList<SearchHit> Hits,
    SearchFacets Facets, IReadOnlyList<Correction> Corrections, string? DidYouMean, GeoPoint? Origin);

/// <summary>
/// Search, provider-neutral: analyses the query (stems, prefixes, typo corrections from the public
/// vocabulary), asks the engine for every match, then applies facets, ranking and paging here, the
/// same way for both engines, and loads what the page shows for one page of results.
/// </summary>
/// <remarks>
/// Ranking: upcoming before past activities; with a location, nearest first; then more query words
/// in the title; then the engine's relevance. Facet counts are disjunctive: a value's count is what
/// the parent gets by ticking it, given the other facets' choices.
/// </remarks>
public sealed class SearchService(AppDbContext db, ActivityCalendar calendar, IOptions<SearchOptions> options)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private readonly SearchOptions _options = options.Value;

    public async Task<SearchResults> SearchAsync(SearchQuery query, GeoPoint? origin, CancellationToken ct)
    {
        var (plan, corrections, unknown) = await PlanAsync(query.Text, ct);
        var wijken = await db.PublicWijken().OrderBy(w => w.Gemeente.Name).ThenBy(w => w.Name)
            .Select(w => new WijkRef(w.Id, w.Slug, w.Name, w.GemeenteId, w.Gemeente.Slug, w.Gemeente.Name)).ToListAsync(ct);

        List<SearchCandidate> candidates;
        var searched = true;
        if (!plan.IsEmpty)
            candidates = await db.SearchEngine.MatchAsync(db, plan, ct);
        else if (!query.HasText && (query.HasFacets || origin is not null))
            candidates = await Browse(ct); // no words, but a place, a filter or a postcode: everything that fits
        else
        {
            candidates = [];
            searched = query.HasText;
        }

        var filter = new Filter(query, wijken);
        var facets = Count(candidates, filter, query, wijken);
        var today = DateOnly.FromDateTime(calendar.Today.ToDateTimeUnspecified());
        var matching = candidates.Where(filter.All)
            .Select(c => (Candidate: c, Past: c.Kind == nameof(SearchKind.Activity) && c.LastDate < today, Distance: Distance(c, origin)))
            .OrderBy(x => x.Past)
            .ThenBy(x => x.Distance ?? double.MaxValue)
            .ThenByDescending(x => x.Candidate.TitleHits)
            .ThenByDescending(x => x.Candidate.Relevance)
            .ThenBy(x => x.Candidate.Id)
            .ToList();

        var pageCount = Math.Max(1, (matching.Count + _options.PageSize - 1) / _options.PageSize);
        var page = Math.Min(query.Page, pageCount);
        var pageItems = matching.Skip((page - 1) * _options.PageSize).Take(_options.PageSize).ToList();
        var hits = await LoadAsync(pageItems, plan, wijken, ct);
        var didYouMean = matching.Count == 0 && unknown.Count > 0 ? await DidYouMeanAsync(query.Text, unknown, ct) : null;
        return new SearchResults(query, searched, query.HasText && plan.IsEmpty, matching.Count, page, pageCount, hits, facets,
            corrections, didYouMean, origin);
    }

    /// <summary>
    /// Analyses the words: stop words go (as in PostgreSQL), the last word may be the start of a
    /// longer one, and words of five letters or more that no public document contains also match the
    /// vocabulary words one edit away ("babybootcmap" → babybootcamp).
    /// </summary>
    internal async Task<(SearchPlan Plan, List<Correction> Corrections, List<AnalyzedWord> Unknown)> PlanAsync(string text, CancellationToken ct)
    {
        var words = DutchAnalyzer.Analyze(text).Take(_options.MaxWords).ToList();
        var lookup = words.Where(w => w.Term is not null).Select(w => w.Word).Distinct().ToList();
        var known = lookup.Count == 0 ? [] : (await db.SearchTerms.AsNoTracking().Where(t => lookup.Contains(t.Word)).Select(t => t.Word).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var unknown = words.Where(w => w.Term is not null && !known.Contains(w.Word) && !w.Word.Any(char.IsDigit)).ToList();
        var near = await NearWordsAsync(unknown.Where(w => w.Word.Length >= _options.MinTypoLength).Select(w => w.Word), ct);

        var groups = new List<TermGroup>();
        var corrections = new List<Correction>();
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (w.Term is null || groups.Any(g => g.Typed == w.Lower))
                continue;
            var typos = near.GetValueOrDefault(w.Word) ?? [];
            if (typos.Count > 0)
                corrections.Add(new Correction(w.Lower, typos));
            var terms = new List<string> { w.Term };
            terms.AddRange(typos.Select(DutchAnalyzer.TermOf).OfType<string>());
            var prefixes = new List<string>();
            if (i == words.Count - 1 && w.Lower.Length >= _options.MinPrefixLength)
            {
                prefixes.Add(DutchText.Fold(w.Lower));
                prefixes.Add(w.Term);
            }

            groups.Add(new TermGroup(w.Lower, terms, prefixes, typos));
        }

        return (new SearchPlan(groups), corrections, unknown);
    }

    /// <summary>
    /// "Did you mean": the query with each unknown word (three letters or more) replaced by the most
    /// common public word one edit away. Asked only when nothing was found.
    /// </summary>
    internal async Task<string?> DidYouMeanAsync(string text, List<AnalyzedWord> unknown, CancellationToken ct)
    {
        var near = await NearWordsAsync(unknown.Where(w => w.Word.Length >= 3).Select(w => w.Word), ct);
        if (near.Count == 0)
            return null;
        var words = DutchAnalyzer.Analyze(text).Take(_options.MaxWords);
        return string.Join(' ', words.Select(w => near.TryGetValue(w.Word, out var n) ? n[0] : w.Lower));
    }

    /// <summary>For each word, the public vocabulary words one edit away, most common first (at most three).</summary>
    private async Task<Dictionary<string, List<string>>> NearWordsAsync(IEnumerable<string> words, CancellationToken ct)
    {
        var variants = words.Distinct().ToDictionary(w => w, OneEditVariants);
        var lookup = variants.Values.SelectMany(v => v).Distinct().ToList();
        if (lookup.Count == 0)
            return [];
        var found = await db.SearchTerms.AsNoTracking().Where(t => lookup.Contains(t.Word)).ToDictionaryAsync(t => t.Word, t => t.Documents, ct);
        return variants
            .Select(kv => (kv.Key, Near: kv.Value.Where(found.ContainsKey).OrderByDescending(v => found[v]).ThenBy(v => v, StringComparer.Ordinal).Take(3).ToList()))
            .Where(x => x.Near.Count > 0)
            .ToDictionary(x => x.Key, x => x.Near);
    }

    /// <summary>Every string one insertion, deletion, substitution or adjacent swap away (the candidates <see cref="DutchText.WithinOneEdit"/> accepts).</summary>
    internal static HashSet<string> OneEditVariants(string word)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (word.Length > 30)
            return set;
        var letters = Alphabet.Concat(word).Distinct().ToArray();
        for (var i = 0; i <= word.Length; i++)
        {
            foreach (var c in letters)
                set.Add(string.Concat(word.AsSpan(0, i), [c], word.AsSpan(i)));
            if (i == word.Length)
                break;
            set.Add(string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1)));
            foreach (var c in letters)
                set.Add(string.Concat(word.AsSpan(0, i), [c], word.AsSpan(i + 1)));
            if (i + 1 < word.Length)
                set.Add(string.Concat(word.AsSpan(0, i), [word[i + 1], word[i]], word.AsSpan(i + 2)));
        }

        set.Remove(word);
        return set;
    }

    private async Task<List<SearchCandidate>> Browse(CancellationToken ct)
    {
        var rows = await db.SearchDocuments.AsNoTracking().Where(d => d.Kind == SearchKind.Activity || d.Kind == SearchKind.MeetingPlace)
            .Select(d => new { d.Id, d.Kind, d.GemeenteId, d.WijkId, d.ActivityType, d.AgeBands, d.DayMask, d.IsFree, d.LastDate, d.Latitude, d.Longitude })
            .ToListAsync(ct);
        return rows.Select(d => new SearchCandidate
        {
            Id = d.Id,
            Kind = d.Kind.ToString(),
            GemeenteId = d.GemeenteId,
            WijkId = d.WijkId,
            ActivityType = d.ActivityType?.ToString(),
            AgeBands = (int)d.AgeBands,
            DayMask = d.DayMask,
            IsFree = d.IsFree,
            LastDate = d.LastDate,
            Latitude = d.Latitude,
            Longitude = d.Longitude,
        }).ToList();
    }

    private static double? Distance(SearchCandidate c, GeoPoint? origin) =>
        origin is { } o && c.Latitude is { } lat && c.Longitude is { } lon ? o.DistanceMetersTo(new GeoPoint(lat, lon)) : null;

    private async Task<List<SearchHit>> LoadAsync(List<(SearchCandidate Candidate, bool Past, double? Distance)> items, SearchPlan plan,
        List<WijkRef> wijken, CancellationToken ct)
    {
        if (items.Count == 0)
            return [];
        var ids = items.Select(x => x.Candidate.Id).ToList();
        var docs = await db.SearchDocuments.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.NodeKey, d.Kind, d.Title, d.Url, d.Text, d.WijkId }).ToDictionaryAsync(d => d.Id, ct);
        var activityKeys = docs.Values.Where(d => d.Kind == SearchKind.Activity).Select(d => d.NodeKey).ToList();
        var activities = activityKeys.Count == 0 ? [] : await db.PublicActivities().Where(a => activityKeys.Contains(a.Key)).ToListAsync(ct);
        var byKey = activities.ToDictionary(a => a.Key);
        var wijkById = wijken.ToDictionary(w => w.Id);

        var hits = new List<SearchHit>();
        foreach (var (c, past, distance) in items)
        {
            // A row can vanish between the two queries (a concurrent unpublish): then it is skipped.
            if (!docs.TryGetValue(c.Id, out var d) || !wijkById.TryGetValue(d.WijkId, out var w))
                continue;
            var next = byKey.TryGetValue(d.NodeKey, out var a) ? calendar.Next(a, 1).FirstOrDefault() : null;
            hits.Add(new SearchHit(d.Kind, d.Title, d.Url, w.Name, w.GemeenteName, Snippets.Build(d.Text, plan, _options.SnippetWords),
                next, past, c.Latitude, c.Longitude, distance is { } m ? ApproximateDistance.From(m) : null));
        }

        return hits;
    }

    private static SearchFacets Count(List<SearchCandidate> candidates, Filter f, SearchQuery q, List<WijkRef> wijken)
    {
        var gemeenteCounts = new Dictionary<int, int>();
        var wijkCounts = new Dictionary<int, int>();
        var typeCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var ageCounts = new int[SearchQuery.AgeWords.Length];
        var dayCounts = new int[7];
        var free = 0;
        foreach (var c in candidates)
        {
            bool place = f.Place(c), type = f.Type(c), age = f.Age(c), day = f.Day(c), isFree = f.Free(c);
            if (type && age && day && isFree)
            {
                gemeenteCounts[c.GemeenteId] = gemeenteCounts.GetValueOrDefault(c.GemeenteId) + 1;
                wijkCounts[c.WijkId] = wijkCounts.GetValueOrDefault(c.WijkId) + 1;
            }

            if (place && age && day && isFree && c.ActivityType is { } t)
                typeCounts[t] = typeCounts.GetValueOrDefault(t) + 1;
            if (place && type && day && isFree)
            {
                for (var i = 0; i < ageCounts.Length; i++)
                    ageCounts[i] += (c.AgeBands >> i) & 1;
            }

            if (place && type && age && isFree)
            {
                for (var i = 0; i < 7; i++)
                    dayCounts[i] += (c.DayMask >> i) & 1;
            }

            if (place && type && age && day && c.IsFree)
                free++;
        }

        var places = wijken.GroupBy(w => (w.GemeenteId, w.GemeenteSlug, w.GemeenteName))
            .Select(g => new PlaceFacet(
                new FacetValue(g.Key.GemeenteSlug, g.Key.GemeenteName, gemeenteCounts.GetValueOrDefault(g.Key.GemeenteId), q.Gemeenten.Contains(g.Key.GemeenteSlug)),
                g.Select(w => new FacetValue(w.Value, w.Name, wijkCounts.GetValueOrDefault(w.Id), q.Wijken.Contains(w.Value))).ToList()))
            .ToList();
        var types = ActivityTypes.All.Select(t => (t, new FacetValue(t.ToSlug(), t.LabelKey(), typeCounts.GetValueOrDefault(t.ToString()), q.Types.Contains(t)))).ToList();
        var ages = SearchQuery.AgeWords.Select((word, i) => ((AgeBands)(1 << i), new FacetValue(word, "Search.Age." + word, ageCounts[i], q.Ages.HasFlag((AgeBands)(1 << i))))).ToList();
        var days = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday }
            .Select(d => (d, new FacetValue(Agenda.AgendaFilter.DayWords[(int)d], "", dayCounts[(int)d], q.Days.Contains(d)))).ToList();
        return new SearchFacets(places, types, ages, days, new FacetValue("ja", "Search.Facet.Free", free, q.FreeOnly));
    }

    private sealed record WijkRef(int Id, string Slug, string Name, int GemeenteId, string GemeenteSlug, string GemeenteName)
    {
        public string Value => $"{GemeenteSlug}/{Slug}";
    }

    /// <summary>The facet choices as tests on a candidate: OR within a facet, AND between facets.</summary>
    private sealed class Filter
    {
        private readonly HashSet<int> _gemeenten;
        private readonly HashSet<int> _wijken;
        private readonly bool _anyPlace;
        private readonly HashSet<string> _types;
        private readonly int _ages;
        private readonly int _days;
        private readonly bool _free;

        public Filter(SearchQuery q, List<WijkRef> wijken)
        {
            _gemeenten = wijken.Where(w => q.Gemeenten.Contains(w.GemeenteSlug)).Select(w => w.GemeenteId).ToHashSet();
            _wijken = wijken.Where(w => q.Wijken.Contains(w.Value)).Select(w => w.Id).ToHashSet();
            _anyPlace = q.Gemeenten.Count > 0 || q.Wijken.Count > 0;
            _types = q.Types.Select(t => t.ToString()).ToHashSet(StringComparer.Ordinal);
            _ages = (int)q.Ages;
            _days = q.Days.Aggregate(0, (m, d) => m | (1 << (int)d));
            _free = q.FreeOnly;
        }

        public bool Place(SearchCandidate c) => !_anyPlace || _gemeenten.Contains(c.GemeenteId) || _wijken.Contains(c.WijkId);

        public bool Type(SearchCandidate c) => _types.Count == 0 || (c.ActivityType is { } t && _types.Contains(t));

        public bool Age(SearchCandidate c) => _ages == 0 || (c.AgeBands & _ages) != 0;

        public bool Day(SearchCandidate c) => _days == 0 || (c.DayMask & _days) != 0;

        public bool Free(SearchCandidate c) => !_free || c.IsFree;

        public bool All(SearchCandidate c) => Place(c) && Type(c) && Age(c) && Day(c) && Free(c);
    }
}
