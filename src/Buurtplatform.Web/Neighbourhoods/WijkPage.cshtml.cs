using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Media;
using Buurtplatform.Web.MeetingPlaces;

namespace Buurtplatform.Web.Neighbourhoods;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class WijkPageModel(AppDbContext db, ActivityCalendar calendar, PageTranslations translations) : PageModel
{
    /// <summary>The wijk page lists the dates of the coming two weeks.</summary>
    public const int DaysAhead = 14;

    public Wijk Wijk { get; private set; } = null!;

    public List<MeetingPlace> Places { get; private set; } = [];

    public List<ActivityOccurrence> Coming { get; private set; } = [];

    public List<Partner> Partners { get; private set; } = [];

    public Vision.Vision? Vision { get; private set; }

    public MediaItem? Photo { get; private set; }

    /// <summary>Photos of the meeting places, by place id (only those parents may see).</summary>
    public Dictionary<int, MediaItem> PlacePhotos { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, CancellationToken ct)
    {
        var found = await db.PublicWijken().Include(w => w.Gemeente)
            .FirstOrDefaultAsync(w => w.Slug == wijk && w.Gemeente.Slug == gemeente, ct);
        if (found is null)
            return NotFound();
        HttpContext.Tag(CacheTags.Node(found.Key), CacheTags.Node(found.Gemeente.Key), CacheTags.Children(found.Key));
        await ShowAsync(found, ct);
        return Page();
    }

    /// <summary>Fills the page for a wijk (its Gemeente loaded) with what is public in it: the public page, or a draft in the backoffice's preview.</summary>
    public async Task ShowAsync(Wijk found, CancellationToken ct)
    {
        Wijk = found;
        Places = await db.PublicMeetingPlaces().Where(p => p.WijkId == found.Id).OrderBy(p => p.Name).ToListAsync(ct);
        Partners = await db.PublicPartners().Where(p => p.WijkId == found.Id).OrderBy(p => p.Name).ToListAsync(ct);
        Vision = await db.Visions.AsNoTracking().FirstOrDefaultAsync(v => v.WijkId == found.Id && v.State == PublishState.Published, ct);
        var activities = await db.PublicActivities().Where(a => a.WijkId == found.Id).ToListAsync(ct);
        Coming = calendar.Upcoming(activities, calendar.Today, calendar.Today.PlusDays(DaysAhead));
        foreach (var p in Places)
            p.Wijk = found;
        Photo = await db.ForWijkAsync(found.Id, ct);
        PlacePhotos = await db.ForMeetingPlacesAsync(Places.Select(p => p.Id).ToList(), ct);
        // In the parent's language: everything the page shows text of.
        await translations.LoadAsync([found.Key, .. Places.Select(p => p.Key), .. Partners.Select(p => p.Key), .. activities.Select(a => a.Key),
            .. (Vision is null ? Array.Empty<Guid>() : [Vision.Key])], ct);
    }

    /// <summary>The preview of a partner's draft: the wijk page with the draft in place of (or beside) the live partner.</summary>
    public void ShowPartner(Partner draft) =>
        Partners = Partners.Where(p => p.Key != draft.Key).Append(draft).OrderBy(p => p.Name).ToList();
}
