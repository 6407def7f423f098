using Buurtplatform.Web.Audit;
using Buurtplatform.Web.MeetingPlaces;

namespace Buurtplatform.Web.SignUps.Staff;

/// <summary>
/// The inbox of a meeting place: the sign-ups for all its activities, newest first, "bellen: doorgeschoven"
/// on top. The <c>meetingPlaceId</c> route value is scope-checked; a posted sign-up id must belong to an
/// activity held at this place.
/// </summary>
public sealed class PlaceInboxPageModel(AppDbContext db, Inbox inbox) : PageModel
{
    public MeetingPlace Place { get; private set; } = null!;

    public List<InboxRow> Rows { get; private set; } = [];

    public List<(int Id, string Title)> Activities { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "open")]
    public bool OpenOnly { get; set; }

    [BindProperty]
    public InboxUpdate Update { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int meetingPlaceId, CancellationToken ct)
    {
        var place = await db.MeetingPlaces.AsNoTracking().SingleOrDefaultAsync(p => p.Id == meetingPlaceId, ct);
        if (place is null)
            return NotFound();
        Place = place;
        Activities = (await db.Activities.AsNoTracking().Where(a => a.MeetingPlaceId == meetingPlaceId && a.SignUpRequired)
            .OrderBy(a => a.Title).Select(a => new { a.Id, a.Title }).ToListAsync(ct)).Select(a => (a.Id, a.Title)).ToList();
        var q = InScope(meetingPlaceId);
        if (OpenOnly)
            q = q.Where(s => s.State == SignUpState.New || s.CallAboutMoveUp);
        Rows = await inbox.LoadAsync(q, ct);
        await inbox.RecordViewAsync(AuditTarget.MeetingPlace(meetingPlaceId), "meeting place inbox", Rows.Count, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(int meetingPlaceId, CancellationToken ct)
    {
        if (!await inbox.UpdateAsync(InScope(meetingPlaceId), Update.SignUpId, Update.State, Update.Note, User, ct))
            return NotFound();
        TempData["Flash"] = "Flash.SignUpSaved";
        return Redirect(SignUpPaths.PlaceInbox(meetingPlaceId) + (OpenOnly ? "?open=true" : ""));
    }

    private IQueryable<SignUp> InScope(int meetingPlaceId) => db.SignUps.Where(s => s.Activity.MeetingPlaceId == meetingPlaceId);
}
