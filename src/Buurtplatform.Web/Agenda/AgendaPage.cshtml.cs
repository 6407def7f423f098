using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.NearMe;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Agenda;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class AgendaPageModel(AppDbContext db, ActivityCalendar calendar, PostcodeCentres centres) : PageModel
{
    /// <summary>The agenda shows the coming four weeks.</summary>
    public const int DaysAhead = 28;

    public AgendaFilter Filter { get; private set; } = new();

    public List<(string Field, string Problem)> Problems { get; private set; } = [];

    public List<ActivityOccurrence> Occurrences { get; private set; } = [];

    public List<Wijk> Wijken { get; private set; } = [];

    public List<string> Languages { get; private set; } = [];

    /// <summary>The postcode as typed ("near me"); not part of <see cref="AgendaFilter"/>, which the feeds share.</summary>
    public string? Postcode { get; private set; }

    /// <summary>With a known postcode: each activity once, with its first matching date, nearest first.</summary>
    public List<(ActivityOccurrence First, ApproximateDistance Distance)>? Nearby { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        HttpContext.Tag(CacheTags.Listings);
        Filter = AgendaFilter.Parse(Request.Query.Where(p => p.Key != "postcode"), out var problems);
        Problems = problems;
        GeoPoint? origin = null;
        Postcode = Request.Query["postcode"].LastOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        if (Postcode is not null)
        {
            // A location is never stored: not in the output cache, not in the browser's cache.
            if (HttpContext.Features.Get<IOutputCacheFeature>() is { } cache)
                cache.Context.AllowCacheStorage = false;
            Response.Headers.CacheControl = "no-store";
            if (PostcodeCentres.TryParsePostcode(Postcode, out var pc4) && centres.TryGetCentre(pc4, out var centre))
            {
                Postcode = pc4.ToString(System.Globalization.CultureInfo.InvariantCulture);
                origin = centre;
            }
            else
            {
                Problems.Add(("postcode", "Agenda.Problem.Postcode"));
                Postcode = Postcode.Length <= 16 ? Postcode : null;
            }
        }

        Wijken = await db.PublicWijken().Include(w => w.Gemeente)
            .OrderBy(w => w.Gemeente.Name).ThenBy(w => w.Name).ToListAsync(ct);
        if (Filter.Wijk is { } wijk && !Wijken.Any(w => $"{w.Gemeente.Slug}/{w.Slug}" == wijk))
        {
            Problems.Add(("wijk", "Agenda.Problem.Wijk"));
            Filter = Filter with { Wijk = null };
        }

        var activities = await db.PublicActivities().ToListAsync(ct);
        Languages = activities.SelectMany(a => a.Languages).Distinct().Order(StringComparer.Ordinal).ToList();
        if (!Filter.KnowsLanguage(activities))
        {
            Problems.Add(("taal", "Agenda.Problem.Language"));
            Filter = Filter with { Language = null };
        }

        // A choice the agenda cannot read makes the link a bad request (a link checker sees it is broken); the page
        // still explains it in Dutch and shows the agenda without that part. An unknown postcode only loses the
        // "near me" order: the agenda itself is what was asked for.
        if (Problems.Any(p => p.Field != "postcode"))
            Response.StatusCode = StatusCodes.Status400BadRequest;
        Occurrences = calendar.Upcoming(activities.Where(Filter.Matches), calendar.Today, calendar.Today.PlusDays(DaysAhead))
            .Where(Filter.Matches)
            .ToList();
        if (origin is { } from)
        {
            Nearby = Occurrences.Where(o => !o.IsCancelled).GroupBy(o => o.Activity.Id).Select(g => g.First())
                .Select(o => (o, Meters: from.DistanceMetersTo(new GeoPoint(o.Activity.MeetingPlace.Latitude, o.Activity.MeetingPlace.Longitude))))
                .OrderBy(x => x.Meters).ThenBy(x => x.o.Start.ToInstant())
                .Select(x => (x.o, ApproximateDistance.From(x.Meters)))
                .ToList();
        }
    }
}
