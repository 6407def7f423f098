using System.Collections.Concurrent;
using System.Data;
using Buurtplatform.Calendar;
using Buurtplatform.Calendar.Ics;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Calendar;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Media;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using NodaTime;

namespace Buurtplatform.Web.Content.Published;

/// <summary>
/// Everything parents may see, held in memory (what Umbraco calls its published cache): the published gemeenten,
/// wijken, meeting places, partners, activities, visions, school holidays, public photos and translations, with
/// the lookups the public pages and feeds use and each activity's schedule as a calendar series. Built in one
/// read of the database (<see cref="LoadAsync"/>) and never changed afterwards: a change to the content makes a
/// new one (<see cref="PublishedContentStore"/>). Public pages read only this, so a page shows one consistent
/// state of the content, and the database is asked only for what changes per request (places left).
/// </summary>
/// <remarks>
/// The entities are detached EF objects with their navigations set (an activity's wijk, gemeente, place and
/// organiser; a place's wijk and host; a partner's and a vision's wijk; a gemeente's public wijken, by name). They are
/// shared by every request that reads this snapshot: nothing may change them. The other collections
/// (<c>Wijk.Activities</c> …) are left empty; the lookups below give the public children.
/// </remarks>
public sealed class PublishedContent
{
    private static readonly IReadOnlyList<Activity> NoActivities = [];
    private static readonly IReadOnlyList<MeetingPlace> NoPlaces = [];
    private static readonly IReadOnlyList<Partner> NoPartners = [];
    private static readonly IReadOnlyList<Wijk> NoWijken = [];

    private readonly Dictionary<string, Gemeente> _gemeenteBySlug;
    private readonly Dictionary<string, Wijk> _wijkByPath;
    private readonly Dictionary<string, MeetingPlace> _placeByPath;
    private readonly Dictionary<string, Activity> _activityByPath;
    private readonly Dictionary<int, Activity> _activityById;
    private readonly Dictionary<int, List<Wijk>> _wijkenByGemeente;
    private readonly Dictionary<int, List<Activity>> _activitiesByWijk;
    private readonly Dictionary<int, List<Activity>> _activitiesByGemeente;
    private readonly Dictionary<int, List<Activity>> _activitiesByPlace;
    private readonly Dictionary<int, List<MeetingPlace>> _placesByWijk;
    private readonly Dictionary<int, List<Partner>> _partnersByWijk;
    private readonly Dictionary<int, Vision.Vision> _visionByWijk;
    private readonly Dictionary<(NodeKind Kind, int Id), MediaItem> _photos;
    private readonly Dictionary<string, ContentTranslations> _translations;
    private readonly Dictionary<Activity, ActivityCalendarEntry> _calendar = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<(LocalDate From, int Days, string Culture), List<ActivityOccurrence>> _upcoming = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _once = new(StringComparer.Ordinal);

    private PublishedContent(long generation, IReadOnlyList<Gemeente> gemeenten, IReadOnlyList<Wijk> wijken, IReadOnlyList<MeetingPlace> places,
        IReadOnlyList<Partner> partners, IReadOnlyList<Activity> activities, IReadOnlyList<Vision.Vision> visions, SchoolHolidays? holidays,
        Dictionary<(NodeKind, int), MediaItem> photos, IReadOnlyList<ContentTranslation> translations)
    {
        Generation = generation;
        Gemeenten = gemeenten;
        Wijken = wijken;
        MeetingPlaces = places;
        Partners = partners;
        Activities = activities;
        Holidays = holidays;
        _photos = photos;
        _gemeenteBySlug = gemeenten.ToDictionary(g => g.Slug, StringComparer.Ordinal);
        _wijkByPath = wijken.ToDictionary(w => Path(w), StringComparer.Ordinal);
        _placeByPath = places.ToDictionary(p => Path(p.Wijk) + "/" + p.Slug, StringComparer.Ordinal);
        _activityByPath = activities.ToDictionary(a => Path(a.Wijk) + "/" + a.Slug, StringComparer.Ordinal);
        _activityById = activities.ToDictionary(a => a.Id);
        _wijkenByGemeente = wijken.GroupBy(w => w.GemeenteId).ToDictionary(g => g.Key, g => g.ToList());
        _activitiesByWijk = activities.GroupBy(a => a.WijkId).ToDictionary(g => g.Key, g => g.ToList());
        _activitiesByGemeente = activities.GroupBy(a => a.Wijk.GemeenteId).ToDictionary(g => g.Key, g => g.ToList());
        _activitiesByPlace = activities.GroupBy(a => a.MeetingPlaceId).ToDictionary(g => g.Key, g => g.ToList());
        _placesByWijk = places.GroupBy(p => p.WijkId).ToDictionary(g => g.Key, g => g.ToList());
        _partnersByWijk = partners.GroupBy(p => p.WijkId).ToDictionary(g => g.Key, g => g.ToList());
        _visionByWijk = visions.ToDictionary(v => v.WijkId);
        _translations = translations.GroupBy(t => t.Culture, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => ContentTranslations.OfPublished(g.Key, g), StringComparer.Ordinal);
        ActivityLanguages = activities.SelectMany(a => a.Languages).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var a in activities)
        {
            var series = ActivitySeries.From(a, holidays);
            _calendar[a] = new ActivityCalendarEntry(series, OutlookCompatibility.IsOutlookSafe(series));
        }
    }

    /// <summary>Which change this snapshot includes: every change raises the store's generation (<see cref="PublishedContentStore"/>).</summary>
    public long Generation { get; }

    /// <summary>Public gemeenten, by name.</summary>
    public IReadOnlyList<Gemeente> Gemeenten { get; }

    /// <summary>Public wijken (their gemeente public too), by gemeente name, then name.</summary>
    public IReadOnlyList<Wijk> Wijken { get; }

    /// <summary>Public meeting places, by name.</summary>
    public IReadOnlyList<MeetingPlace> MeetingPlaces { get; }

    /// <summary>Public partners, by name.</summary>
    public IReadOnlyList<Partner> Partners { get; }

    /// <summary>Public activities (their wijk, gemeente and place public too), by id.</summary>
    public IReadOnlyList<Activity> Activities { get; }

    /// <summary>The published school holidays, if any.</summary>
    public SchoolHolidays? Holidays { get; }

    /// <summary>The languages public activities are held in (two-letter codes), in code order.</summary>
    public IReadOnlyList<string> ActivityLanguages { get; }

    /// <summary><c>gemeente/wijk</c>: how the agenda's filter and the URLs name a wijk.</summary>
    public static string Path(Wijk w) => w.Gemeente.Slug + "/" + w.Slug;

    public Gemeente? Gemeente(string slug) => _gemeenteBySlug.GetValueOrDefault(slug);

    public Wijk? Wijk(string gemeente, string wijk) => _wijkByPath.GetValueOrDefault(gemeente + "/" + wijk);

    /// <summary>A wijk by its <c>gemeente/wijk</c> path (<see cref="Path"/>).</summary>
    public Wijk? Wijk(string path) => _wijkByPath.GetValueOrDefault(path);

    public MeetingPlace? MeetingPlace(string gemeente, string wijk, string slug) => _placeByPath.GetValueOrDefault(gemeente + "/" + wijk + "/" + slug);

    public Activity? Activity(string gemeente, string wijk, string slug) => _activityByPath.GetValueOrDefault(gemeente + "/" + wijk + "/" + slug);

    public Activity? Activity(int id) => _activityById.GetValueOrDefault(id);

    /// <summary>The public wijken of a gemeente, by name.</summary>
    public IReadOnlyList<Wijk> WijkenIn(Gemeente g) => _wijkenByGemeente.TryGetValue(g.Id, out var list) ? list : NoWijken;

    /// <summary>The public activities of a wijk, by id.</summary>
    public IReadOnlyList<Activity> ActivitiesIn(Wijk w) => _activitiesByWijk.TryGetValue(w.Id, out var list) ? list : NoActivities;

    public IReadOnlyList<Activity> ActivitiesIn(Gemeente g) => _activitiesByGemeente.TryGetValue(g.Id, out var list) ? list : NoActivities;

    public IReadOnlyList<Activity> ActivitiesAt(MeetingPlace p) => _activitiesByPlace.TryGetValue(p.Id, out var list) ? list : NoActivities;

    /// <summary>The public meeting places of a wijk, by name.</summary>
    public IReadOnlyList<MeetingPlace> MeetingPlacesIn(Wijk w) => _placesByWijk.TryGetValue(w.Id, out var list) ? list : NoPlaces;

    /// <summary>The public partners of a wijk, by name.</summary>
    public IReadOnlyList<Partner> PartnersIn(Wijk w) => _partnersByWijk.TryGetValue(w.Id, out var list) ? list : NoPartners;

    /// <summary>The wijk's published vision (the wijk itself may be a draft in a preview).</summary>
    public Vision.Vision? VisionOf(Wijk w) => _visionByWijk.GetValueOrDefault(w.Id);

    /// <summary>The public photo of a wijk, meeting place or activity (by its id: also for a draft of a public node in a preview).</summary>
    public MediaItem? Photo(NodeKind kind, int id) => _photos.GetValueOrDefault((kind, id));

    /// <summary>Every published translation into <paramref name="culture"/> (none for Dutch or a language without content translations).</summary>
    public ContentTranslations Translations(string culture) => _translations.GetValueOrDefault(culture) ?? ContentTranslations.None;

    /// <summary>The activity's schedule as a calendar series with the school holidays applied, when it is one of this snapshot's.</summary>
    public EventSeries? Series(Activity a) => _calendar.TryGetValue(a, out var entry) ? entry.Series : null;

    /// <summary>Whether Outlook can show the activity as one series (<see cref="OutlookCompatibility"/>), when it is one of this snapshot's.</summary>
    public bool? IsOutlookSafe(Activity a) => _calendar.TryGetValue(a, out var entry) ? entry.OutlookSafe : null;

    /// <summary>
    /// Every public activity's dates on the days [<paramref name="from"/>, +<paramref name="days"/>), cancelled ones included,
    /// by start and then title, as <see cref="ActivityCalendar"/> orders them; expanded once per day and culture
    /// (the title order is the culture's). Callers drop the dates that have ended (<c>End &gt; now</c>).
    /// </summary>
    public IReadOnlyList<ActivityOccurrence> Dates(LocalDate from, int days)
    {
        var key = (from, days, CultureInfo.CurrentCulture.Name);
        if (_upcoming.TryGetValue(key, out var found))
            return found;
        if (_upcoming.Count > 64)
            _upcoming.Clear(); // yesterday's and rarely asked windows; a snapshot lives until the next change
        var until = from.PlusDays(days);
        var list = Activities.SelectMany(a => ActivityCalendar.Expand(a, _calendar[a].Series, from, until))
            .OrderBy(o => o.Start.ToInstant())
            .ThenBy(o => o.Activity.Title, StringComparer.CurrentCulture)
            .ToList();
        return _upcoming.GetOrAdd(key, list);
    }

    /// <summary>
    /// Something public that only some pages need (a vision's published ideas, the old paths that redirect), read from
    /// the database once for this snapshot: the first request that needs it loads it, the others share that. What it
    /// reads must be announced when it changes (<see cref="Infrastructure.Caching.CacheChanges"/>), as content is: the
    /// next snapshot then reads it again. A load that fails is tried again by the next request.
    /// </summary>
    public async Task<T> OnceAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken ct) where T : class
    {
        var lazy = _once.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await load(CancellationToken.None)));
        try
        {
            return (T)await lazy.Value.WaitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _once.TryRemove(new KeyValuePair<string, Lazy<Task<object>>>(key, lazy));
            throw;
        }
    }

    /// <summary>
    /// Reads everything public in one transaction (one consistent state of the database): about ten queries, however
    /// much content there is.
    /// </summary>
    public static async Task<PublishedContent> LoadAsync(AppDbContext db, long generation, CancellationToken ct)
    {
        var provider = db.Database.ProviderName ?? "";
        await using var tx = await db.Database.BeginTransactionAsync(
            provider.Contains("Npgsql", StringComparison.Ordinal) ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, ct);

        var gemeenten = (await db.Gemeenten.AsNoTracking().Where(g => g.State == PublishState.Published).ToListAsync(ct))
            .OrderBy(g => g.Name, StringComparer.Ordinal).ThenBy(g => g.Id).ToList();
        var gemeenteById = gemeenten.ToDictionary(g => g.Id);

        var wijken = (await db.Wijken.AsNoTracking().Where(w => w.State == PublishState.Published).ToListAsync(ct))
            .Where(w => gemeenteById.ContainsKey(w.GemeenteId)).ToList();
        foreach (var w in wijken)
            w.Gemeente = gemeenteById[w.GemeenteId];
        wijken = wijken.OrderBy(w => w.Gemeente.Name, StringComparer.Ordinal).ThenBy(w => w.Name, StringComparer.Ordinal).ThenBy(w => w.Id).ToList();
        var wijkById = wijken.ToDictionary(w => w.Id);
        foreach (var g in gemeenten)
            g.Wijken = wijken.Where(w => w.GemeenteId == g.Id).ToList(); // the one collection filled: the home page lists them

        // Organisers and hosts are shown whatever their own state (as the queries before the snapshot did).
        var partnerRows = await db.Partners.AsNoTracking().ToListAsync(ct);
        var partnerById = partnerRows.ToDictionary(p => p.Id);
        foreach (var p in partnerRows)
        {
            if (wijkById.TryGetValue(p.WijkId, out var w))
                p.Wijk = w;
        }

        var partners = partnerRows.Where(p => p.IsPublished && wijkById.ContainsKey(p.WijkId))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id).ToList();

        var places = (await db.MeetingPlaces.AsNoTracking().Where(p => p.State == PublishState.Published).ToListAsync(ct))
            .Where(p => wijkById.ContainsKey(p.WijkId)).ToList();
        foreach (var p in places)
        {
            p.Wijk = wijkById[p.WijkId];
            if (partnerById.TryGetValue(p.HostPartnerId, out var host))
                p.HostPartner = host;
        }

        places = places.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id).ToList();
        var placeById = places.ToDictionary(p => p.Id);

        var activities = (await db.Activities.AsNoTracking().Where(a => a.State == PublishState.Published).OrderBy(a => a.Id).ToListAsync(ct))
            .Where(a => wijkById.ContainsKey(a.WijkId) && placeById.ContainsKey(a.MeetingPlaceId) && partnerById.ContainsKey(a.OrganiserId)).ToList();
        foreach (var a in activities)
        {
            a.Wijk = wijkById[a.WijkId];
            a.MeetingPlace = placeById[a.MeetingPlaceId];
            a.Organiser = partnerById[a.OrganiserId];
        }

        var visions = (await db.Visions.AsNoTracking().Where(v => v.State == PublishState.Published).ToListAsync(ct))
            .Where(v => wijkById.ContainsKey(v.WijkId)).ToList();
        foreach (var v in visions)
            v.Wijk = wijkById[v.WijkId];

        var holidays = await db.SchoolHolidays.AsNoTracking().FirstOrDefaultAsync(h => h.State == PublishState.Published, ct);

        var usages = await db.MediaUsages.AsNoTracking().Include(u => u.MediaItem).ToListAsync(ct);
        var photos = new Dictionary<(NodeKind, int), MediaItem>();
        foreach (var u in usages.Where(u => u.MediaItem.IsPublic).OrderBy(u => u.Id))
        {
            if (u.WijkId is { } w)
                photos.TryAdd((NodeKind.Wijk, w), u.MediaItem);
            if (u.MeetingPlaceId is { } p)
                photos.TryAdd((NodeKind.MeetingPlace, p), u.MediaItem);
            if (u.ActivityId is { } a)
                photos.TryAdd((NodeKind.Activity, a), u.MediaItem);
        }

        var translations = await db.ContentTranslations.AsNoTracking().ToListAsync(ct);
        await tx.CommitAsync(ct);
        return new PublishedContent(generation, gemeenten, wijken, places, partners, activities, visions, holidays, photos, translations);
    }

    private sealed record ActivityCalendarEntry(EventSeries Series, bool OutlookSafe);
}
