using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Posters;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class PlacePosterPageModel(AppDbContext db, ActivityCalendar calendar, IOptions<SiteOptions> site, Content.Translations.PageTranslations translations) : PosterPageModel(calendar, site)
{
    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, string slug, string? week, CancellationToken ct)
    {
        var place = await db.PublicMeetingPlaces()
            .Include(p => p.Wijk).ThenInclude(w => w.Gemeente)
            .FirstOrDefaultAsync(p => p.Slug == slug && p.Wijk.Slug == wijk && p.Wijk.Gemeente.Slug == gemeente, ct);
        if (place is null)
            return NotFound();
        HttpContext.Tag(CacheTags.Node(place.Key), CacheTags.Node(place.Wijk.Key), CacheTags.Node(place.Wijk.Gemeente.Key), CacheTags.PlaceActivities(place.Key));
        var chosen = ReadWeek(week) ?? PosterWeek.Of(Calendar.Today);
        await Calendar.PrepareAsync(ct);
        var activities = await db.PublicActivities().Where(a => a.MeetingPlaceId == place.Id).ToListAsync(ct);
        // The activities' titles and the place's texts in the parent's language.
        await translations.LoadAsync([place.Key, place.Wijk.Key, .. activities.Select(a => a.Key)], ct);
        Poster = Poster.For(place.Name, place.Wijk, place, chosen, activities, Calendar, BaseUrl, Links.MeetingPlace(place) + "/poster");
        return Page();
    }
}
