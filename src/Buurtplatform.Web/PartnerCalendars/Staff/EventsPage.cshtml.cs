using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.PartnerCalendars.Staff;

/// <summary>
/// The moderation list of a wijk's partner events (route <c>wijkId</c> scope-checked): new events to publish (with
/// a meeting place and type, the partner's remembered choice for that location text preselected) or ignore;
/// published events the source changed, with what changed; events gone from the source, to take offline on confirmation.
/// </summary>
public sealed class EventsPageModel(AppDbContext db, PartnerEventPublishing publishing, AuditLog audit, DateText dates, IStringLocalizer<SharedResource> T) : PageModel
{
    public sealed record Card(PartnerEvent Event, int? PlaceId, ActivityType? Type, IReadOnlyList<string> Changes);

    public Wijk Wijk { get; private set; } = null!;

    public List<Card> Cards { get; private set; } = [];

    public List<MeetingPlace> Places { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public IEnumerable<Card> InStatus(PartnerEventStatus status) => Cards.Where(c => c.Event.Status == status);

    public async Task<IActionResult> OnGetAsync(int wijkId, CancellationToken ct) =>
        await LoadAsync(wijkId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPublishAsync(int wijkId, int eventId, int? placeId, string? type, CancellationToken ct)
    {
        if (!await db.PartnerEvents.AnyAsync(e => e.Id == eventId && e.Calendar.WijkId == wijkId, ct))
            return NotFound();
        if (placeId is null || !ActivityTypes.TryParse(type, out var activityType))
            return await RefusedAsync(wijkId, eventId, "PartnerCalendars.Problem.Place", ct);
        var result = await publishing.PublishAsync(wijkId, eventId, placeId.Value, activityType, audit.CurrentActor(), ct);
        return result.Ok ? Done(wijkId, "PartnerCalendars.Flash.Published") : await RefusedAsync(wijkId, eventId, result.Problem ?? "Form.Failed", ct);
    }

    public async Task<IActionResult> OnPostIgnoreAsync(int wijkId, int eventId, CancellationToken ct)
    {
        if (!await db.PartnerEvents.AnyAsync(e => e.Id == eventId && e.Calendar.WijkId == wijkId, ct))
            return NotFound();
        var result = await publishing.IgnoreAsync(wijkId, eventId, audit.CurrentActor(), ct);
        return result.Ok ? Done(wijkId, "PartnerCalendars.Flash.Ignored") : await RefusedAsync(wijkId, eventId, result.Problem!, ct);
    }

    public async Task<IActionResult> OnPostConfirmRemovalAsync(int wijkId, int eventId, CancellationToken ct)
    {
        if (!await db.PartnerEvents.AnyAsync(e => e.Id == eventId && e.Calendar.WijkId == wijkId, ct))
            return NotFound();
        var result = await publishing.ConfirmRemovalAsync(wijkId, eventId, audit.CurrentActor(), ct);
        return result.Ok ? Done(wijkId, "PartnerCalendars.Flash.Removed") : await RefusedAsync(wijkId, eventId, result.Problem!, ct);
    }

    /// <summary>When the event happens, in a line for staff (Amsterdam time).</summary>
    public string When(string scheduleJson)
    {
        var imported = ImportedSchedule.FromJson(scheduleJson);
        var s = imported.Schedule;
        var time = dates.TimeRange(s.StartTime, s.EndTime);
        var days = string.Join(", ", s.Days.Select(dates.DayName));
        var text = s.Repeat switch
        {
            Repeat.Weekly => T[s.Interval == 1 ? "PartnerCalendars.When.Weekly" : "PartnerCalendars.When.EveryWeeks", days, time, dates.LongDate(s.StartDate), s.Interval].Value,
            Repeat.Monthly => T["PartnerCalendars.When.Monthly", days, time, dates.LongDate(s.StartDate), T[$"PartnerCalendars.Nth.{s.WeekOfMonth ?? 1}"].Value].Value,
            _ when s.ExtraDates.Count > 0 => T["PartnerCalendars.When.Dates", s.ExtraDates.Count + 1, time, dates.LongDate(s.StartDate), dates.LongDate(s.ExtraDates[^1])].Value,
            _ => T["PartnerCalendars.When.Once", dates.LongDate(s.StartDate), time].Value,
        };
        if (s.Until is { } until)
            text += " " + T["PartnerCalendars.When.Until", dates.LongDate(until)].Value;
        if (s.Count is { } count)
            text += " " + T["PartnerCalendars.When.Count", count].Value;
        var cancelled = imported.Changes.Count(c => c.Cancelled);
        var moved = imported.Changes.Count - cancelled;
        if (cancelled > 0)
            text += " " + T.Plural("PartnerCalendars.When.Cancelled", cancelled);
        if (moved > 0)
            text += " " + T.Plural("PartnerCalendars.When.Moved", moved);
        return text;
    }

    private RedirectResult Done(int wijkId, string flash)
    {
        TempData["Flash"] = flash;
        return Redirect(PartnerCalendarPaths.Events(wijkId));
    }

    private async Task<IActionResult> RefusedAsync(int wijkId, int eventId, string problem, CancellationToken ct)
    {
        await LoadAsync(wijkId, ct);

        // The summary's link goes to the event's card when it is still listed, else to the page's heading.
        var target = Cards.Any(c => c.Event.Id == eventId) ? $"activiteit-{eventId}" : "inhoud";
        Errors.Add(target, T["PartnerCalendars.Events"], T[problem]);
        return Page();
    }

    private async Task<bool> LoadAsync(int wijkId, CancellationToken ct)
    {
        var wijk = await db.Wijken.AsNoTracking().Include(w => w.Gemeente).FirstOrDefaultAsync(w => w.Id == wijkId, ct);
        if (wijk is null)
            return false;
        Wijk = wijk;
        Places = await db.MeetingPlaces.AsNoTracking().Where(p => p.WijkId == wijkId).OrderBy(p => p.Name).ToListAsync(ct);
        var events = await db.PartnerEvents.AsNoTracking().Include(e => e.Calendar).ThenInclude(c => c.Partner)
            .Where(e => e.Calendar.WijkId == wijkId && e.Status != PartnerEventStatus.InSeries && e.Status != PartnerEventStatus.Offline)
            .OrderBy(e => e.Calendar.Name).ThenBy(e => e.Title).ThenBy(e => e.Id).ToListAsync(ct);
        var partnerIds = events.Select(e => e.Calendar.PartnerId).Distinct().ToList();
        var mappings = await db.PartnerLocationMappings.AsNoTracking().Where(m => partnerIds.Contains(m.PartnerId)).ToListAsync(ct);
        var activityIds = events.Where(e => e.ActivityId != null).Select(e => e.ActivityId!.Value).ToList();
        var activities = await db.Activities.AsNoTracking().Where(a => activityIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => (a.MeetingPlaceId, a.Type), ct);
        Cards = [.. events.Select(e =>
        {
            var remembered = mappings.FirstOrDefault(m => m.PartnerId == e.Calendar.PartnerId && m.LocationText == PartnerEventPublishing.LocationKey(e.Location));
            (int? place, ActivityType? type) = e.ActivityId is { } id && activities.TryGetValue(id, out var a) ? ((int?)a.MeetingPlaceId, (ActivityType?)a.Type)
                : remembered is not null ? (remembered.MeetingPlaceId, remembered.Type) : (null, null);
            return new Card(e, place, type, ChangesOf(e));
        })];
        return true;
    }

    /// <summary>What the source changed since publishing, field by field, for staff to review (also for an event back after it went offline).</summary>
    private List<string> ChangesOf(PartnerEvent e)
    {
        if (e.Status != PartnerEventStatus.Changed && !(e.Status == PartnerEventStatus.New && e.PublishedSchedule is not null))
            return [];
        var changes = new List<string>();
        if (e.PublishedTitle != e.Title)
            changes.Add(T["PartnerCalendars.Changed.Title", e.PublishedTitle ?? "", e.Title]);
        if (e.PublishedLocation != e.Location)
            changes.Add(T["PartnerCalendars.Changed.Location", e.PublishedLocation ?? "", e.Location]);
        if (e.PublishedSchedule != e.Schedule)
            changes.Add(T["PartnerCalendars.Changed.When", e.PublishedSchedule is null ? "" : When(e.PublishedSchedule), When(e.Schedule)]);
        if (e.PublishedDescription != e.Description)
            changes.Add(T["PartnerCalendars.Changed.Description"]);
        return changes;
    }
}
