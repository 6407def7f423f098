using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Media;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Content.Published;

namespace Buurtplatform.Web.Neighbourhoods;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class WijkPageModel(Published published, ActivityCalendar calendar, PageTranslations translations) : PageModel
{
    /// <summary>The wijk page lists the dates of the coming two weeks.</summary>
    public const int DaysAhead = 14;

    public Wijk Wijk { get; private set; } = null!;

    public IReadOnlyList<MeetingPlace> Places { get; private set; } = [];

    public List<ActivityOccurrence> Coming { get; private set; } = [];

    public IReadOnlyList<Partner> Partners { get; private set; } = [];

    public Vision.Vision? Vision { get; private set; }

    public MediaItem? Photo { get; private set; }

    /// <summary>Photos of the meeting places, by place id (only those parents may see).</summary>
    public Dictionary<int, MediaItem> PlacePhotos { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, CancellationToken ct)
    {
        var found = (await published.GetAsync(ct)).Wijk(gemeente, wijk);
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
        var content = await published.GetAsync(ct);
        Places = content.MeetingPlacesIn(found);
        Partners = content.PartnersIn(found);
        Vision = content.VisionOf(found);
        var activities = content.ActivitiesIn(found);
        Coming = calendar.Upcoming(content, DaysAhead, a => a.WijkId == found.Id).ToList();
        Photo = content.Photo(NodeKind.Wijk, found.Id);
        PlacePhotos = Places.Select(p => (p.Id, Photo: content.Photo(NodeKind.MeetingPlace, p.Id))).Where(x => x.Photo is not null).ToDictionary(x => x.Id, x => x.Photo!);
        // In the parent's language: everything the page shows text of.
        await translations.LoadAsync([found.Key, .. Places.Select(p => p.Key), .. Partners.Select(p => p.Key), .. activities.Select(a => a.Key),
            .. (Vision is null ? Array.Empty<Guid>() : [Vision.Key])], ct);
    }

    /// <summary>The preview of a partner's draft: the wijk page with the draft in place of (or beside) the live partner.</summary>
    public void ShowPartner(Partner draft) =>
        Partners = Partners.Where(p => p.Key != draft.Key).Append(draft).OrderBy(p => p.Name).ToList();
}
