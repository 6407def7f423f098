using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Home;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class IndexModel(AppDbContext db, ActivityCalendar calendar) : PageModel
{
    public List<Gemeente> Gemeenten { get; private set; } = [];

    public List<ActivityOccurrence> ThisWeek { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Gemeenten = await db.PublicGemeenten().OrderBy(g => g.Name).ToListAsync(ct);
        var wijken = await db.PublicWijken().OrderBy(w => w.Name).ToListAsync(ct);
        foreach (var g in Gemeenten)
            g.Wijken = wijken.Where(w => w.GemeenteId == g.Id).ToList();

        HttpContext.Tag(CacheTags.Listings);
        var activities = await db.PublicActivities().ToListAsync(ct);
        ThisWeek = calendar.Upcoming(activities, calendar.Today, calendar.Today.PlusDays(7));
    }
}
