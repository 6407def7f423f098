using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing.Translations;
using Buurtplatform.Web.MeetingPlaces;

namespace Buurtplatform.Web.Backoffice;

/// <summary>
/// One meeting place as its professional sees it: the activities held there (each with its editing pages), and a new one.
/// The <c>meetingPlaceId</c> route value is checked against <see cref="StaffScope"/> by the backoffice policy.
/// </summary>
public sealed class MeetingPlaceOverviewPageModel(AppDbContext db, StaffScope scope) : PageModel
{
    public MeetingPlace Place { get; private set; } = null!;

    public List<Activities.Activity> Activities { get; private set; } = [];

    /// <summary>Wijk editors edit the place's own page; its professionals manage the activities held there.</summary>
    public bool CanEditPlace { get; private set; }

    /// <summary>The place and activities with a stale translation ("verouderd").</summary>
    public HashSet<Guid> Stale { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int meetingPlaceId, CancellationToken ct)
    {
        var place = await db.MeetingPlaces.AsNoTracking().Include(p => p.Wijk).ThenInclude(w => w.Gemeente)
            .SingleOrDefaultAsync(p => p.Id == meetingPlaceId, ct);
        if (place is null)
            return NotFound();
        Place = place;
        Activities = await db.Activities.AsNoTracking().Where(a => a.MeetingPlaceId == meetingPlaceId).OrderBy(a => a.Title).ToListAsync(ct);
        Stale = await TranslationStates.StaleAsync(db, Activities.Cast<ContentNode>().Append(place), ct);
        CanEditPlace = await scope.CanEditWijkAsync(User, place.WijkId, ct);
        return Page();
    }
}
