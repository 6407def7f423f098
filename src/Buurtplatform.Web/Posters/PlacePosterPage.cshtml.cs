using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Posters;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class PlacePosterPageModel(Content.Published.Published published, ActivityCalendar calendar, IOptions<SiteOptions> site, Content.Translations.PageTranslations translations) : PosterPageModel(calendar, site)
{
    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, string slug, string? week, CancellationToken ct)
    {
        var content = await published.GetAsync(ct);
        var place = content.MeetingPlace(gemeente, wijk, slug);
        if (place is null)
            return NotFound();
        HttpContext.Tag(CacheTags.Node(place.Key), CacheTags.Node(place.Wijk.Key), CacheTags.Node(place.Wijk.Gemeente.Key), CacheTags.PlaceActivities(place.Key));
        var chosen = ReadWeek(week) ?? PosterWeek.Of(Calendar.Today);
        await Calendar.PrepareAsync(ct);
        var activities = content.ActivitiesAt(place);
        // The activities' titles and the place's texts in the parent's language.
        await translations.LoadAsync([place.Key, place.Wijk.Key, .. activities.Select(a => a.Key)], ct);
        Poster = Poster.For(place.Name, place.Wijk, place, chosen, activities, Calendar, BaseUrl, Links.MeetingPlace(place) + "/poster");
        return Page();
    }
}
