using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.Content.Published;

namespace Buurtplatform.Web.Embed;

/// <summary>
/// A wijk's or a meeting place's agenda for a partner's site (a school, the library) to show in an
/// <c>&lt;iframe&gt;</c>: the coming dates, no site header, links that open the full pages. Only this site and the
/// origins staff allow for the wijk may frame it (<see cref="Wijk.EmbedOrigins"/>). No script, no form, no cookie.
/// </summary>
[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class EmbedPageModel(Published published, ActivityCalendar calendar, PageTranslations translations) : PageModel
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
        var content = await published.GetAsync(ct);
        var found = content.Wijk(gemeente, wijk);
        if (found is null)
            return NotFound();
        Wijk = found;
        if (plek is not null)
        {
            Place = content.MeetingPlace(gemeente, wijk, plek);
            if (Place is null)
                return NotFound();
            HttpContext.Tag(CacheTags.Node(Place.Key), CacheTags.PlaceActivities(Place.Key));
        }

        HttpContext.Tag(CacheTags.Node(found.Key), CacheTags.Node(found.Gemeente.Key), CacheTags.Children(found.Key));
        var placeId = Place?.Id;
        var all = calendar.Upcoming(content, DaysAhead, a => a.WijkId == found.Id && (placeId is null || a.MeetingPlaceId == placeId)).ToList();
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
