using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.Neighbourhoods;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class GemeentePageModel(AppDbContext db, PageTranslations translations) : PageModel
{
    public Gemeente Gemeente { get; private set; } = null!;

    public List<WijkSummary> Wijken { get; private set; } = [];

    public sealed record WijkSummary(Wijk Wijk, int Places, int Activities);

    public async Task<IActionResult> OnGetAsync(string gemeente, CancellationToken ct)
    {
        var found = await db.PublicGemeenten().FirstOrDefaultAsync(g => g.Slug == gemeente, ct);
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
        Wijken = await db.PublicWijken()
            .Where(w => w.GemeenteId == found.Id)
            .OrderBy(w => w.Name)
            .Select(w => new WijkSummary(w,
                w.MeetingPlaces.Count(p => p.State == PublishState.Published),
                w.Activities.Count(a => a.State == PublishState.Published)))
            .ToListAsync(ct);
        foreach (var w in Wijken)
            w.Wijk.Gemeente = found;
        await translations.LoadAsync([found.Key, .. Wijken.Select(w => w.Wijk.Key)], ct);
    }
}
