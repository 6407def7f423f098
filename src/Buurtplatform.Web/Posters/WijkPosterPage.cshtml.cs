using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Posters;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class WijkPosterPageModel(Content.Published.Published published, ActivityCalendar calendar, IOptions<SiteOptions> site, Content.Translations.PageTranslations translations) : PosterPageModel(calendar, site)
{
    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, string? week, CancellationToken ct)
    {
        var content = await published.GetAsync(ct);
        var found = content.Wijk(gemeente, wijk);
        if (found is null)
            return NotFound();
        HttpContext.Tag(CacheTags.Node(found.Key), CacheTags.Node(found.Gemeente.Key), CacheTags.Children(found.Key));
        var chosen = ReadWeek(week) ?? PosterWeek.Of(Calendar.Today);
        await Calendar.PrepareAsync(ct);
        var activities = content.ActivitiesIn(found);
        // The activities' titles (and their places' texts) in the parent's language.
        await translations.LoadAsync([found.Key, .. activities.Select(a => a.Key), .. activities.Select(a => a.MeetingPlace.Key)], ct);
        Poster = Poster.For(found.Name, found, null, chosen, activities, Calendar, BaseUrl, Links.Wijk(found) + "/poster");
        return Page();
    }
}
