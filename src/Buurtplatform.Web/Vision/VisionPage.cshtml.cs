using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Vision.Suggestions;

namespace Buurtplatform.Web.Vision;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class VisionPageModel(AppDbContext db, Content.Published.Published published, PageTranslations translations) : PageModel
{
    public Vision Vision { get; private set; } = null!;

    /// <summary>Parents' published ideas and what changed because of them; null in the backoffice's preview of a draft.</summary>
    public PublicSuggestions? Suggestions { get; private set; }

    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, CancellationToken ct)
    {
        var vision = await published.FindPublicVisionAsync(gemeente, wijk, ct);
        if (vision is null)
            return NotFound();
        HttpContext.TagNodes(vision.Key, vision.Wijk.Key, vision.Wijk.Gemeente.Key);
        Show(vision);
        await translations.LoadAsync([vision.Key], ct);
        Suggestions = await PublicSuggestions.LoadAsync(db, vision, ct);
        return Page();
    }

    /// <summary>Fills the page for a vision (its Wijk and Gemeente loaded): the public one, or a draft in the backoffice's preview.</summary>
    public void Show(Vision vision) => Vision = vision;
}
