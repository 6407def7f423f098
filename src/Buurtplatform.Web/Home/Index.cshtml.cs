using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Agenda;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.NearMe;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.Content.Published;

namespace Buurtplatform.Web.Home;

/// <summary>
/// The home page asks for the postcode first ("Wat is er bij u in de buurt?"); with one it lists this week within
/// <see cref="Distances.DefaultKilometres"/> km, without one this week per gemeente in short (a count and the next
/// few dates), so a phone sees the whole page in a few screens.
/// </summary>
[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(Published published, ActivityCalendar calendar, PostcodeCentres centres, PageTranslations translations) : PageModel
{
    /// <summary>Dates shown per gemeente without a postcode; the wijk links and the agenda have the rest.</summary>
    public const int NextPerGemeente = 3;

    public IReadOnlyList<Gemeente> Gemeenten { get; private set; } = [];

    /// <summary>Per gemeente id: this week's dates that take place (cancelled ones left out).</summary>
    public Dictionary<int, List<ActivityOccurrence>> WeekPerGemeente { get; private set; } = [];

    /// <summary>The postcode filter (postcode and the default distance) when a known postcode was given.</summary>
    public AgendaFilter? Near { get; private set; }

    /// <summary>
    /// With a postcode: this week's dates within the distance, by date then distance. All of them, so the heading counts
    /// what is listed; a week within 2 km is a short list, and the agenda (paged) has the weeks after.
    /// </summary>
    public List<ActivityOccurrence> NearThisWeek { get; private set; } = [];

    public Dictionary<int, ApproximateDistance> NearDistances { get; private set; } = [];

    /// <summary>The postcode as typed when it is not one we know, to show it back with the explanation.</summary>
    public string? UnknownPostcode { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        HttpContext.Tag(CacheTags.Listings);
        var typed = Request.Query["postcode"].LastOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        if (typed is not null)
        {
            // A location is never stored: not in the output cache, not in the browser's cache.
            if (HttpContext.Features.Get<IOutputCacheFeature>() is { } cache)
                cache.Context.AllowCacheStorage = false;
            Response.Headers.CacheControl = "no-store";
            var filter = AgendaFilter.Parse([new("postcode", typed)], out var problems);
            if (filter.PostcodeWasLong && problems.Count == 0)
                return Redirect("/?postcode=" + filter.Postcode);
            filter = filter.Locate(centres, problems);
            if (filter.Origin is not null)
                Near = filter;
            else
                UnknownPostcode = typed.Length <= 16 ? typed : typed[..16];
        }

        var content = await published.GetAsync(ct);
        Gemeenten = content.Gemeenten; // each with its public wijken (Gemeente.Wijken), by name
        if (Near is { } near)
        {
            NearThisWeek = calendar.Upcoming(content, 7, near.Matches)
                .OrderBy(o => o.Date).ThenBy(o => near.MetersTo(o.Activity)).ThenBy(o => o.Start.ToInstant()).ToList();
            NearDistances = NearThisWeek.Select(o => o.Activity).DistinctBy(a => a.Id)
                .ToDictionary(a => a.Id, a => ApproximateDistance.From(near.MetersTo(a)!.Value));
        }
        else
        {
            WeekPerGemeente = calendar.Upcoming(content, 7)
                .Where(o => !o.IsCancelled)
                .GroupBy(o => o.Activity.Wijk.GemeenteId)
                .ToDictionary(g => g.Key, g => g.ToList());
        }

        // The activities' titles in the parent's language.
        await translations.LoadAsync(NearThisWeek.Concat(WeekPerGemeente.Values.SelectMany(w => w.Take(NextPerGemeente))).Select(o => o.Activity.Key), ct);
        return Page();
    }
}
