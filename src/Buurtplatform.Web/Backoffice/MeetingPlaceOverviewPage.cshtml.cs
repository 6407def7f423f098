using Buurtplatform.Web.Data;
using Buurtplatform.Web.MeetingPlaces;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Web.Backoffice;

/// <summary>
/// One meeting place as its professional sees it: the activities held there, with links to the public pages.
/// The <c>meetingPlaceId</c> route value is checked against <see cref="StaffScope"/> by the backoffice policy.
/// </summary>
public sealed class MeetingPlaceOverviewPageModel(AppDbContext db) : PageModel
{
    public MeetingPlace Place { get; private set; } = null!;

    public List<Activities.Activity> Activities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int meetingPlaceId, CancellationToken ct)
    {
        var place = await db.MeetingPlaces.AsNoTracking().Include(p => p.Wijk).ThenInclude(w => w.Gemeente)
            .SingleOrDefaultAsync(p => p.Id == meetingPlaceId, ct);
        if (place is null)
            return NotFound();
        Place = place;
        Activities = await db.Activities.AsNoTracking().Where(a => a.MeetingPlaceId == meetingPlaceId).OrderBy(a => a.Title).ToListAsync(ct);
        return Page();
    }
}
