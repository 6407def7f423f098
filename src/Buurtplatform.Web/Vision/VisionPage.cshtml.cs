using Buurtplatform.Web.Content;
using Buurtplatform.Web.Data;
using Buurtplatform.Web.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;

namespace Buurtplatform.Web.Vision;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class VisionPageModel(AppDbContext db) : PageModel
{
    public Vision Vision { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, CancellationToken ct)
    {
        var wijkNode = await db.PublicWijken().Include(w => w.Gemeente)
            .FirstOrDefaultAsync(w => w.Slug == wijk && w.Gemeente.Slug == gemeente, ct);
        var vision = wijkNode is null ? null
            : await db.Visions.AsNoTracking().FirstOrDefaultAsync(v => v.WijkId == wijkNode.Id && v.State == PublishState.Published, ct);
        if (vision is null)
            return NotFound();
        vision.Wijk = wijkNode!;
        HttpContext.TagNodes(vision.Key, wijkNode!.Key, wijkNode.Gemeente.Key);
        Show(vision);
        return Page();
    }

    /// <summary>Fills the page for a vision (its Wijk and Gemeente loaded): the public one, or a draft in the backoffice's preview.</summary>
    public void Show(Vision vision) => Vision = vision;
}
