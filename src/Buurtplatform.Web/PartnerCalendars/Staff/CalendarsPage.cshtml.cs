using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.PartnerCalendars.Staff;

/// <summary>
/// A wijk's partner calendars (its editors and administrators; the route's <c>wijkId</c> is scope-checked before the
/// page runs): add one by address or for uploads, upload a file, fetch now, and each calendar's last result; switch
/// one off and on; remove one after a confirmation step (the same page, <c>?handler=Remove</c>, so no script is needed).
/// </summary>
/// <remarks>A posted calendar or partner id must belong to this wijk (else 404), so a scoped route cannot reach another wijk's.</remarks>
public sealed class CalendarsPageModel(AppDbContext db, PartnerCalendarImport import, AuditLog audit, TimeProvider clock,
    IOptions<PartnerCalendarOptions> options, IStringLocalizer<SharedResource> T) : PageModel
{
    public sealed record Row(PartnerCalendar Calendar, int Waiting);

    public Wijk Wijk { get; private set; } = null!;

    public List<Row> Calendars { get; private set; } = [];

    public List<Partner> Partners { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    /// <summary>The calendar to confirm removing (the confirmation step), or null for the list.</summary>
    public Row? ToRemove { get; private set; }

    /// <summary>For the confirmation: the calendar's events in the moderation list, and its activities that stay online.</summary>
    public (int Events, int Published) RemoveCounts { get; private set; }

    [BindProperty]
    public AddInput Add { get; set; } = new();

    public sealed class AddInput
    {
        public string? Name { get; set; }

        public int? PartnerId { get; set; }

        public string? Url { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int wijkId, CancellationToken ct) =>
        await LoadAsync(wijkId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(int wijkId, CancellationToken ct)
    {
        if (!await LoadAsync(wijkId, ct))
            return NotFound();
        var name = (Add.Name ?? "").Trim();
        var url = string.IsNullOrWhiteSpace(Add.Url) ? null : Add.Url.Trim();
        if (name.Length is 0 or > 200)
            Errors.Add("f-name", T["PartnerCalendars.Name"], T["PartnerCalendars.Error.Name"]);
        if (Partners.All(p => p.Id != Add.PartnerId))
            Errors.Add("f-partner", T["PartnerCalendars.Partner"], T["PartnerCalendars.Error.Partner"]);
        if (url is not null && (url.Length > PartnerCalendarOptions.MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            Errors.Add("f-url", T["PartnerCalendars.Url"], T["PartnerCalendars.Problem.Scheme"]);
        }

        if (Errors.Count > 0)
            return Page();
        var calendar = new PartnerCalendar { WijkId = wijkId, PartnerId = Add.PartnerId!.Value, Name = name, Url = url, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        db.PartnerCalendars.Add(calendar);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditAction.PartnerCalendarAdded, AuditTarget.PartnerCalendar(calendar.Id), url is null ? "for uploads" : "by address", ct: ct);
        TempData["Flash"] = "PartnerCalendars.Flash.Added";
        return Redirect(PartnerCalendarPaths.List(wijkId));
    }

    public async Task<IActionResult> OnPostFetchAsync(int wijkId, int calendarId, CancellationToken ct)
    {
        var enabled = await db.PartnerCalendars.Where(c => c.Id == calendarId && c.WijkId == wijkId && c.Url != null).Select(c => (bool?)c.Enabled).FirstOrDefaultAsync(ct);
        if (enabled is null)
            return NotFound();
        if (enabled == false)
            return await SwitchedOffAsync(wijkId, calendarId, ct);
        var ok = await import.FetchAsync(calendarId, audit.CurrentActor(), ct);
        TempData["Flash"] = ok ? "PartnerCalendars.Flash.Fetched" : "PartnerCalendars.Flash.Refused";
        return Redirect(PartnerCalendarPaths.List(wijkId));
    }

    public async Task<IActionResult> OnPostUploadAsync(int wijkId, int calendarId, IFormFile? file, CancellationToken ct)
    {
        var enabled = await db.PartnerCalendars.Where(c => c.Id == calendarId && c.WijkId == wijkId).Select(c => (bool?)c.Enabled).FirstOrDefaultAsync(ct);
        if (enabled is null)
            return NotFound();
        if (enabled == false)
            return await SwitchedOffAsync(wijkId, calendarId, ct);
        if (file is null || file.Length == 0)
        {
            await LoadAsync(wijkId, ct);
            Errors.Add($"f-file-{calendarId}", T["PartnerCalendars.File"], T["PartnerCalendars.Error.File"]);
            return Page();
        }

        // Read one byte past the limit at most: the parser then says the file is too large, and no more is held in memory.
        var limit = options.Value.MaxBytes + 1;
        var buffer = new byte[Math.Min(file.Length, limit)];
        await using (var stream = file.OpenReadStream())
            await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        var ok = await import.UploadAsync(calendarId, buffer, audit.CurrentActor(), ct);
        TempData["Flash"] = ok ? "PartnerCalendars.Flash.Fetched" : "PartnerCalendars.Flash.Refused";
        return Redirect(PartnerCalendarPaths.List(wijkId));
    }

    /// <summary>Switches a calendar off (no fetching, no uploads; its events and published activities stay as they are) or on again.</summary>
    public async Task<IActionResult> OnPostSwitchAsync(int wijkId, int calendarId, bool enabled, CancellationToken ct)
    {
        var calendar = await db.PartnerCalendars.FirstOrDefaultAsync(c => c.Id == calendarId && c.WijkId == wijkId, ct);
        if (calendar is null)
            return NotFound();
        if (calendar.Enabled != enabled)
        {
            calendar.Enabled = enabled;
            audit.Record(enabled ? AuditAction.PartnerCalendarSwitchedOn : AuditAction.PartnerCalendarSwitchedOff, AuditTarget.PartnerCalendar(calendar.Id), calendar.Name);
            await db.SaveChangesAsync(ct);
        }

        TempData["Flash"] = enabled ? "PartnerCalendars.Flash.SwitchedOn" : "PartnerCalendars.Flash.SwitchedOff";
        return Redirect(PartnerCalendarPaths.List(wijkId));
    }

    /// <summary>The confirmation step before removing: what goes and what stays.</summary>
    public async Task<IActionResult> OnGetRemoveAsync(int wijkId, int calendarId, CancellationToken ct)
    {
        if (!await LoadAsync(wijkId, ct) || Calendars.FirstOrDefault(r => r.Calendar.Id == calendarId) is not { } row)
            return NotFound();
        ToRemove = row;
        RemoveCounts = await CountsAsync(calendarId, ct);
        return Page();
    }

    /// <summary>
    /// Removes the calendar with its events, and the partner's remembered places when it has no other calendar. The
    /// activities published from it stay, as ordinary activities (their link to the event goes with the event).
    /// </summary>
    public async Task<IActionResult> OnPostRemoveAsync(int wijkId, int calendarId, CancellationToken ct)
    {
        var calendar = await db.PartnerCalendars.AsNoTracking().FirstOrDefaultAsync(c => c.Id == calendarId && c.WijkId == wijkId, ct);
        if (calendar is null)
            return NotFound();
        var actor = audit.CurrentActor();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var (events, published) = await CountsAsync(calendarId, ct);
            await db.PartnerEvents.Where(e => e.PartnerCalendarId == calendarId).ExecuteDeleteAsync(ct);
            var mappings = await db.PartnerCalendars.AnyAsync(c => c.PartnerId == calendar.PartnerId && c.Id != calendarId, ct)
                ? 0
                : await db.PartnerLocationMappings.Where(m => m.PartnerId == calendar.PartnerId).ExecuteDeleteAsync(ct);
            await db.PartnerCalendars.Where(c => c.Id == calendarId).ExecuteDeleteAsync(ct);
            audit.Record(AuditAction.PartnerCalendarRemoved, AuditTarget.PartnerCalendar(calendarId),
                $"'{calendar.Name}': {events} events and {mappings} remembered places removed, {published} published activities stay", actor);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        TempData["Flash"] = "PartnerCalendars.Flash.CalendarRemoved";
        return Redirect(PartnerCalendarPaths.List(wijkId));
    }

    private async Task<(int Events, int Published)> CountsAsync(int calendarId, CancellationToken ct)
    {
        var events = await db.PartnerEvents.CountAsync(e => e.PartnerCalendarId == calendarId && e.Status != PartnerEventStatus.InSeries && e.Status != PartnerEventStatus.Offline, ct);
        var published = await db.Activities.CountAsync(a => a.State == PublishState.Published
            && db.PartnerEvents.Any(e => e.PartnerCalendarId == calendarId && e.ActivityId == a.Id), ct);
        return (events, published);
    }

    /// <summary>"Fetch now" or an upload for a calendar that is off (a page opened before it was switched off): refused, saying why.</summary>
    private async Task<IActionResult> SwitchedOffAsync(int wijkId, int calendarId, CancellationToken ct)
    {
        await LoadAsync(wijkId, ct);
        var name = Calendars.First(r => r.Calendar.Id == calendarId).Calendar.Name;
        Errors.Add($"agenda-{calendarId}", name, T["PartnerCalendars.Error.Off"]);
        return Page();
    }

    private async Task<bool> LoadAsync(int wijkId, CancellationToken ct)
    {
        var wijk = await db.Wijken.AsNoTracking().Include(w => w.Gemeente).FirstOrDefaultAsync(w => w.Id == wijkId, ct);
        if (wijk is null)
            return false;
        Wijk = wijk;
        Partners = await db.Partners.AsNoTracking().Where(p => p.WijkId == wijkId).OrderBy(p => p.Name).ToListAsync(ct);
        var calendars = await db.PartnerCalendars.AsNoTracking().Include(c => c.Partner).Where(c => c.WijkId == wijkId).OrderBy(c => c.Name).ToListAsync(ct);
        var waiting = await db.PartnerEvents.Where(e => e.Calendar.WijkId == wijkId
                && (e.Status == PartnerEventStatus.New || e.Status == PartnerEventStatus.Changed || e.Status == PartnerEventStatus.Removed))
            .GroupBy(e => e.PartnerCalendarId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Calendars = [.. calendars.Select(c => new Row(c, waiting.GetValueOrDefault(c.Id)))];
        return true;
    }
}
