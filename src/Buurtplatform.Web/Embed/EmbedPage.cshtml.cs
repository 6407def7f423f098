using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Embed;

/// <summary>
/// A wijk's or a meeting place's agenda for a partner's site (a school, the library) to show in an
/// <c>&lt;iframe&gt;</c>: the coming dates, no site header, links that open the full pages. Only this site and the
/// origins staff allow for the wijk may frame it (<see cref="Wijk.EmbedOrigins"/>). No script, no form, no cookie.
/// </summary>
[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class EmbedPageModel(AppDbContext db, ActivityCalendar calendar, PageTranslations translations) : PageModel
{
    /// <summary>How far ahead the embedded agenda looks.</summary>
    public const int DaysAhead = 28;

    /// <summary>At most this many dates, so the frame stays short; a link leads to the rest.</summary>
    public const int MaxDates = 25;

    public Wijk Wijk { get; private set; } = null!;

    /// <summary>The meeting place of a place's agenda; null for the wijk's.</summary>
    public MeetingPlace? Place { get; private set; }

    public List<ActivityOccurrence> Coming { get; private set; } = [];

    /// <summary>More dates in the period than <see cref="MaxDates"/>.</summary>
    public bool More { get; private set; }

    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, string? plek, CancellationToken ct)
    {
        var found = await db.PublicWijken().Include(w => w.Gemeente)
            .FirstOrDefaultAsync(w => w.Slug == wijk && w.Gemeente.Slug == gemeente, ct);
        if (found is null)
            return NotFound();
        Wijk = found;
        var activities = db.PublicActivities().Where(a => a.WijkId == found.Id);
        if (plek is not null)
        {
            Place = await db.PublicMeetingPlaces().FirstOrDefaultAsync(p => p.WijkId == found.Id && p.Slug == plek, ct);
            if (Place is null)
                return NotFound();
            Place.Wijk = found;
            activities = activities.Where(a => a.MeetingPlaceId == Place.Id);
            HttpContext.Tag(CacheTags.Node(Place.Key), CacheTags.PlaceActivities(Place.Key));
        }

        HttpContext.Tag(CacheTags.Node(found.Key), CacheTags.Node(found.Gemeente.Key), CacheTags.Children(found.Key));
        await calendar.PrepareAsync(ct);
        var all = calendar.Upcoming(await activities.ToListAsync(ct), calendar.Today, calendar.Today.PlusDays(DaysAhead));
        Coming = all.Take(MaxDates).ToList();
        More = all.Count > MaxDates;
        await translations.LoadAsync(Coming.Select(o => o.Activity.Key), ct); // the titles in the parent's language
        Response.Headers.ContentSecurityPolicy = EmbedOrigins.ContentSecurityPolicy(found.EmbedOrigins);
        return Page();
    }

    /// <summary>The full page this agenda belongs to.</summary>
    public string FullPage => Place is null ? Links.Wijk(Wijk) : Links.MeetingPlace(Place);

    /// <summary>The full agenda: the wijk's, or the place's page, which lists every activity held there.</summary>
    public string FullAgenda => Place is null ? $"/agenda?wijk={Wijk.Gemeente.Slug}/{Wijk.Slug}" : Links.MeetingPlace(Place);
}
