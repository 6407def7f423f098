using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;

namespace Buurtplatform.Web.SignUps.Staff;

/// <summary>
/// The sign-ups of one activity, newest first, filtered by date and state; each can be given a state and a
/// note. The <c>activityId</c> route value is checked against StaffScope before the page runs; a sign-up id
/// from the form is only acted on when it belongs to this activity.
/// </summary>
public sealed class ActivityInboxPageModel(AppDbContext db, Inbox inbox, SignUpDates dates) : PageModel
{
    public Activity Activity { get; private set; } = null!;

    public List<InboxRow> Rows { get; private set; } = [];

    public List<(string Value, string Text)> DateChoices { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "datum")]
    public string? Date { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public SignUpState? State { get; set; }

    [BindProperty]
    public InboxUpdate Update { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int activityId, CancellationToken ct)
    {
        if (!await LoadAsync(activityId, ct))
            return NotFound();
        Rows = await inbox.LoadAsync(Filtered(activityId), ct);
        await inbox.RecordViewAsync(AuditTarget.Activity(activityId), "activity inbox" + (Date is null ? "" : $" {Date}"), Rows.Count, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(int activityId, CancellationToken ct)
    {
        if (!await inbox.UpdateAsync(db.SignUps.Where(s => s.ActivityId == activityId), Update.SignUpId, Update.State, Update.Note, User, ct))
            return NotFound();
        TempData["Flash"] = "Flash.SignUpSaved";
        return Redirect(Back(activityId));
    }

    public async Task<IActionResult> OnPostDeleteAsync(int activityId, CancellationToken ct)
    {
        if (!await inbox.DeleteAsync(db.SignUps.Where(s => s.ActivityId == activityId), Update.SignUpId, ct))
            return NotFound();
        TempData["Flash"] = "Flash.SignUpDeleted";
        return Redirect(Back(activityId));
    }

    private string Back(int activityId) => SignUpPaths.ActivityInbox(activityId) + QueryString.Create(
        new[] { KeyValuePair.Create("datum", Date), KeyValuePair.Create("status", State?.ToString()) }.Where(p => p.Value is not null)).ToUriComponent();

    private IQueryable<SignUp> Filtered(int activityId)
    {
        var q = db.SignUps.Where(s => s.ActivityId == activityId);
        if (SignUpPaths.ParseDate(Date) is { } d)
            q = q.Where(s => s.Slot.Date == d);
        if (State is { } st)
            q = q.Where(s => s.State == st);
        return q;
    }

    private async Task<bool> LoadAsync(int activityId, CancellationToken ct)
    {
        var a = await db.Activities.AsNoTracking().Include(x => x.Wijk).ThenInclude(w => w.Gemeente).Include(x => x.MeetingPlace)
            .SingleOrDefaultAsync(x => x.Id == activityId, ct);
        if (a is null)
            return false;
        Activity = a;
        var settings = await SignUpSettings.LoadAsync(db, a, ct);
        var slots = await db.SignUpSlots.AsNoTracking().Where(s => s.ActivityId == activityId).Select(s => s.Date).ToListAsync(ct);
        var coming = dates.Coming(a, settings).Select(d => d.SlotDate);
        DateChoices = slots.Concat(coming).Distinct().Order()
            .Select(d => (SignUpPaths.Date(d), inbox.Describe(a, settings, d))).ToList();
        return true;
    }
}
