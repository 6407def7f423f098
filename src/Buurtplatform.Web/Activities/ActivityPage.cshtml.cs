using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Media;
using Buurtplatform.Web.Content.Published;

namespace Buurtplatform.Web.Activities;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class ActivityPageModel(Published published, ActivityCalendar calendar, IOptions<SiteOptions> site, MediaUrls media, PageTranslations translations) : PageModel
{
    /// <summary>How many coming dates the page lists (and describes as schema.org Events).</summary>
    public const int DatesShown = 8;

    public Activity Activity { get; private set; } = null!;

    public List<ActivityOccurrence> Next { get; private set; } = [];

    public MediaItem? Photo { get; private set; }

    /// <summary>The meeting place's photo, so a parent recognises the building.</summary>
    public MediaItem? PlacePhoto { get; private set; }

    public string JsonLd { get; private set; } = "";

    /// <summary>The page as a schema.org WebPage, with the language it is in.</summary>
    public string PageJsonLd { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, string slug, CancellationToken ct)
    {
        var activity = (await published.GetAsync(ct)).Activity(gemeente, wijk, slug);
        if (activity is null)
            return NotFound();
        HttpContext.TagActivity(activity);
        await ShowAsync(activity, ct);
        return Page();
    }

    /// <summary>Fills the page for an activity: the public one, or a draft in the backoffice's preview.</summary>
    public async Task ShowAsync(Activity activity, CancellationToken ct)
    {
        Activity = activity;
        var content = await published.GetAsync(ct);
        Next = calendar.Next(activity, DatesShown);
        Photo = content.Photo(NodeKind.Activity, activity.Id);
        PlacePhoto = content.Photo(NodeKind.MeetingPlace, activity.MeetingPlaceId);
        // In the parent's language: the activity's texts and the place's directions it repeats.
        await translations.LoadAsync([activity.Key, activity.MeetingPlace.Key], ct);
        JsonLd = ActivitySchemaOrg.Events(activity, Next, Languages.SiteLanguages.PublicBase(site.Value.PublicBaseUrl), Photo is null ? null : media.SchemaOrgImages(Photo, site.Value.PublicBaseUrl), translations.Translations);
        PageJsonLd = Infrastructure.JsonLd.WebPage(Infrastructure.JsonLd.Absolute(Languages.SiteLanguages.PublicBase(site.Value.PublicBaseUrl), Links.Activity(activity)),
            translations.Text(activity, "title").Value, translations.Text(activity, "summary").Value, PageTranslations.Culture);
    }
}
