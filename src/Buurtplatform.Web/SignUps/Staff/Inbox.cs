using System.Security.Claims;
using Buurtplatform.Calendar;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using NodaTime;
using NodaTime.Extensions;

namespace Buurtplatform.Web.SignUps.Staff;

public enum FollowUp
{
    None,
    Due,
    DueToday,
    Late,
}

/// <summary>One sign-up as staff see it in an inbox or on an attendance list.</summary>
public sealed record InboxRow(SignUp SignUp, string ActivityTitle, int ActivityId, string When, int WaitlistPosition, FollowUp FollowUp, DateOnly? FollowUpBy);

/// <summary>
/// What the per-activity and per-place inboxes share: loading rows (newest first, "bellen: doorgeschoven"
/// on top), the follow-up mark, state changes, deletion, and recording every view in the audit log.
/// The pages pass queries already narrowed to their scoped route value.
/// </summary>
public sealed class Inbox(AppDbContext db, SignUpBook book, SignUpDates dates, AuditLog audit, TimeProvider clock, IOptions<SignUpOptions> options)
{
    /// <summary>The most sign-ups an inbox page shows (newest first).</summary>
    public const int PageSize = 100;

    /// <summary>
    /// The rows of <paramref name="query"/>: at most <see cref="PageSize"/> for an inbox page, or every one
    /// (<paramref name="all"/>) for the attendance list and the CSV export, which must never stop short.
    /// </summary>
    public async Task<List<InboxRow>> LoadAsync(IQueryable<SignUp> query, CancellationToken ct, bool all = false)
    {
        var ordered = query.AsNoTracking().Include(s => s.Slot)
            .OrderByDescending(s => s.CallAboutMoveUp).ThenByDescending(s => s.CreatedUtc).ThenByDescending(s => s.Id);
        var signUps = await (all ? ordered : ordered.Take(PageSize)).ToListAsync(ct);
        var activityIds = signUps.Select(s => s.ActivityId).Distinct().ToList();
        var activities = await db.Activities.AsNoTracking().Where(a => activityIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var settings = await db.SignUpSettings.AsNoTracking().Where(s => activityIds.Contains(s.ActivityId)).ToDictionaryAsync(s => s.ActivityId, ct);
        var slotIds = signUps.Select(s => s.SlotId).Distinct().ToList();
        var waitlists = await db.SignUps.AsNoTracking().Where(s => slotIds.Contains(s.SlotId) && s.State == SignUpState.Waitlisted)
            .Select(s => new { s.SlotId, s.Sequence }).ToListAsync(ct);
        var when = new Dictionary<int, string>();
        var today = Today;
        return signUps.Select(s =>
        {
            var a = activities[s.ActivityId];
            if (!when.TryGetValue(s.SlotId, out var text))
                when[s.SlotId] = text = Describe(a, SignUpSettings.For(a, settings.GetValueOrDefault(a.Id)), s.Slot.Date);
            var position = s.State == SignUpState.Waitlisted ? waitlists.Count(w => w.SlotId == s.SlotId && w.Sequence <= s.Sequence) : 0;
            var (mark, by) = FollowUpOf(s, today);
            return new InboxRow(s, a.Title, a.Id, text, position, mark, by);
        }).ToList();
    }

    public string Describe(Activity a, SignUpSettings s, DateOnly slotDate) =>
        dates.Find(a, s, slotDate) is { } d ? dates.Describe(d) : SignUpPaths.Date(slotDate);

    public LocalDate Today => clock.GetUtcNow().ToInstant().InZone(SiteZone.Zone).Date;

    /// <summary>New sign-ups and moved-up ones to call should be followed up within the configured working days.</summary>
    public (FollowUp, DateOnly?) FollowUpOf(SignUp s, LocalDate today)
    {
        if (s.State != SignUpState.New && !s.CallAboutMoveUp)
            return (FollowUp.None, null);
        var since = Instant.FromDateTimeUtc(DateTime.SpecifyKind(s.MovedUpUtc ?? s.CreatedUtc, DateTimeKind.Utc)).InZone(SiteZone.Zone).Date;
        var by = WorkingDays.Add(since.ToDateOnly(), options.Value.FollowUpWorkingDays, options.Value.LiberationDayEveryYear);
        var t = today.ToDateOnly();
        return (t > by ? FollowUp.Late : t == by ? FollowUp.DueToday : FollowUp.Due, by);
    }

    /// <summary>Records that the signed-in user saw <paramref name="count"/> sign-ups (what, never whose).</summary>
    public Task RecordViewAsync(string target, string what, int count, CancellationToken ct) =>
        audit.RecordAsync(AuditAction.SignUpsViewed, target, $"{what}: {count} sign-ups shown", ct: ct);

    /// <summary>Changes a sign-up that <paramref name="inScope"/> contains; false when it does not (or the change is not allowed).</summary>
    public async Task<bool> UpdateAsync(IQueryable<SignUp> inScope, long signUpId, SignUpState state, string? note, ClaimsPrincipal user, CancellationToken ct)
    {
        var before = await inScope.AsNoTracking().Where(s => s.Id == signUpId).Select(s => (SignUpState?)s.State).SingleOrDefaultAsync(ct);
        if (before is null)
            return false;
        var id = StaffScope.UserId(user)!;
        var name = await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync(ct);
        if (note?.Length > 2000)
            note = note[..2000];
        if (!await book.SetStateAsync(signUpId, state, note, id, name, ct))
            return false;
        await audit.RecordAsync(AuditAction.SignUpChanged, AuditTarget.SignUp(signUpId), $"state {before} → {state}", ct: ct);
        return true;
    }

    public async Task<bool> DeleteAsync(IQueryable<SignUp> inScope, long signUpId, CancellationToken ct)
    {
        if (!await inScope.AnyAsync(s => s.Id == signUpId, ct))
            return false;
        await book.DeleteAsync([signUpId], ct);
        await audit.RecordAsync(AuditAction.SignUpDeleted, AuditTarget.SignUp(signUpId), "deleted by staff", ct: ct);
        return true;
    }
}

/// <summary>The inbox forms' fields.</summary>
public sealed class InboxUpdate
{
    public long SignUpId { get; set; }

    public SignUpState State { get; set; }

    public string? Note { get; set; }
}
