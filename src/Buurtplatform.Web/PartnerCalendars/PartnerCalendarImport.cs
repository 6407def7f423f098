using Buurtplatform.Web.Audit;
using NodaTime.Extensions;

namespace Buurtplatform.Web.PartnerCalendars;

/// <summary>
/// Takes a partner's file in: parsed whole first (<see cref="IcsParser"/>); refused with one clear message and nothing
/// changed, or applied in one transaction: new events wait as new, a published event the source changed is flagged
/// (parents keep seeing what was published), a published event gone from the source waits for staff to confirm
/// taking it offline. Every attempt is audited and its result kept on the calendar for the list.
/// </summary>
public sealed class PartnerCalendarImport(
    AppDbContext db, CalendarFetcher fetcher, AuditLog audit, TimeProvider clock, IOptions<PartnerCalendarOptions> options,
    IStringLocalizer<SharedResource> T, ILogger<PartnerCalendarImport> logger)
{
    /// <summary>The lock of the background round: one node fetches per round.</summary>
    public const string Job = "partner-calendars";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Fetches the calendar's URL (conditionally, with its ETag and Last-Modified) and takes the file in.</summary>
    public async Task<bool> FetchAsync(int calendarId, AuditActor actor, CancellationToken ct = default)
    {
        // A calendar switched off is left alone, also when it was switched off after the job listed it as due.
        var calendar = await db.PartnerCalendars.FirstOrDefaultAsync(c => c.Id == calendarId && c.Enabled, ct);
        if (calendar?.Url is null)
            return false;
        var fetched = await fetcher.FetchAsync(calendar.Url, calendar.ETag, calendar.LastModifiedUtc, ct);
        if (fetched.Problem is { } problem)
            return await RefuseAsync(calendar, problem, actor, ct);
        if (fetched.NotModified)
        {
            calendar.LastFetchUtc = Now;
            calendar.LastFetchOk = true;
            calendar.LastMessage = T["PartnerCalendars.Result.NotModified"];
            audit.Record(AuditAction.PartnerCalendarImported, AuditTarget.PartnerCalendar(calendar.Id), "not modified (304)", actor);
            await db.SaveChangesAsync(ct);
            return true;
        }

        return await TakeInAsync(calendar, fetched.Body!, fetched.ETag, fetched.LastModifiedUtc, actor, ct);
    }

    /// <summary>Takes an uploaded file in (not for a calendar that is switched off).</summary>
    public async Task<bool> UploadAsync(int calendarId, byte[] bytes, AuditActor actor, CancellationToken ct = default)
    {
        var calendar = await db.PartnerCalendars.FirstOrDefaultAsync(c => c.Id == calendarId && c.Enabled, ct);
        if (calendar is null)
            return false;
        return await TakeInAsync(calendar, bytes, calendar.ETag, calendar.LastModifiedUtc, actor, ct);
    }

    /// <summary>The background round: every enabled calendar with an address whose last fetch is an interval old, on one node at a time.</summary>
    public Task<int> RunDueAsync(CancellationToken ct = default) =>
        DatabaseLocks.RunAloneAsync(db, Job, async () =>
        {
            var due = Now - options.Value.FetchInterval;
            var ids = await db.PartnerCalendars.AsNoTracking()
                .Where(c => c.Enabled && c.Url != null && (c.LastFetchUtc == null || c.LastFetchUtc <= due))
                .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
            foreach (var id in ids)
            {
                await FetchAsync(id, AuditActor.Job(Job), ct);
                db.ChangeTracker.Clear();
            }

            return ids.Count;
        }, 0, ct);

    private async Task<bool> TakeInAsync(PartnerCalendar calendar, byte[] bytes, string? etag, DateTime? lastModified, AuditActor actor, CancellationToken ct)
    {
        var parsed = IcsParser.Parse(bytes, clock.GetUtcNow().ToInstant(), options.Value);
        if (parsed.Problem is { } problem)
            return await RefuseAsync(calendar, problem, actor, ct);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var (added, changed, removed) = await ApplyAsync(calendar, parsed.Events, ct);
            calendar.ETag = etag;
            calendar.LastModifiedUtc = lastModified;
            calendar.LastFetchUtc = Now;
            calendar.LastFetchOk = true;
            var message = T["PartnerCalendars.Result.Imported", parsed.Events.Count(e => !e.InSeries), added, changed, removed].Value;
            if (parsed.SkippedAllDay + parsed.SkippedPast > 0)
                message += " " + T["PartnerCalendars.Result.Skipped", parsed.SkippedAllDay + parsed.SkippedPast].Value;
            calendar.LastMessage = message;
            audit.Record(AuditAction.PartnerCalendarImported, AuditTarget.PartnerCalendar(calendar.Id),
                $"{parsed.Events.Count} events: {added} new, {changed} changed, {removed} gone from the source", actor);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        });
    }

    /// <summary>Nothing of the file is taken in; the reason is kept on the calendar and audited.</summary>
    private async Task<bool> RefuseAsync(PartnerCalendar calendar, ImportMessage problem, AuditActor actor, CancellationToken ct)
    {
        var text = T[problem.Key, problem.Args].Value;
        calendar.LastFetchUtc = Now;
        calendar.LastFetchOk = false;
        calendar.LastMessage = text.Length > 1000 ? text[..1000] : text;
        audit.Record(AuditAction.PartnerCalendarRefused, AuditTarget.PartnerCalendar(calendar.Id), problem.Key, actor);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Partner calendar {Id} refused: {Problem}", calendar.Id, problem.Key);
        return false;
    }

    private async Task<(int Added, int Changed, int Removed)> ApplyAsync(PartnerCalendar calendar, IReadOnlyList<ImportedEvent> events, CancellationToken ct)
    {
        var existing = await db.PartnerEvents.Where(e => e.PartnerCalendarId == calendar.Id).ToListAsync(ct);
        var byKey = existing.ToDictionary(e => (e.Uid, e.RecurrenceId));
        var seen = new HashSet<(string, string)>();
        var (added, changed, removed) = (0, 0, 0);
        foreach (var e in events)
        {
            if (!seen.Add((e.Uid, e.RecurrenceId)))
                continue; // the same UID and RECURRENCE-ID twice: the first counts, as calendar apps do
            var schedule = e.Schedule.ToJson();
            if (!byKey.TryGetValue((e.Uid, e.RecurrenceId), out var row))
            {
                db.PartnerEvents.Add(row = new PartnerEvent
                {
                    PartnerCalendarId = calendar.Id, Uid = e.Uid, RecurrenceId = e.RecurrenceId, FirstSeenUtc = Now,
                    Status = e.InSeries ? PartnerEventStatus.InSeries : PartnerEventStatus.New,
                });
                Copy(row, e, schedule);
                if (!e.InSeries)
                    added++;
                continue;
            }

            if (row.Status == PartnerEventStatus.Offline)
            {
                // Back in the source after staff took its activity offline: to review again, as new; publishing it
                // puts the same activity (kept in ActivityId) back online.
                Copy(row, e, schedule);
                row.Status = e.InSeries ? PartnerEventStatus.InSeries : PartnerEventStatus.New;
                if (!e.InSeries)
                    added++;
                continue;
            }

            if (row.SourceHash != e.SourceHash)
            {
                Copy(row, e, schedule);
                if (row.Status is PartnerEventStatus.Published or PartnerEventStatus.Removed)
                {
                    row.Status = PartnerEventStatus.Changed;
                    changed++;
                }
            }
            else
            {
                // The same source: only the horizon of listed dates moves along, without asking staff again.
                row.Schedule = schedule;
                row.Note = e.Note;
                if (row.Status == PartnerEventStatus.Removed)
                    row.Status = PartnerEventStatus.Published; // back in the source as it was published
            }

            if (e.InSeries && row.Status == PartnerEventStatus.New)
                row.Status = PartnerEventStatus.InSeries;
        }

        foreach (var row in existing.Where(r => !seen.Contains((r.Uid, r.RecurrenceId))))
        {
            if (row.Status is PartnerEventStatus.Published or PartnerEventStatus.Changed)
            {
                row.Status = PartnerEventStatus.Removed;
                row.UpdatedUtc = Now;
                removed++;
            }
            else if (row.Status is not (PartnerEventStatus.Removed or PartnerEventStatus.Offline))
            {
                db.PartnerEvents.Remove(row);
            }
        }

        return (added, changed, removed);
    }

    private void Copy(PartnerEvent row, ImportedEvent e, string schedule)
    {
        row.Title = e.Title;
        row.Description = e.Description;
        row.Location = e.Location;
        row.Schedule = schedule;
        row.Note = e.Note;
        row.SourceHash = e.SourceHash;
        row.UpdatedUtc = Now;
    }
}
