using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using NodaTime;

namespace Buurtplatform.Web.SignUps;

/// <summary>One change to a date parents signed up for, found by comparing an activity's dates before and after a publish.</summary>
/// <param name="Date">The date as the series gives it (the occurrence's identity); null for the whole activity.</param>
/// <param name="Now">For a moved date: where it went.</param>
public sealed record DateChange(DateChangeKind Kind, LocalDate? Date, ActivityOccurrence? Now, string? Reason, string Key);

/// <summary>
/// Tells parents when a date they signed up for is cancelled or moved, or the activity goes offline or is deleted:
/// one <see cref="SignUpChangeNotice"/> per sign-up per change (unique, so never twice), a mail in the parent's
/// language when they gave an address, and an audit entry each. The caller (publishing) runs it inside its own
/// transaction, before its SaveChanges, so the notices stand or fall with the change.
/// </summary>
public sealed class DateChangeNotices(AppDbContext db, ActivityCalendar calendar, SignUpMails mails, AuditLog audit, TimeProvider clock)
{
    /// <summary>The activity's dates that have not ended, a year ahead, by their identity. Materialised: take it before changing the row.</summary>
    public Dictionary<LocalDate, ActivityOccurrence> Snapshot(Activity a)
    {
        var now = calendar.Now;
        return calendar.Expand(a, calendar.Today, calendar.Today.PlusYears(1))
            .Where(o => o.End.ToInstant() > now)
            .GroupBy(o => o.OriginalStart.Date).ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>The dates that were going to take place and now do not, or take place at another time.</summary>
    /// <param name="sequence">
    /// The activity's SEQUENCE after the change: it rises with every change to its dates, so a date cancelled, restored
    /// and cancelled again is a new change (parents hear of it again), while the same publish handled twice is not.
    /// </param>
    public static List<DateChange> Between(Dictionary<LocalDate, ActivityOccurrence> before, Dictionary<LocalDate, ActivityOccurrence> after, int sequence)
    {
        var changes = new List<DateChange>();
        foreach (var (date, was) in before.OrderBy(x => x.Key))
        {
            if (was.IsCancelled)
                continue;
            var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!after.TryGetValue(date, out var now) || now.IsCancelled)
                changes.Add(new DateChange(DateChangeKind.Cancelled, date, null, now?.Reason, $"cancelled:{iso}#{sequence}"));
            else if (now.Start.ToInstant() != was.Start.ToInstant() || now.End.ToInstant() != was.End.ToInstant())
                changes.Add(new DateChange(DateChangeKind.Moved, date, now, now.Reason, $"moved:{iso}:{now.Start.LocalDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)}#{sequence}"));
        }

        return changes;
    }

    /// <summary>The sign-ups each change reaches (not cancelled, not told before), for the editor's warning and for <see cref="NotifyAsync"/>.</summary>
    public async Task<List<(SignUp SignUp, DateChange Change)>> AffectedAsync(int activityId, IReadOnlyList<DateChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
            return [];
        var today = DateOnly.FromDateTime(calendar.Today.ToDateTimeUnspecified());
        var signUps = await db.SignUps.Include(s => s.Slot)
            .Where(s => s.ActivityId == activityId && s.State != SignUpState.Cancelled
                && (s.Slot.Date == SignUpSlot.WholeSeries || s.Slot.Date >= today))
            .OrderBy(s => s.Id).ToListAsync(ct);
        var ids = signUps.Select(s => s.Id).ToList();
        var keys = changes.Select(c => c.Key).ToList();
        var told = (await db.SignUpChangeNotices.AsNoTracking().Where(n => ids.Contains(n.SignUpId) && keys.Contains(n.ChangeKey))
            .Select(n => new { n.SignUpId, n.ChangeKey }).ToListAsync(ct)).Select(n => (n.SignUpId, n.ChangeKey)).ToHashSet();
        return [.. from s in signUps
                   from c in changes
                   where c.Date is null || s.Slot.IsWholeSeries || s.Slot.Date == c.Date.Value.ToDateOnly()
                   where !told.Contains((s.Id, c.Key))
                   select (s, c)];
    }

    /// <summary>How many parents (sign-ups) a publish of <paramref name="draft"/> would tell: the editor's warning.</summary>
    public async Task<int> CountAsync(Activity live, Activity draft, CancellationToken ct)
    {
        // The draft's sequence is not counted yet; any number does for counting who would be told.
        var affected = await AffectedAsync(live.Id, Between(Snapshot(live), Snapshot(draft), live.Sequence + 1), ct);
        return affected.Select(x => x.SignUp.Id).Distinct().Count();
    }

    /// <summary>Records and mails every change to every sign-up it reaches; the caller saves. Returns the number of notices.</summary>
    /// <param name="activity">With its meeting place, organiser and wijk (the mail's address, contact and links).</param>
    public async Task<int> NotifyAsync(Activity activity, IReadOnlyList<DateChange> changes, AuditActor actor, CancellationToken ct)
    {
        var affected = await AffectedAsync(activity.Id, changes, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (s, c) in affected)
        {
            var notice = new SignUpChangeNotice
            {
                SignUpId = s.Id,
                ChangeKey = c.Key,
                Kind = c.Kind,
                Date = c.Date?.ToDateOnly(),
                NewStartUtc = c.Now?.Start.ToDateTimeUtc(),
                NewEndUtc = c.Now?.End.ToDateTimeUtc(),
                Reason = c.Reason,
                Mailed = s.Email is not null,
                CreatedUtc = now,
            };
            db.SignUpChangeNotices.Add(notice);
            if (s.Email is not null)
                mails.QueueChanged(s, activity, notice);
            audit.Record(AuditAction.SignUpChangeNotified, AuditTarget.SignUp(s.Id),
                $"activity {activity.Id} '{activity.Title}': {c.Key}, {(notice.Mailed ? "mailed" : "no e-mail: staff call")}", actor);
        }

        return affected.Count;
    }

    /// <summary>The whole activity goes: offline (<paramref name="key"/> names the version taken offline) or deleted.</summary>
    public Task<int> NotifyGoneAsync(Activity activity, DateChangeKind kind, string key, AuditActor actor, CancellationToken ct) =>
        NotifyAsync(activity, [new DateChange(kind, null, null, null, key)], actor, ct);

    /// <summary>What the staff inbox marks: per slot, how many of its sign-ups were told of a change.</summary>
    public static Task<Dictionary<int, int>> PerSlotAsync(AppDbContext db, int activityId, CancellationToken ct) =>
        db.SignUpChangeNotices.AsNoTracking().Where(n => n.SignUp.ActivityId == activityId)
            .GroupBy(n => n.SignUp.SlotId).Select(g => new { g.Key, Count = g.Select(n => n.SignUpId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
}
