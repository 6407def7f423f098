using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;

namespace Buurtplatform.Web.SignUps.Staff;

/// <summary>
/// The sign-ups of one activity, newest first, filtered by date and state; each can be given a state and a
/// note. The <c>activityId</c> route value is checked against StaffScope before the page runs; a sign-up id
/// from the form is only acted on when it belongs to this activity.
/// </summary>
public sealed class ActivityInboxPageModel(AppDbContext db, Inbox inbox, SignUpDates dates, SignUpBook book, AuditLog audit,
    IOptions<SignUpOptions> options, IStringLocalizer<SharedResource> T) : PageModel
{
    public SignUpOptions Options => options.Value;

    /// <summary>The dates staff can sign a parent up for (the same as the public form's, open or just closed).</summary>
    public List<(string Value, string Text)> OpenDates { get; private set; } = [];

    /// <summary>Dates whose change parents were told about (<see cref="DateChangeNotices"/>): the date, how many were told, how many have no e-mail.</summary>
    public List<(string When, int Told, int ToCall)> ChangedDates { get; private set; } = [];

    [BindProperty]
    public StaffSignUpInput Add { get; set; } = new();

    public List<Public.FieldError> AddErrors { get; } = [];

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

    /// <summary>Signs a parent up on their behalf, through the same book as the public form (capacity, waitlist, duplicates), audited.</summary>
    public async Task<IActionResult> OnPostAddAsync(int activityId, CancellationToken ct)
    {
        if (!await LoadAsync(activityId, ct))
            return NotFound();
        var activity = await db.Activities.AsNoTracking().Include(x => x.Wijk).ThenInclude(w => w.Gemeente).Include(x => x.MeetingPlace).Include(x => x.Organiser)
            .SingleAsync(x => x.Id == activityId, ct);
        var settings = await SignUpSettings.LoadAsync(db, activity, ct);
        var input = Add.Validate(options.Value, T, AddErrors);
        var date = SignUpPaths.ParseDate(Add.Date) is { } d ? dates.Coming(activity, settings).FirstOrDefault(x => x.SlotDate == d) : null;
        if (date is null)
            AddErrors.Add(new("nieuw-datum", T["Inbox.Add.Error.Date"]));
        if (input is null || date is null || AddErrors.Count > 0)
        {
            Rows = await inbox.LoadAsync(Filtered(activityId), ct);
            return Page();
        }

        var result = await book.AddAsync(activity, settings, date, input, ct);
        if (result.Outcome != SignUpOutcome.AlreadySignedUp)
        {
            await audit.RecordAsync(AuditAction.SignUpAddedByStaff, AuditTarget.SignUp(result.SignUpId),
                $"activity {activityId} {SignUpPaths.Date(date.SlotDate)}, {(Add.How == "aan-de-deur" ? "at the door" : "by phone")}: {result.Outcome}", ct: ct);
        }

        TempData["FlashText"] = result.Outcome switch
        {
            SignUpOutcome.Placed => T["Inbox.Add.Placed"].Value,
            SignUpOutcome.Waitlisted => T["Inbox.Add.Waitlisted", result.WaitlistPosition].Value,
            _ => T["Inbox.Add.Already"].Value,
        };
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
        OpenDates = dates.Coming(a, settings).Select(d => (SignUpPaths.Date(d.SlotDate), dates.Describe(d))).ToList();
        var told = await db.SignUpChangeNotices.AsNoTracking().Where(n => n.SignUp.ActivityId == activityId)
            .Select(n => new { n.SignUp.Slot.Date, n.SignUpId, n.Mailed }).ToListAsync(ct);
        ChangedDates = told.GroupBy(n => n.Date).OrderBy(g => g.Key)
            .Select(g => (inbox.Describe(a, settings, g.Key), g.Select(n => n.SignUpId).Distinct().Count(), g.Where(n => !n.Mailed).Select(n => n.SignUpId).Distinct().Count()))
            .ToList();
        return true;
    }
}
