using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Posters;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class WijkPosterPageModel(AppDbContext db, ActivityCalendar calendar, IOptions<SiteOptions> site, Content.Translations.PageTranslations translations) : PosterPageModel(calendar, site)
{
    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, string? week, CancellationToken ct)
    {
        var found = await db.PublicWijken().Include(w => w.Gemeente)
            .FirstOrDefaultAsync(w => w.Slug == wijk && w.Gemeente.Slug == gemeente, ct);
        if (found is null)
            return NotFound();
        HttpContext.Tag(CacheTags.Node(found.Key), CacheTags.Node(found.Gemeente.Key), CacheTags.Children(found.Key));
        var chosen = ReadWeek(week) ?? PosterWeek.Of(Calendar.Today);
        await Calendar.PrepareAsync(ct);
        var activities = await db.PublicActivities().Where(a => a.WijkId == found.Id).ToListAsync(ct);
        // The activities' titles (and their places' texts) in the parent's language.
        await translations.LoadAsync([found.Key, .. activities.Select(a => a.Key), .. activities.Select(a => a.MeetingPlace.Key)], ct);
        Poster = Poster.For(found.Name, found, null, chosen, activities, Calendar, BaseUrl, Links.Wijk(found) + "/poster");
        return Page();
    }
}
