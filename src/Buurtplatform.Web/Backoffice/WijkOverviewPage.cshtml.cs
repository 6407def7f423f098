using Buurtplatform.Web.Content;
using Buurtplatform.Web.Data;
using Buurtplatform.Web.Neighbourhoods;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Web.Backoffice;

/// <summary>
/// One wijk as its editor sees it: its places and activities, with links to the public pages.
/// The <c>wijkId</c> route value is checked against <see cref="StaffScope"/> by the backoffice policy.
/// </summary>
public sealed class WijkOverviewPageModel(AppDbContext db) : PageModel
{
    public Wijk Wijk { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int wijkId, CancellationToken ct)
    {
        var wijk = await db.Wijken.AsNoTracking().Include(w => w.Gemeente)
            .Include(w => w.MeetingPlaces.OrderBy(p => p.Name))
            .Include(w => w.Activities.OrderBy(a => a.Title)).ThenInclude(a => a.MeetingPlace)
            .SingleOrDefaultAsync(w => w.Id == wijkId, ct);
        if (wijk is null)
            return NotFound();
        Wijk = wijk;
        return Page();
    }

    public static string PublicUrl(Wijk w) => Links.Wijk(w);
}
