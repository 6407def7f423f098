using System.Buffers;
using System.Numerics;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.NearMe;
using Microsoft.AspNetCore.Html;

namespace Buurtplatform.Web.Search;

/// <summary>One result as the page shows it.</summary>
/// <param name="TitleLanguage">The language <paramref name="Title"/> is in: the page's when the node's translation has a title, else Dutch.</param>
/// <param name="SnippetLanguage">The language <paramref name="Snippet"/> is in: the page's when the node's translation has text, else Dutch.</param>
public sealed record SearchHit(
    SearchKind Kind, string Title, string Url, string Wijk, string Gemeente, IHtmlContent Snippet,
    ActivityOccurrence? NextDate, bool IsPast, double? Latitude, double? Longitude, ApproximateDistance? Distance,
    string TitleLanguage = ContentTranslations.Dutch, string SnippetLanguage = ContentTranslations.Dutch);

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
/// vocabulary), finds every match in the snapshot's in-memory index (<see cref="TermIndex"/>; the engine when
/// <see cref="SearchOptions.InMemoryIndex"/> is off), then applies facets, ranking and paging here, the
/// same way for both providers, and loads what the page shows for one page of results.
/// </summary>
/// <remarks>
/// Ranking: upcoming before past activities; with a location, nearest first; then more query words
/// in the title; then relevance (BM25 over the in-memory index, the same on both providers; the engine's
/// bm25/ts_rank when the in-memory index is off). Facet counts are disjunctive: a value's count is what
/// the parent gets by ticking it, given the other facets' choices.
/// In another language than Dutch the words are also looked for in the nodes' translations into it
/// (<see cref="TranslationIndex"/>): a node is found when its Dutch text or its translation has them all,
/// and a match in the translated title counts as a title match. Such nodes, found only in their
/// translation, have no relevance: among equal keys they come after the Dutch matches.
/// </remarks>
public sealed class SearchService(AppDbContext db, ActivityCalendar calendar, IOptions<SearchOptions> options,
    SearchIndexSnapshotCache? snapshots = null, TranslationIndexCache? translations = null, Content.Published.Published? published = null)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private readonly SearchOptions _options = options.Value;

    // Without DI (a tool or benchmark that builds the service by hand) each service has its own cache.
    private readonly SearchIndexSnapshotCache _snapshots = snapshots ?? new SearchIndexSnapshotCache();

    private readonly TranslationIndexCache _translations = translations ?? new TranslationIndexCache();

    /// <summary>Where each search's time goes, when set (the benchmark's breakdown; null in the site).</summary>
    internal SearchStages? Stages { get; set; }

    /// <summary>Search in Dutch: <c>/zoeken</c>.</summary>
    public Task<SearchResults> SearchAsync(SearchQuery query, GeoPoint? origin, CancellationToken ct) =>
        SearchAsync(query, origin, ContentTranslations.Dutch, ct);

    /// <summary>
    /// Search on a page in <paramref name="culture"/> (a two-letter code; <c>/ar/zoeken</c>): the Dutch search, and where
    /// nodes can be translated into that language also their translations, whose titles and text the results then show.
    /// </summary>
    public async Task<SearchResults> SearchAsync(SearchQuery query, GeoPoint? origin, string culture, CancellationToken ct)
    {
        Stages?.Start();
        var (plan, corrections, unknown) = await PlanAsync(query.Text, ct);
        Stages?.Mark(SearchStages.Plan);
        // The language's translations (none for Dutch): searched when there are words, shown in the results either way.
        var translations = ContentTranslation.Cultures.Contains(culture) ? await _translations.IndexAsync(db, culture, ct) : null;
        var translated = translations is null ? TranslatedPlan.Empty : TranslatedPlan.From(query.Text, _options.MaxWords, _options.MinPrefixLength);
        // The wijken the place facet lists: the site's published-content snapshot (without one, as in a service built by
        // hand for a benchmark, the same public wijken from the database), by gemeente name, then name, ordinal.
        var wijken = published is not null
            ? (await published.GetAsync(ct)).Wijken.Select(w => new WijkRef(w.Id, w.Slug, w.Name, w.GemeenteId, w.Gemeente.Slug, w.Gemeente.Name)).ToList()
            : (await db.PublicWijken().Select(w => new WijkRef(w.Id, w.Slug, w.Name, w.GemeenteId, w.Gemeente.Slug, w.Gemeente.Name)).ToListAsync(ct))
                .OrderBy(w => w.GemeenteName, StringComparer.Ordinal).ThenBy(w => w.Name, StringComparer.Ordinal).ThenBy(w => w.Id).ToList();

        Stages?.Mark(SearchStages.Context);
        var searched = true;
        var browse = false;
        if (plan.IsEmpty && translated.IsEmpty)
        {
            // No words, but a place, a filter or a postcode: everything that fits.
            browse = !query.HasText && (query.HasFacets || origin is not null);
            searched = browse || query.HasText;
        }

        // The matching ids, the translated matches' ids and the snapshot's fields are of the same index version (see MatchAsync).
        var (snapshot, cached, translatedIds) = await MatchAsync(plan, translated, translations, ct);
        // The engine's answer as lists (the in-memory index's is read from its arrays, see below).
        var matches = cached is { Memory: null } ? cached.Matches : null;

        var stages = Stages;
        stages?.Mark(SearchStages.Match);
        var filter = new Filter(query, wijken);
        var today = DateOnly.FromDateTime(calendar.Today.ToDateTimeUnspecified()).DayNumber;
        var docs = snapshot.Docs;
        var memory = cached?.Memory;

        // Per document id: whether its Dutch text matched, whether its translation did, and how many query words
        // matched in its title (Dutch or translated, whichever has more; MaxWords is at most 32). Both per-document arrays
        // are pooled: a search allocates nothing per match.
        var marks = ArrayPool<byte>.Shared.Rent(docs.Length);
        var rankedArray = ArrayPool<Ranked>.Shared.Rent(docs.Length);
        try
        {
            Array.Clear(marks, 0, docs.Length);
            const byte Matched = 0x80;
            const byte TranslationMatched = 0x40;
            const byte TitleHits = 0x3F;
            if (memory is not null)
            {
                var ids = memory.Ids;
                var bits = memory.TitleBits;
                for (var i = 0; i < ids.Length; i++)
                {
                    if (snapshot.Contains(ids[i]))
                        marks[ids[i]] = (byte)(Matched | BitOperations.PopCount(bits[i]));
                }
            }
            else if (matches is not null)
            {
                foreach (var id in matches.Ids)
                {
                    if (snapshot.Contains(id))
                        marks[id] = Matched;
                }

                foreach (var titleIds in matches.TitleIds)
                {
                    foreach (var id in titleIds)
                    {
                        if ((uint)id < (uint)docs.Length && marks[id] != 0)
                            marks[id]++;
                    }
                }
            }
            else if (browse)
            {
                for (var id = 0; id < docs.Length; id++)
                {
                    if (docs[id].Exists && docs[id].Kind is SearchKind.Activity or SearchKind.MeetingPlace)
                        marks[id] = Matched;
                }
            }

            foreach (var (id, titleHits) in translatedIds)
            {
                if (snapshot.Contains(id))
                    marks[id] = (byte)((marks[id] & Matched) | TranslationMatched | Math.Max(marks[id] & TitleHits, titleHits));
            }

            var counts = new FacetCounts(wijken);
            var rankedCount = 0;
            // The in-memory answer's relevance, read alongside (its ids ascending, as this loop goes).
            var memoryIds = memory?.Ids ?? [];
            var memoryAt = 0;
            // A chosen distance filters (before the facets are counted, so their counts are of what can be shown); without
            // one a postcode only sorts. What has no place of its own (a wijk page, a vision) is not "within 2 km".
            var maxMeters = origin is not null && query.DistanceKm is { } km ? km * 1000.0 : (double?)null;
            for (var id = 0; id < docs.Length; id++)
            {
                if (marks[id] == 0)
                    continue;
                ref readonly var d = ref docs[id];
                var meters = Distance(d, origin);
                if (maxMeters is { } max && !(meters <= max))
                    continue;
                if (Count(d, filter, counts))
                {
                    var past = d.Kind == SearchKind.Activity && d.LastDay < today;
                    var translationOnly = (marks[id] & Matched) == 0;
                    var relevance = 0f;
                    if (memory is not null && !translationOnly)
                    {
                        while (memoryAt < memoryIds.Length && memoryIds[memoryAt] < id)
                            memoryAt++;
                        if (memoryAt < memoryIds.Length && memoryIds[memoryAt] == id)
                            relevance = memory.Relevance[memoryAt];
                    }

                    rankedArray[rankedCount++] = new Ranked(id, past, meters ?? double.MaxValue, marks[id] & TitleHits, translationOnly, relevance);
                }
            }

            stages?.Mark(SearchStages.Facets);
            var ranked = new ArraySegment<Ranked>(rankedArray, 0, rankedCount);
            var facets = Facets(counts, query, wijken);
            var pageCount = Math.Max(1, (rankedCount + _options.PageSize - 1) / _options.PageSize);
            var page = Math.Min(query.Page, pageCount);
            var pageItems = memory is not null
                ? InMemoryPage(ranked, (page - 1) * _options.PageSize)
                : await PageAsync(ranked, (page - 1) * _options.PageSize, plan, cached, ct);
            stages?.Mark(SearchStages.Page);
            var hits = await LoadAsync(pageItems, docs, origin, plan, translated, translations, wijken, ct);
            stages?.Mark(SearchStages.Load);
            var didYouMean = rankedCount == 0 && unknown.Count > 0 ? await DidYouMeanAsync(query.Text, unknown, ct) : null;
            return new SearchResults(query, searched, query.HasText && plan.IsEmpty && translated.IsEmpty, rankedCount, page, pageCount, hits, facets,
                corrections, didYouMean, origin);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(marks);
            ArrayPool<Ranked>.Shared.Return(rankedArray);
        }
    }

    /// <summary>
    /// The matches (<see cref="SearchIndexSnapshotCache.MatchAsync"/>) and, for a page in another language, the
    /// index rows whose node's translation matches, with their translated title hits, all of the snapshot's index
    /// version: when a publish moved the version while the translated nodes' rows were looked up, both are asked again
    /// (after a few attempts the last answer is taken, as the engine's matches are).
    /// </summary>
    private async Task<(SearchIndexSnapshot Snapshot, CachedMatches? Matches, List<(int Id, int TitleHits)> Translated)> MatchAsync(
        SearchPlan plan, TranslatedPlan translated, TranslationIndex? index, CancellationToken ct)
    {
        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var (snapshot, cached) = await _snapshots.MatchAsync(db, plan, ct);
            if (translated.IsEmpty || index is null)
                return (snapshot, cached, []);
            var found = index.Match(translated);
            if (found.Count == 0)
                return (snapshot, cached, []);
            var (docIds, consistent) = await _translations.DocIdsAsync(db, index, snapshot, ct);
            if (consistent || attempt == Attempts)
                return (snapshot, cached, found.Where(f => docIds[f.Entry] >= 0).Select(f => (docIds[f.Entry], f.TitleHits)).ToList());
        }
    }

    /// <summary>
    /// One page of the ranking when every match's relevance is known (the in-memory index): the best up to the page's end
    /// by the full order (rank keys, Dutch before translation-only, relevance, id), selected without sorting every match.
    /// </summary>
    private List<Ranked> InMemoryPage(ArraySegment<Ranked> ranked, int skip)
    {
        if (ranked.Count == 0 || skip >= ranked.Count)
            return [];
        var end = Math.Min(ranked.Count, skip + _options.PageSize);
        return Best(ranked, end, FullOrder.Instance).GetRange(skip, end - skip);
    }

    /// <summary>
    /// One page of the ranking: upcoming before past; nearest first; more title words first;
    /// relevance; id. Everything but relevance is known for every match, so the best matches up to the
    /// page's end are selected by those keys (ids ascending within equal keys) without sorting them all,
    /// and relevance is asked only for the matches whose keys lie between the page's first and last: the
    /// same page as sorting every match by all five keys.
    /// </summary>
    private async Task<List<Ranked>> PageAsync(ArraySegment<Ranked> ranked, int skip, SearchPlan plan, CachedMatches? matches, CancellationToken ct)
    {
        if (ranked.Count == 0 || skip >= ranked.Count)
            return [];
        var end = Math.Min(ranked.Count, skip + _options.PageSize);
        var top = Best(ranked, end);
        if (matches is null)
            return top.GetRange(skip, end - skip); // no words: no relevance, id breaks ties

        // Every match keyed from the page's first to its last key, and how many come before them.
        Ranked first = top[skip], last = top[end - 1];
        var before = 0;
        var ties = new List<Ranked>();
        foreach (var r in ranked)
        {
            if (RankComparer.Instance.Compare(r, first) < 0)
                before++;
            else if (RankComparer.Instance.Compare(r, last) <= 0)
                ties.Add(r);
        }

        // Relevance of the Dutch matches (asked of the engine); what only a translation matched comes after them (RankThenRelevance).
        var relevance = await matches.RelevanceAsync(ties.Where(r => !r.TranslationOnly).Select(r => r.Id).ToList(), ids => db.SearchEngine.RelevanceAsync(db, plan, ids, ct));
        var withRelevance = new RankThenRelevance(relevance);
        return Best(ties, end - before, withRelevance).GetRange(skip - before, end - skip);
    }

    /// <summary>The <paramref name="count"/> first of <paramref name="ranked"/> by <paramref name="order"/> (default: rank keys, then id), in that order (a bounded heap: n log count).</summary>
    private static List<Ranked> Best(IReadOnlyList<Ranked> ranked, int count, IComparer<Ranked>? order = null)
    {
        order ??= RankThenRelevance.RankThenId;
        if (count * 4 >= ranked.Count)
        {
            // The order is total (id last): an unstable sort gives the same list.
            var all = ranked.ToArray();
            Array.Sort(all, order);
            return all.Take(count).ToList();
        }

        // A max-heap of the best so far: its root is the worst of them, replaced by anything better.
        var heap = new PriorityQueue<Ranked, Ranked>(count, Comparer<Ranked>.Create((x, y) => order.Compare(y, x)));
        for (var i = 0; i < ranked.Count; i++)
        {
            var r = ranked[i];
            if (heap.Count < count)
                heap.Enqueue(r, r);
            else if (order.Compare(r, heap.Peek()) < 0)
                heap.EnqueueDequeue(r, r);
        }

        var best = new List<Ranked>(count);
        while (heap.TryDequeue(out var r, out _))
            best.Add(r);
        best.Reverse();
        return best;
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

    private static double? Distance(in DocFields d, GeoPoint? origin) =>
        origin is { } o && d.HasLocation ? o.DistanceMetersTo(new GeoPoint(d.Latitude, d.Longitude)) : null;

    private async Task<List<SearchHit>> LoadAsync(List<Ranked> items, DocFields[] fields, GeoPoint? origin, SearchPlan plan,
        TranslatedPlan translated, TranslationIndex? translatedNodes, List<WijkRef> wijken, CancellationToken ct)
    {
        if (items.Count == 0)
            return [];
        var ids = items.Select(x => x.Id).ToList();
        var docs = await db.SearchDocuments.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.NodeKey, d.Kind, d.Title, d.Url, d.Text, d.WijkId }).ToDictionaryAsync(d => d.Id, ct);
        // The page's nodes in the page's language, where they are translated (Dutch: none; no query when none of them is).
        var culture = translatedNodes?.Culture ?? ContentTranslations.Dutch;
        var keys = translatedNodes is null ? [] : docs.Values.Select(d => d.NodeKey).Where(translatedNodes.Has).ToList();
        var translations = keys.Count == 0 ? []
            : await db.ContentTranslations.AsNoTracking().Where(t => t.Culture == culture && keys.Contains(t.NodeKey)).ToDictionaryAsync(t => t.NodeKey, ct);
        var activityKeys = docs.Values.Where(d => d.Kind == SearchKind.Activity).Select(d => d.NodeKey).ToList();
        // Only for the next date: no wijk, place or organiser joined in (the index row already says where it is,
        // and holds only public content; the state test covers an unpublish committed since the row was read).
        var activities = activityKeys.Count == 0 ? [] : await db.Activities.AsNoTracking()
            .Where(a => a.State == PublishState.Published && activityKeys.Contains(a.Key)).ToListAsync(ct);
        var byKey = activities.ToDictionary(a => a.Key);
        var wijkById = wijken.ToDictionary(w => w.Id);

        var hits = new List<SearchHit>();
        foreach (var item in items)
        {
            // A row can vanish between the two queries (a concurrent unpublish): then it is skipped.
            if (!docs.TryGetValue(item.Id, out var d) || !wijkById.TryGetValue(d.WijkId, out var w))
                continue;
            var f = fields[item.Id];
            var next = byKey.TryGetValue(d.NodeKey, out var a) ? calendar.Next(a, 1).FirstOrDefault() : null;
            var distance = Distance(f, origin);
            var translation = translations.GetValueOrDefault(d.NodeKey);
            var title = translation is null ? null : TranslatedDocument.Title(translation);
            var text = translation is null ? "" : TranslatedDocument.Text(translation);
            hits.Add(new SearchHit(d.Kind, title is null ? d.Title : Cut(title), d.Url, w.Name, w.GemeenteName,
                Snippets.Build(text.Length > 0 ? text : d.Text, plan, translated, _options.SnippetWords),
                next, item.Past, f.HasLocation ? f.Latitude : null, f.HasLocation ? f.Longitude : null,
                distance is { } m ? ApproximateDistance.From(m) : null,
                title is null ? ContentTranslations.Dutch : culture, text.Length == 0 ? ContentTranslations.Dutch : culture));
        }

        return hits;
    }

    /// <summary>A translated title as long as an index row's title may be (<see cref="SearchDocument.Title"/>).</summary>
    private static string Cut(string title) => title.Length > SearchDocumentBuilder.MaxTitle ? title[..SearchDocumentBuilder.MaxTitle] : title;

    /// <summary>
    /// Adds one match to the facet counts (disjunctive: each facet is counted under the other facets'
    /// choices) and says whether it passes every choice, i.e. is a result.
    /// </summary>
    private static bool Count(in DocFields c, Filter f, FacetCounts counts)
    {
        bool place = f.Place(c), type = f.Type(c), age = f.Age(c), day = f.Day(c), isFree = f.Free(c);
        if (type && age && day && isFree)
        {
            // Rows of wijken not listed (not public) are not counted: the facet does not show them.
            if ((uint)c.GemeenteId < (uint)counts.Gemeenten.Length)
                counts.Gemeenten[c.GemeenteId]++;
            if ((uint)c.WijkId < (uint)counts.Wijken.Length)
                counts.Wijken[c.WijkId]++;
        }

        if (place && age && day && isFree && c.ActivityType != DocFields.NoType)
            counts.Types[c.ActivityType]++;
        if (place && type && day && isFree)
        {
            for (var i = 0; i < counts.Ages.Length; i++)
                counts.Ages[i] += (c.AgeBands >> i) & 1;
        }

        if (place && type && age && isFree)
        {
            for (var i = 0; i < 7; i++)
                counts.Days[i] += (c.DayMask >> i) & 1;
        }

        if (place && type && age && day && c.IsFree)
            counts.Free++;
        return place && type && age && day && isFree;
    }

    private static SearchFacets Facets(FacetCounts counts, SearchQuery q, List<WijkRef> wijken)
    {
        var places = wijken.GroupBy(w => (w.GemeenteId, w.GemeenteSlug, w.GemeenteName))
            .Select(g => new PlaceFacet(
                new FacetValue(g.Key.GemeenteSlug, g.Key.GemeenteName, counts.Gemeenten[g.Key.GemeenteId], q.Gemeenten.Contains(g.Key.GemeenteSlug)),
                g.Select(w => new FacetValue(w.Value, w.Name, counts.Wijken[w.Id], q.Wijken.Contains(w.Value))).ToList()))
            .ToList();
        var types = ActivityTypes.All.Select(t => (t, new FacetValue(t.ToSlug(), t.LabelKey(), counts.Types[(int)t], q.Types.Contains(t)))).ToList();
        var ages = SearchQuery.AgeWords.Select((word, i) => ((AgeBands)(1 << i), new FacetValue(word, "Search.Age." + word, counts.Ages[i], q.Ages.HasFlag((AgeBands)(1 << i))))).ToList();
        var days = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday }
            .Select(d => (d, new FacetValue(Agenda.AgendaFilter.DayWords[(int)d], "", counts.Days[(int)d], q.Days.Contains(d)))).ToList();
        return new SearchFacets(places, types, ages, days, new FacetValue("ja", "Search.Facet.Free", counts.Free, q.FreeOnly));
    }

    /// <summary>Counts per facet value, in arrays indexed by id (this loop runs once for every match).</summary>
    private sealed class FacetCounts(List<WijkRef> wijken)
    {
        public int[] Gemeenten { get; } = new int[wijken.Count == 0 ? 0 : wijken.Max(w => w.GemeenteId) + 1];

        public int[] Wijken { get; } = new int[wijken.Count == 0 ? 0 : wijken.Max(w => w.Id) + 1];

        public int[] Types { get; } = new int[Enum.GetValues<ActivityType>().Max(t => (int)t) + 1];

        public int[] Ages { get; } = new int[SearchQuery.AgeWords.Length];

        public int[] Days { get; } = new int[7];

        public int Free { get; set; }
    }

    /// <summary>
    /// A result with the rank keys known without the engine: past or not, distance (MaxValue when unknown), title words;
    /// and whether only its translation matched (then the engine has no relevance for it).
    /// </summary>
    /// <param name="Relevance">The in-memory index's relevance (0 when only a translation matched, or when the engine answered: then asked per page).</param>
    private readonly record struct Ranked(int Id, bool Past, double Distance, int TitleHits, bool TranslationOnly = false, float Relevance = 0);

    /// <summary>Upcoming first, then nearest, then more title words. Relevance and id come after (see PageAsync).</summary>
    private sealed class RankComparer : IComparer<Ranked>
    {
        public static readonly RankComparer Instance = new();

        public int Compare(Ranked x, Ranked y)
        {
            var c = x.Past.CompareTo(y.Past);
            if (c != 0)
                return c;
            c = x.Distance.CompareTo(y.Distance);
            return c != 0 ? c : y.TitleHits.CompareTo(x.TitleHits);
        }
    }

    /// <summary>
    /// The rank keys, then the Dutch matches before those only a translation matched, then relevance
    /// (higher first), then id ascending: the full ranking, a total order.
    /// </summary>
    private sealed class RankThenRelevance(Dictionary<int, double> relevance) : IComparer<Ranked>
    {
        /// <summary>Without relevance values: the rank keys, then id.</summary>
        public static readonly RankThenRelevance RankThenId = new([]);

        public int Compare(Ranked x, Ranked y)
        {
            var c = RankComparer.Instance.Compare(x, y);
            if (c != 0)
                return c;
            c = x.TranslationOnly.CompareTo(y.TranslationOnly);
            if (c != 0)
                return c;
            c = relevance.GetValueOrDefault(y.Id).CompareTo(relevance.GetValueOrDefault(x.Id));
            return c != 0 ? c : x.Id.CompareTo(y.Id);
        }
    }

    /// <summary>
    /// The full ranking with the relevance carried by each result (the in-memory index): the same total order as
    /// <see cref="RankThenRelevance"/> with the relevance values asked for (a float compared as the double it was handed out as).
    /// </summary>
    private sealed class FullOrder : IComparer<Ranked>
    {
        public static readonly FullOrder Instance = new();

        public int Compare(Ranked x, Ranked y)
        {
            var c = RankComparer.Instance.Compare(x, y);
            if (c != 0)
                return c;
            c = x.TranslationOnly.CompareTo(y.TranslationOnly);
            if (c != 0)
                return c;
            c = y.Relevance.CompareTo(x.Relevance);
            return c != 0 ? c : x.Id.CompareTo(y.Id);
        }
    }

    private sealed record WijkRef(int Id, string Slug, string Name, int GemeenteId, string GemeenteSlug, string GemeenteName)
    {
        public string Value => $"{GemeenteSlug}/{Slug}";
    }

    /// <summary>The facet choices as tests on a document's fields: OR within a facet, AND between facets.</summary>
    private sealed class Filter
    {
        private readonly bool[] _gemeenten;
        private readonly bool[] _wijken;
        private readonly bool _anyPlace;
        private readonly int _types;
        private readonly int _ages;
        private readonly int _days;
        private readonly bool _free;

        public Filter(SearchQuery q, List<WijkRef> wijken)
        {
            _gemeenten = new bool[wijken.Count == 0 ? 0 : wijken.Max(w => w.GemeenteId) + 1];
            _wijken = new bool[wijken.Count == 0 ? 0 : wijken.Max(w => w.Id) + 1];
            foreach (var w in wijken)
            {
                _gemeenten[w.GemeenteId] |= q.Gemeenten.Contains(w.GemeenteSlug);
                _wijken[w.Id] |= q.Wijken.Contains(w.Value);
            }

            _anyPlace = q.Gemeenten.Count > 0 || q.Wijken.Count > 0;
            _types = q.Types.Aggregate(0, (m, t) => m | (1 << (int)t));
            _ages = (int)q.Ages;
            _days = q.Days.Aggregate(0, (m, d) => m | (1 << (int)d));
            _free = q.FreeOnly;
        }

        public bool Place(in DocFields c) =>
            !_anyPlace || ((uint)c.GemeenteId < (uint)_gemeenten.Length && _gemeenten[c.GemeenteId]) || ((uint)c.WijkId < (uint)_wijken.Length && _wijken[c.WijkId]);

        public bool Type(in DocFields c) => _types == 0 || (c.ActivityType != DocFields.NoType && ((_types >> c.ActivityType) & 1) != 0);

        public bool Age(in DocFields c) => _ages == 0 || (c.AgeBands & _ages) != 0;

        public bool Day(in DocFields c) => _days == 0 || (c.DayMask & _days) != 0;

        public bool Free(in DocFields c) => !_free || c.IsFree;
    }
}

/// <summary>
/// The time of each stage of the searches of one <see cref="SearchService"/> (for the benchmark; the site sets none):
/// plan (analysis, vocabulary), context (wijken, translations), match (version read, snapshot, match), facets (counting
/// and rank keys of every match), page (selecting the page), load (the page's rows).
/// </summary>
internal sealed class SearchStages
{
    public const int Plan = 0;
    public const int Context = 1;
    public const int Match = 2;
    public const int Facets = 3;
    public const int Page = 4;
    public const int Load = 5;

    public static readonly string[] Names = ["plan", "context", "match", "facets", "page", "load"];

    private long _last;

    /// <summary>Per stage, its time in milliseconds of each search.</summary>
    public List<double>[] Times { get; } = [.. Names.Select(_ => new List<double>())];

    public void Start() => _last = System.Diagnostics.Stopwatch.GetTimestamp();

    public void Mark(int stage)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        Times[stage].Add(System.Diagnostics.Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds);
        _last = now;
    }

    public void Clear()
    {
        foreach (var t in Times)
            t.Clear();
    }
}
