using Buurtplatform.Calendar;
using Buurtplatform.Web.Audit;
using NodaTime;

namespace Buurtplatform.Web.SignUps;

public sealed record RetentionRun(int Slots, int SignUpsDeleted);

/// <summary>
/// The sign-ups' background work, each part idempotent and callable from tests with a fixed clock:
/// reminders, the staff's daily digest, and retention (deleting personal data, keeping anonymous counts).
/// Each part runs on one node at a time (<see cref="DatabaseLocks"/>): a node whose round finds another node
/// doing it skips, and its next round finds the work done (marked in the same commit).
/// </summary>
public sealed class SignUpJobs(AppDbContext db, SignUpDates dates, SignUpMails mails, AuditLog audit,
    IOptions<SignUpOptions> options, ILogger<SignUpJobs> logger)
{
    private static readonly DateTimeZone Zone = SiteZone.Zone;

    public async Task RunAllAsync(CancellationToken ct)
    {
        await SendRemindersAsync(ct);
        await SendDigestsAsync(ct);
        await DeleteExpiredAsync(ct);
    }

    /// <summary>
    /// Reminders for sign-ups with a place and an e-mail address, from <see cref="SignUpSettings.ReminderDaysBefore"/>
    /// days before the date (a series: its first date) at its start time until the start. Each is sent once.
    /// </summary>
    public Task<int> SendRemindersAsync(CancellationToken ct) =>
        DatabaseLocks.RunAloneAsync(db, "sign-up-reminders", () => QueueRemindersAsync(ct), 0, ct);

    private async Task<int> QueueRemindersAsync(CancellationToken ct)
    {
        using var culture = SiteCulture.Use();
        var now = dates.Now;
        var today = DateOnly.FromDateTime(now.InZone(Zone).Date.ToDateTimeUnspecified());
        var candidates = await db.SignUps.Include(s => s.Slot).Include(s => s.Activity)
            .Where(s => s.ReminderSentUtc == null && s.Email != null
                && s.State != SignUpState.Waitlisted && s.State != SignUpState.Cancelled
                && (s.Slot.Date == SignUpSlot.WholeSeries || s.Slot.Date >= today.AddDays(-7)))
            .ToListAsync(ct);
        var settingsByActivity = await SettingsAsync(candidates.Select(s => s.ActivityId), ct);
        var sent = 0;
        foreach (var s in candidates)
        {
            var settings = SignUpSettings.For(s.Activity, settingsByActivity.GetValueOrDefault(s.ActivityId));
            if (!settings.SendReminder || dates.Find(s.Activity, settings, s.Slot.Date) is not { } date)
                continue;
            var start = date.First.Start;
            var due = (start.Date.PlusDays(-Math.Max(0, settings.ReminderDaysBefore)) + start.TimeOfDay).InZoneLeniently(Zone).ToInstant();
            if (now < due || now >= start.ToInstant())
                continue;
            await mails.QueueReminderAsync(s, ct);
            s.ReminderSentUtc = now.ToDateTimeUtc();
            sent++;
        }

        await db.SaveChangesAsync(ct);
        if (sent > 0)
            logger.LogInformation("Sign-up reminders queued: {Count}", sent);
        return sent;
    }

    /// <summary>
    /// Once a day from <see cref="SignUpOptions.DigestTime"/>: to each staff member who chose the digest, the
    /// number of new sign-ups per activity at their locations since their last digest.
    /// </summary>
    public Task<int> SendDigestsAsync(CancellationToken ct) =>
        DatabaseLocks.RunAloneAsync(db, "sign-up-digests", () => QueueDigestsAsync(ct), 0, ct);

    private async Task<int> QueueDigestsAsync(CancellationToken ct)
    {
        using var culture = SiteCulture.Use();
        var now = dates.Now;
        var local = now.InZone(Zone);
        var todaysTime = (local.Date + LocalTime.FromTimeOnly(options.Value.DigestTime)).InZoneLeniently(Zone).ToInstant();
        if (now < todaysTime)
            return 0;
        var cutoff = todaysTime.ToDateTimeUtc();
        var people = await db.StaffSignUpPreferences
            .Where(p => p.Notification == SignUpNotification.DailyDigest && (p.LastDigestUtc == null || p.LastDigestUtc < cutoff))
            .Join(db.Users.Where(u => !u.IsDisabled && u.Email != null), p => p.UserId, u => u.Id, (p, u) => new { Preference = p, u.Email })
            .ToListAsync(ct);
        var mailed = 0;
        foreach (var person in people)
        {
            var since = person.Preference.LastDigestUtc ?? cutoff.AddDays(-1);
            var news = await db.SignUps.AsNoTracking().Where(s => s.CreatedUtc > since && s.CreatedUtc <= cutoff)
                .GroupBy(s => new { s.ActivityId, s.Activity.Title, s.Activity.MeetingPlaceId, s.Activity.WijkId })
                .Select(g => new { g.Key.ActivityId, g.Key.Title, g.Key.MeetingPlaceId, g.Key.WijkId, Count = g.Count() })
                .ToListAsync(ct);
            var rows = new List<(int, string, int)>();
            foreach (var n in news.OrderBy(n => n.Title, StringComparer.CurrentCulture))
            {
                if ((await LocationStaff.StaffIdsAsync(db, n.MeetingPlaceId, n.WijkId, ct)).Contains(person.Preference.UserId))
                    rows.Add((n.ActivityId, n.Title, n.Count));
            }

            if (rows.Count > 0)
            {
                mails.QueueDigest(person.Email!, rows);
                mailed++;
            }

            person.Preference.LastDigestUtc = cutoff;
        }

        await db.SaveChangesAsync(ct);
        return mailed;
    }

    /// <summary>
    /// Deletes the sign-ups of every date that ended more than <see cref="SignUpOptions.RetentionDays"/> days ago
    /// (a series: its last date), adding attendance to the slot's anonymous counts in the same transaction.
    /// Running it again finds nothing to do. The log gets counts only.
    /// </summary>
    public Task<RetentionRun> DeleteExpiredAsync(CancellationToken ct) =>
        DatabaseLocks.RunAloneAsync(db, "sign-up-retention", () => DeleteExpiredNowAsync(ct), new RetentionRun(0, 0), ct);

    private async Task<RetentionRun> DeleteExpiredNowAsync(CancellationToken ct)
    {
        var now = dates.Now;
        var days = options.Value.RetentionDays;
        var slots = await db.SignUpSlots.AsNoTracking().Include(s => s.Activity)
            .Where(s => db.SignUps.Any(x => x.SlotId == s.Id)).ToListAsync(ct);
        var settingsByActivity = await SettingsAsync(slots.Select(s => s.ActivityId), ct);
        int slotCount = 0, deleted = 0;
        foreach (var slot in slots)
        {
            var settings = SignUpSettings.For(slot.Activity, settingsByActivity.GetValueOrDefault(slot.ActivityId));
            var end = dates.EndOf(slot.Activity, settings, slot.Date);
            var lastDay = end.Minus(Duration.FromTicks(1)).InZone(Zone).Date;
            var deleteFrom = lastDay.PlusDays(days + 1).AtStartOfDayInZone(Zone).ToInstant();
            if (now < deleteFrom)
                continue;

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var counts = await db.SignUps.Where(s => s.SlotId == slot.Id).GroupBy(s => s.State)
                .Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
            var attended = counts.Where(c => c.State == SignUpState.Attended).Sum(c => c.Count);
            var noShow = counts.Where(c => c.State == SignUpState.NoShow).Sum(c => c.Count);
            await db.SignUpSlots.Where(s => s.Id == slot.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.TotalAttended, x => x.TotalAttended + attended)
                .SetProperty(x => x.TotalNoShow, x => x.TotalNoShow + noShow)
                .SetProperty(x => x.PersonalDataDeletedUtc, now.ToDateTimeUtc()), ct);
            var n = await db.SignUps.Where(s => s.SlotId == slot.Id).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            slotCount++;
            deleted += n;
        }

        if (deleted > 0)
        {
            logger.LogInformation("Sign-up retention: {Deleted} sign-ups deleted in {Slots} dates", deleted, slotCount);
            await audit.RecordAsync(AuditAction.SignUpRetention, null, $"{deleted} sign-ups deleted in {slotCount} dates ({days} days after the activity)", AuditActor.Job("sign-up retention"), ct);
        }

        return new RetentionRun(slotCount, deleted);
    }

    private async Task<Dictionary<int, SignUpSettings>> SettingsAsync(IEnumerable<int> activityIds, CancellationToken ct)
    {
        var ids = activityIds.Distinct().ToList();
        return await db.SignUpSettings.AsNoTracking().Where(s => ids.Contains(s.ActivityId)).ToDictionaryAsync(s => s.ActivityId, ct);
    }
}

/// <summary>Runs <see cref="SignUpJobs"/> every <see cref="SignUpOptions.JobInterval"/> while the site runs.</summary>
public sealed class SignUpWorker(PeriodicWork periodic, IOptions<SignUpOptions> options, ILogger<SignUpWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.JobsEnabled
            ? periodic.RunAsync(options.Value.JobInterval, runAtStart: true,
                (services, ct) => services.GetRequiredService<SignUpJobs>().RunAllAsync(ct),
                e => logger.LogError(e, "The sign-up jobs failed"), stoppingToken)
            : Task.CompletedTask;
}

/// <summary>Mails written outside a request (background jobs) use the site's culture, for day and month names.</summary>
public static class SiteCulture
{
    public static IDisposable Use()
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
        return new Restore(() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui));
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
