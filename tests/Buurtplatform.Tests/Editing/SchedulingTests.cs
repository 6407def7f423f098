using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Editing;

/// <summary>Planned publishing and unpublishing at a date and time, by a fixed clock; also across a restart and by the worker itself.</summary>
public sealed class SchedulingTests
{
    /// <summary>Plans through the node page's form, in Amsterdam time.</summary>
    private static Task<HttpResponseMessage> PlanAsync(HttpClient client, NodeKind kind, int id, string? publish, string? unpublish) =>
        client.SubmitAsync(EditingPaths.Node(kind, id), [
            new("PublishDate", publish?.Split(' ')[0] ?? ""), new("PublishTime", publish?.Split(' ')[1] ?? ""),
            new("UnpublishDate", unpublish?.Split(' ')[0] ?? ""), new("UnpublishTime", unpublish?.Split(' ')[1] ?? "")],
            "form[action*='handler=Schedule']");

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task APlannedPublishAndUnpublishHappenWhenTheClockGetsThere(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var editor = await site.EditorAsync();
        var client = await site.SignedInClientAsync(editor);
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Babybootcamp in december")]);

        // Now is Monday 23 November 9.00 in Amsterdam: online on Tuesday at 10.00, offline on Friday at 18.00.
        Assert.Equal(HttpStatusCode.Redirect, (await PlanAsync(client, NodeKind.Activity, id, "2026-11-24 10:00", "2026-11-27 18:00")).StatusCode);
        var plan = await site.WithDbAsync(db => db.ContentSchedules.AsNoTracking().SingleAsync());
        Assert.Equal((new DateTime(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 27, 17, 0, 0, DateTimeKind.Utc)), (plan.PublishAtUtc, plan.UnpublishAtUtc));
        Assert.Contains("Gaat online op 24-11-2026 10.00", (await client.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id))).MainText());

        var anonymous = site.CreateClient();
        site.Clock.Now = new DateTimeOffset(2026, 11, 24, 8, 59, 0, TimeSpan.Zero);
        Assert.Equal(0, await site.RunPlannedPublishingAsync());
        Assert.Equal("Babybootcamp", (await anonymous.GetDocumentAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).QuerySelector("h1").Text());

        site.Clock.Now = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, await site.RunPlannedPublishingAsync());
        Assert.Equal("Babybootcamp in december", (await anonymous.GetDocumentAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).QuerySelector("h1").Text());
        var entry = await site.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == AuditAction.Publish));
        Assert.Equal((editor.Id, "redacteur@example.nl", "scheduler"), (entry.ActorId, entry.ActorName, entry.Origin));
        Assert.Contains("planned", entry.Detail);
        Assert.Equal(0, await site.RunPlannedPublishingAsync()); // done once

        site.Clock.Now = new DateTimeOffset(2026, 11, 27, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, await site.RunPlannedPublishingAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).StatusCode);
        Assert.Equal(0, await site.WithDbAsync(db => db.ContentSchedules.CountAsync()));
        Assert.Single(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.Unpublish && e.Origin == "scheduler").ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task PlansThatFellDueWhileTheSiteWasDownAreCarriedOutAtStart(DatabaseKind kind)
    {
        var site = new SiteFactory(kind);
        try
        {
            var client = await site.SignedInClientAsync(await site.EditorAsync());
            var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
            await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Babybootcamp na de herstart")]);
            Assert.Equal(HttpStatusCode.Redirect, (await PlanAsync(client, NodeKind.Activity, id, "2026-11-25 08:00", null)).StatusCode);

            // The site is down from Monday to Thursday; it starts again after the planned moment.
            site.Clock.Now = new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);
            site = site.Restart();
            var row = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == id));
            Assert.Equal(("Babybootcamp na de herstart", PublishState.Published), (row.Title, row.State));
            Assert.Equal(0, await site.WithDbAsync(db => db.ContentSchedules.CountAsync()));
            Assert.Equal("Babybootcamp na de herstart", (await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).QuerySelector("h1").Text());
        }
        finally
        {
            site.Dispose();
        }
    }

    [Fact]
    public async Task TheWorkerCarriesOutPlansByItself()
    {
        using var site = new SiteFactory();
        site.Settings["Editing:SchedulerWorkerEnabled"] = "true";
        site.Settings["Editing:SchedulerInterval"] = "00:00:00.2";
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.VisionIdAsync("schilderswijk");
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Vision, id), [new("Input.Title", "Door de planner gepubliceerd")]);
        await PlanAsync(client, NodeKind.Vision, id, "2026-11-23 12:00", null);

        site.Clock.Advance(TimeSpan.FromHours(4));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && await site.WithDbAsync(db => db.ContentSchedules.AnyAsync()))
            await Task.Delay(100);
        Assert.Equal("Door de planner gepubliceerd", await site.WithDbAsync(db => db.Visions.Where(v => v.Id == id).Select(v => v.Title).SingleAsync()));
    }

    [Fact]
    public async Task APlanInThePastOrInTheWrongOrderIsRefusedWithErrorsLinkedToTheFields()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.VisionIdAsync("schilderswijk");

        var past = await PlanAsync(client, NodeKind.Vision, id, "2026-11-23 08:00", null);
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        var doc = await past.ParseAsync();
        var (summary, _) = Editors.Errors(doc);
        Assert.Contains(summary, s => s.Target == "plan-publish-date" && s.Text.Contains("al voorbij", StringComparison.Ordinal));
        Assert.NotNull(doc.GetElementById("plan-publish-date"));
        Assert.Equal("2026-11-23", doc.GetElementById("plan-publish-date")!.GetAttribute("value"));

        var order = await PlanAsync(client, NodeKind.Vision, id, "2026-12-02 08:00", "2026-12-01 08:00");
        Assert.Contains(Editors.Errors(await order.ParseAsync()).Summary, s => s.Target == "plan-unpublish-date");
        var bad = await PlanAsync(client, NodeKind.Vision, id, "2-12-2026 08:00", null);
        Assert.Contains(Editors.Errors(await bad.ParseAsync()).Summary, s => s.Target == "plan-publish-date" && s.Text.Contains("datum", StringComparison.Ordinal));
        Assert.Equal(0, await site.WithDbAsync(db => db.ContentSchedules.CountAsync()));

        // Clearing a plan.
        await PlanAsync(client, NodeKind.Vision, id, null, "2026-12-24 12:00");
        Assert.Equal(1, await site.WithDbAsync(db => db.ContentSchedules.CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await client.NodeActionAsync(NodeKind.Vision, id, "ClearSchedule")).StatusCode);
        Assert.Equal(0, await site.WithDbAsync(db => db.ContentSchedules.CountAsync()));
    }
}
