using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;

namespace Buurtplatform.Web.SignUps.Staff;

/// <summary>
/// The attendance list of one date (or the series) to print: the people with a place, then the waitlist,
/// on one A4 (print CSS in backoffice.css). Without <c>?datum=</c> it offers the dates. Each view is audited.
/// </summary>
public sealed class AttendancePageModel(AppDbContext db, Inbox inbox, SignUpDates dates) : PageModel
{
    public Activity Activity { get; private set; } = null!;

    public string? Date { get; private set; }

    public string When { get; private set; } = "";

    public List<InboxRow> Present { get; private set; } = [];

    public List<InboxRow> Waiting { get; private set; } = [];

    public List<(string Value, string Text)> DateChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int activityId, string? datum, CancellationToken ct)
    {
        var a = await db.Activities.AsNoTracking().Include(x => x.MeetingPlace).SingleOrDefaultAsync(x => x.Id == activityId, ct);
        if (a is null)
            return NotFound();
        Activity = a;
        var settings = await SignUpSettings.LoadAsync(db, a, ct);
        if (SignUpPaths.ParseDate(datum) is not { } date)
        {
            var slots = await db.SignUpSlots.AsNoTracking().Where(s => s.ActivityId == activityId).Select(s => s.Date).ToListAsync(ct);
            DateChoices = slots.Concat(dates.Coming(a, settings).Select(d => d.SlotDate)).Distinct().Order()
                .Select(d => (SignUpPaths.Date(d), inbox.Describe(a, settings, d))).ToList();
            return Page();
        }

        Date = SignUpPaths.Date(date);
        When = inbox.Describe(a, settings, date);
        var rows = await inbox.LoadAsync(db.SignUps.Where(s => s.ActivityId == activityId && s.Slot.Date == date && s.State != SignUpState.Cancelled), ct, all: true);
        Present = rows.Where(r => r.SignUp.State.HoldsPlace()).OrderBy(r => r.SignUp.FirstName, StringComparer.CurrentCulture).ToList();
        Waiting = rows.Where(r => r.SignUp.State == SignUpState.Waitlisted).OrderBy(r => r.WaitlistPosition).ToList();
        await inbox.RecordViewAsync(AuditTarget.Activity(activityId), $"attendance list {Date}", rows.Count, ct);
        return Page();
    }
}
