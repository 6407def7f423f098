using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Media;
using Buurtplatform.Web.Content.Published;

namespace Buurtplatform.Web.MeetingPlaces;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class MeetingPlacePageModel(Published published, ActivityCalendar calendar, IOptions<SiteOptions> site, MediaUrls media, PageTranslations translations) : PageModel
{
    public MeetingPlace Place { get; private set; } = null!;

    public MediaItem? Photo { get; private set; }

    /// <summary>Photos of the activities held here, by activity id (only those parents may see).</summary>
    public Dictionary<int, MediaItem> ActivityPhotos { get; private set; } = [];

    public List<(Activity Activity, List<ActivityOccurrence> Next)> Activities { get; private set; } = [];

    public string JsonLd { get; private set; } = "";

    /// <summary>The page as a schema.org WebPage, with the language it is in.</summary>
    public string PageJsonLd { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, string slug, CancellationToken ct)
    {
        var place = (await published.GetAsync(ct)).MeetingPlace(gemeente, wijk, slug);
        if (place is null)
            return NotFound();
        HttpContext.Tag(CacheTags.Node(place.Key), CacheTags.Node(place.HostPartner.Key), CacheTags.Node(place.Wijk.Key),
            CacheTags.Node(place.Wijk.Gemeente.Key), CacheTags.PlaceActivities(place.Key));
        await ShowAsync(place, ct);
        return Page();
    }

    /// <summary>Fills the page for a meeting place (its Wijk, Gemeente and HostPartner loaded): the public one, or a draft in the backoffice's preview.</summary>
    public async Task ShowAsync(MeetingPlace place, CancellationToken ct)
    {
        Place = place;
        var content = await published.GetAsync(ct);
        var activities = content.ActivitiesAt(place).OrderBy(a => a.Title, StringComparer.Ordinal).ToList();
        Activities = activities.Select(a => (a, calendar.Next(a, 3))).ToList();
        Photo = content.Photo(NodeKind.MeetingPlace, place.Id);
        ActivityPhotos = activities.Select(a => (a.Id, Photo: content.Photo(NodeKind.Activity, a.Id))).Where(x => x.Photo is not null).ToDictionary(x => x.Id, x => x.Photo!);
        // In the parent's language: the place's texts and its activities' titles and summaries.
        await translations.LoadAsync([place.Key, .. activities.Select(a => a.Key)], ct);
        JsonLd = MeetingPlaceSchemaOrg.Place(place, Languages.SiteLanguages.PublicBase(site.Value.PublicBaseUrl), Photo is null ? null : media.SchemaOrgImages(Photo, site.Value.PublicBaseUrl), translations.Translations);
        PageJsonLd = Infrastructure.JsonLd.WebPage(Infrastructure.JsonLd.Absolute(Languages.SiteLanguages.PublicBase(site.Value.PublicBaseUrl), Links.MeetingPlace(place)),
            place.Name, translations.Text(place, "summary").Value, PageTranslations.Culture);
    }
}
