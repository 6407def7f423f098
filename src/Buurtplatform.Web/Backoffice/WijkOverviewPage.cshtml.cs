using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing.Translations;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Backoffice;

/// <summary>
/// One wijk as its editor sees it: the wijk page, vision, places, activities and partners, each with its editing pages.
/// The <c>wijkId</c> route value is checked against <see cref="StaffScope"/> by the backoffice policy.
/// </summary>
public sealed class WijkOverviewPageModel(AppDbContext db) : PageModel
{
    public Wijk Wijk { get; private set; } = null!;

    /// <summary>Professionals' new activities waiting for approval in this wijk.</summary>
    public int Waiting { get; private set; }

    /// <summary>The nodes on this page with a stale translation ("verouderd").</summary>
    public HashSet<Guid> Stale { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int wijkId, CancellationToken ct)
    {
        var wijk = await db.Wijken.AsNoTracking().Include(w => w.Gemeente)
            .Include(w => w.MeetingPlaces.OrderBy(p => p.Name))
            .Include(w => w.Activities.OrderBy(a => a.Title)).ThenInclude(a => a.MeetingPlace)
            .Include(w => w.Partners.OrderBy(p => p.Name))
            .Include(w => w.Vision)
            .AsSplitQuery()
            .SingleOrDefaultAsync(w => w.Id == wijkId, ct);
        if (wijk is null)
            return NotFound();
        Wijk = wijk;
        Stale = await TranslationStates.StaleAsync(db,
            new ContentNode[] { wijk }.Concat(wijk.MeetingPlaces).Concat(wijk.Activities).Concat(wijk.Partners).Concat(wijk.Vision is { } v ? [v] : []), ct);
        Waiting = await db.ContentVersions.CountAsync(v => v.ParentKey == wijk.Key && v.Kind == NodeKind.Activity && v.Status == Editing.VersionStatus.AwaitingApproval, ct);
        return Page();
    }

    public static string PublicUrl(Wijk w) => Links.Wijk(w);
}
