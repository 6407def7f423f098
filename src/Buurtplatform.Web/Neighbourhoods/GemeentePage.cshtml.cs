using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Content.Published;

namespace Buurtplatform.Web.Neighbourhoods;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class GemeentePageModel(Published published, PageTranslations translations) : PageModel
{
    public Gemeente Gemeente { get; private set; } = null!;

    public List<WijkSummary> Wijken { get; private set; } = [];

    public sealed record WijkSummary(Wijk Wijk, int Places, int Activities);

    public async Task<IActionResult> OnGetAsync(string gemeente, CancellationToken ct)
    {
        var found = (await published.GetAsync(ct)).Gemeente(gemeente);
        if (found is null)
            return NotFound();
        HttpContext.Tag(CacheTags.Node(found.Key), CacheTags.Children(found.Key));
        await ShowAsync(found, ct);
        return Page();
    }

    /// <summary>Fills the page for a gemeente: the public one, or a draft in the backoffice's preview.</summary>
    public async Task ShowAsync(Gemeente found, CancellationToken ct)
    {
        Gemeente = found;
        var content = await published.GetAsync(ct);
        Wijken = content.WijkenIn(found)
            .Select(w => new WijkSummary(w, content.MeetingPlacesIn(w).Count, content.ActivitiesIn(w).Count))
            .ToList();
        await translations.LoadAsync([found.Key, .. Wijken.Select(w => w.Wijk.Key)], ct);
    }
}
