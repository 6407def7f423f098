using Buurtplatform.Web.Audit;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// Carries out planned publishing (<see cref="ContentSchedule"/>) that is due by the injected clock:
/// publishes the newest draft, or takes the node offline. Idempotent: what it did is cleared from the plan
/// in the same transaction. Called by <see cref="ScheduledPublishingWorker"/>, once at start (so plans that
/// fell due while the site was down are done), and directly by tests with a fixed clock.
/// </summary>
public sealed class ScheduledPublishing(AppDbContext db, ContentPublisher publisher, ContentNodes nodes, TimeProvider clock, ILogger<ScheduledPublishing> logger)
{
    /// <summary>
    /// Does everything due now; returns how many publishes and unpublishes were done. One node at a time
    /// (<see cref="DatabaseLocks"/>): another node's round that finds it running skips, and its next round finds it done.
    /// </summary>
    public Task<int> RunDueAsync(CancellationToken ct = default) =>
        DatabaseLocks.RunAloneAsync(db, "planned-publishing", () => RunDueNowAsync(ct), 0, ct);

    private async Task<int> RunDueNowAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.ContentSchedules.AsNoTracking()
            .Where(s => s.PublishAtUtc <= now || s.UnpublishAtUtc <= now)
            .ToListAsync(ct);
        var done = 0;
        foreach (var plan in due)
        {
            // Earliest first: "online on Monday, offline on Friday" both overdue ends offline.
            var steps = new List<(DateTime At, bool Publish)>();
            if (plan.PublishAtUtc <= now)
                steps.Add((plan.PublishAtUtc.Value, true));
            if (plan.UnpublishAtUtc <= now)
                steps.Add((plan.UnpublishAtUtc.Value, false));
            foreach (var (_, publish) in steps.OrderBy(s => s.At))
                done += await RunStepAsync(plan, publish, ct) ? 1 : 0;
        }

        return done;
    }

    private async Task<bool> RunStepAsync(ContentSchedule plan, bool publish, CancellationToken ct)
    {
        var node = await nodes.FindByKeyAsync(plan.Kind, plan.NodeKey, ct: ct);
        string? problem = null;
        var did = false;
        if (node is not null)
        {
            var actor = new AuditActor(publish ? plan.PublishSetById : plan.UnpublishSetById,
                (publish ? plan.PublishSetByName : plan.UnpublishSetByName) ?? "system", "scheduler");
            EditResult result;
            if (publish)
            {
                var newest = await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == node.Key && v.Culture == ContentVersion.Dutch)
                    .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
                result = newest is { Status: VersionStatus.Draft }
                    ? await publisher.PublishAsync(plan.Kind, node.Id, newest.Number, actor, "planned", ct)
                    : EditResult.Fail("Editing.Problem.NothingToPublish");
            }
            else
            {
                result = node.State == Content.PublishState.Published
                    ? await publisher.UnpublishAsync(plan.Kind, node.Id, actor, "planned", ct)
                    : EditResult.Fail("Editing.Problem.AlreadyOffline");
            }

            did = result.Ok;
            if (!result.Ok)
            {
                problem = result.Problem;
                logger.LogWarning("Planned {What} of {Kind} {Key} not done: {Problem}", publish ? "publish" : "unpublish", plan.Kind, plan.NodeKey, result.Problem);
            }
        }

        // Clear the step that fell due (done or not: a plan that cannot be carried out is shown, not retried every minute).
        var row = await db.ContentSchedules.FirstOrDefaultAsync(s => s.NodeKey == plan.NodeKey, ct);
        if (row is not null)
        {
            if (publish)
                (row.PublishAtUtc, row.PublishSetById, row.PublishSetByName) = (null, null, null);
            else
                (row.UnpublishAtUtc, row.UnpublishSetById, row.UnpublishSetByName) = (null, null, null);
            row.LastError = problem;
            if (row.PublishAtUtc is null && row.UnpublishAtUtc is null && problem is null)
                db.ContentSchedules.Remove(row);
            await db.SaveChangesAsync(ct);
        }

        return did;
    }
}

/// <summary>
/// Runs <see cref="ScheduledPublishing"/> every <see cref="EditingOptions.SchedulerInterval"/> (unless
/// <see cref="EditingOptions.SchedulerWorkerEnabled"/> is off). The first round waits one interval: the start
/// itself runs it once (<c>InitialiseEditingAsync</c>).
/// </summary>
internal sealed class ScheduledPublishingWorker(PeriodicWork periodic, IOptions<EditingOptions> options, ILogger<ScheduledPublishingWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.SchedulerWorkerEnabled
            ? periodic.RunAsync(options.Value.SchedulerInterval, runAtStart: false,
                (services, ct) => services.GetRequiredService<ScheduledPublishing>().RunDueAsync(ct),
                e => logger.LogError(e, "Planned publishing failed; trying again in {Interval}", options.Value.SchedulerInterval), stoppingToken)
            : Task.CompletedTask;
}
