using Buurtplatform.Calendar;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.SignUps;
using NodaTime;

namespace Buurtplatform.Web.Vision.Suggestions;

/// <summary>
/// The ideas' background work, each part idempotent and callable from tests with a fixed clock: the editors'
/// daily digest, and retention (erasing e-mail addresses and personal links, keeping the ideas). Each part
/// runs on one node at a time (<see cref="DatabaseLocks"/>).
/// </summary>
public sealed class SuggestionJobs(AppDbContext db, SuggestionMails mails, AuditLog audit, TimeProvider clock,
    IOptions<SuggestionOptions> options, ILogger<SuggestionJobs> logger)
{
    public async Task RunAllAsync(CancellationToken ct)
    {
        await SendDigestsAsync(ct);
        await EraseExpiredAsync(ct);
    }

    /// <summary>
    /// Once a day from <see cref="SuggestionOptions.DigestTime"/>: to each editor who chose it, the number of new
    /// ideas per wijk they edit (administrators: every wijk) since their last digest. Nothing new, no mail.
    /// </summary>
    public Task<int> SendDigestsAsync(CancellationToken ct) =>
        DatabaseLocks.RunAloneAsync(db, "idea-digests", () => QueueDigestsAsync(ct), 0, ct);

    private async Task<int> QueueDigestsAsync(CancellationToken ct)
    {
        using var culture = SiteCulture.Use();
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var today = now.InZone(SiteZone.Zone).Date;
        var todaysTime = (today + LocalTime.FromTimeOnly(options.Value.DigestTime)).InZoneLeniently(SiteZone.Zone).ToInstant();
        if (now < todaysTime)
            return 0;
        var cutoff = todaysTime.ToDateTimeUtc();
        var people = await db.StaffSuggestionDigests.Where(p => p.LastDigestUtc < cutoff)
            .Join(db.Users.Where(u => !u.IsDisabled && u.Email != null), p => p.UserId, u => u.Id, (p, u) => new { Preference = p, u.Email, u.Role })
            .ToListAsync(ct);
        var mailed = 0;
        foreach (var person in people)
        {
            var since = person.Preference.LastDigestUtc;
            var userId = person.Preference.UserId;
            var news = await db.VisionSuggestions.AsNoTracking()
                .Where(s => !s.IsExample && s.CreatedUtc > since && s.CreatedUtc <= cutoff)
                .Where(s => person.Role == StaffRole.Beheerder || db.StaffWijken.Any(w => w.UserId == userId && w.WijkId == s.Vision.WijkId))
                .GroupBy(s => new { s.Vision.WijkId, s.Vision.Wijk.Name })
                .Select(g => new { g.Key.WijkId, g.Key.Name, Count = g.Count() })
                .ToListAsync(ct);
            if (person.Role != StaffRole.Professional && news.Count > 0)
            {
                mails.QueueDigest(person.Email!, news.OrderBy(n => n.Name, StringComparer.CurrentCulture).Select(n => (n.WijkId, n.Name, n.Count)).ToList());
                mailed++;
            }

            person.Preference.LastDigestUtc = cutoff;
        }

        await db.SaveChangesAsync(ct);
        return mailed;
    }

    /// <summary>
    /// Erases the e-mail address and the personal link of every idea whose last step (sent, or the editors' last
    /// action) is more than <see cref="SuggestionOptions.RetentionDays"/> days ago. The idea itself stays; running
    /// it again finds nothing. The log and the audit entry get the count only.
    /// </summary>
    public Task<int> EraseExpiredAsync(CancellationToken ct) =>
        DatabaseLocks.RunAloneAsync(db, "idea-retention", () => EraseExpiredNowAsync(ct), 0, ct);

    private async Task<int> EraseExpiredNowAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now.AddDays(-options.Value.RetentionDays);
        var erased = await db.VisionSuggestions
            .Where(s => (s.Email != null || s.TokenHash != null) && (s.HandledUtc ?? s.CreatedUtc) < before)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Email, (string?)null)
                .SetProperty(x => x.TokenHash, (string?)null)
                .SetProperty(x => x.EmailErasedUtc, now), ct);
        if (erased > 0)
        {
            logger.LogInformation("Idea retention: {Count} e-mail addresses erased", erased);
            await audit.RecordAsync(AuditAction.SuggestionRetention, null, $"{erased} e-mail addresses of ideas erased ({options.Value.RetentionDays} days after the last step)", AuditActor.Job("idea retention"), ct);
        }

        return erased;
    }
}

/// <summary>Runs <see cref="SuggestionJobs"/> every <see cref="SuggestionOptions.JobInterval"/> while the site runs.</summary>
public sealed class SuggestionWorker(PeriodicWork periodic, IOptions<SuggestionOptions> options, ILogger<SuggestionWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.JobsEnabled
            ? periodic.RunAsync(options.Value.JobInterval, runAtStart: true,
                (services, ct) => services.GetRequiredService<SuggestionJobs>().RunAllAsync(ct),
                e => logger.LogError(e, "The idea jobs failed"), stoppingToken)
            : Task.CompletedTask;
}
