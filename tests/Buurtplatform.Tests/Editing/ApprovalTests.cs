using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Editing;

/// <summary>Per wijk, a professional's new activity can need a wijk editor's approval: a queue, approve, or send back with a comment.</summary>
public sealed class ApprovalTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ANewActivityOfAProfessionalWaitsForTheWijkEditorWhoSendsItBackAndThenApprovesIt(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var editor = await site.EditorAsync();
        var pro = await site.ProfessionalAsync();
        var editorClient = await site.SignedInClientAsync(editor);
        var proClient = await site.SignedInClientAsync(pro);
        var wijk = await site.WijkIdAsync("schilderswijk");

        // The wijk editor switches the setting on (audited).
        var setting = await editorClient.SubmitAsync(EditingPaths.ApprovalQueue(wijk), [new("NeedApproval", "true")], "form[action*='handler=Setting']");
        Assert.Equal(HttpStatusCode.Redirect, setting.StatusCode);
        Assert.True(await site.WithDbAsync(db => db.Wijken.Where(w => w.Id == wijk).Select(w => w.ProfessionalActivitiesNeedApproval).SingleAsync()));
        Assert.Single(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.ApprovalSettingChanged).ToListAsync()));

        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");
        var id = Editors.IdFromLocation(await proClient.SaveAsync(EditingPaths.NewActivity(place), ActivityEditorTests.WeeklyActivity()));

        // No "Publiceren" for the professional, and the server refuses it too.
        var node = await proClient.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id));
        Assert.Null(node.QuerySelector("form[action*='handler=Publish']"));
        Assert.NotNull(node.QuerySelector("form[action*='handler=Submit']"));
        await proClient.NodeActionAsync(NodeKind.Activity, id, "Publish", ("Versie", "1"));
        Assert.Contains("goedkeurt", await proClient.FlashAsync(NodeKind.Activity, id));
        Assert.Equal(PublishState.Draft, await site.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.State).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await proClient.NodeActionAsync(NodeKind.Activity, id, "Submit", ("Versie", "1"))).StatusCode);
        Assert.Equal(VersionStatus.AwaitingApproval, (await site.NewestVersionAsync(NodeKind.Activity, id)).Status);
        var mail = Assert.Single(await site.DeliverMailAsync(), m => m.To == "redacteur@example.nl");
        Assert.Contains("Peuterdansen", mail.Subject);
        Assert.Contains(EditingPaths.ApprovalQueue(wijk), mail.Link(EditingPaths.ApprovalQueue(wijk)));

        // The queue lists it; the dashboard says so.
        var queue = await editorClient.GetDocumentAsync(EditingPaths.ApprovalQueue(wijk));
        Assert.Contains("Peuterdansen", queue.QuerySelector("#wachtrij").Text());
        Assert.Contains("pro@example.nl", queue.QuerySelector("#wachtrij").Text());
        Assert.Contains("wachten op uw goedkeuring", (await editorClient.GetDocumentAsync("/backoffice")).MainText());

        // Sending back needs a comment; the professional sees it (page, dashboard, mail).
        var empty = await editorClient.SubmitAsync(EditingPaths.Node(NodeKind.Activity, id), [new("Opmerking", "")], "form[action*='handler=SendBack']");
        Assert.Contains(Editors.Errors(await empty.ParseAsync()).Summary, s => s.Target == "opmerking");
        var sentBack = await editorClient.SubmitAsync(EditingPaths.Node(NodeKind.Activity, id), [new("Opmerking", "Graag de leeftijd vanaf 2 jaar.")], "form[action*='handler=SendBack']");
        Assert.Equal(HttpStatusCode.Redirect, sentBack.StatusCode);
        Assert.Equal(VersionStatus.SentBack, (await site.NewestVersionAsync(NodeKind.Activity, id)).Status);
        Assert.Contains("Graag de leeftijd vanaf 2 jaar.", (await proClient.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id))).QuerySelector(".review-comment").Text());
        Assert.Contains("Graag de leeftijd vanaf 2 jaar.", (await proClient.GetDocumentAsync(EditingPaths.Edit(NodeKind.Activity, id))).QuerySelector(".review-comment").Text());
        Assert.Contains("Peuterdansen", (await proClient.GetDocumentAsync("/backoffice")).MainText());
        var back = Assert.Single(await site.DeliverMailAsync(), m => m.To == "pro@example.nl");
        Assert.Contains("Graag de leeftijd vanaf 2 jaar.", back.Body);

        // The professional changes it and offers it again; the editor approves: it goes live.
        await proClient.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.AgeFromMonths", "24")]);
        Assert.Equal(HttpStatusCode.Redirect, (await proClient.NodeActionAsync(NodeKind.Activity, id, "Submit", ("Versie", "2"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await proClient.NodeActionAsync(NodeKind.Activity, id, "Approve", ("Versie", "2"))).StatusCode);
        Assert.Contains("mag u hier niet", await proClient.FlashAsync(NodeKind.Activity, id)); // a professional cannot approve
        Assert.Equal(HttpStatusCode.Redirect, (await editorClient.NodeActionAsync(NodeKind.Activity, id, "Approve", ("Versie", "2"))).StatusCode);

        var row = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal((PublishState.Published, 24), (row.State, row.AgeFromMonths));
        Assert.Equal(HttpStatusCode.OK, (await site.CreateClient().GetAsync("/den-haag/schilderswijk/activiteiten/peuterdansen")).StatusCode);
        Assert.Contains(await site.DeliverMailAsync(), m => m.To == "pro@example.nl" && m.Subject.StartsWith("Goedgekeurd", StringComparison.Ordinal));
        var actions = await site.WithDbAsync(db => db.AuditLog.Where(e => e.Target == AuditTarget.Activity(id)).OrderBy(e => e.Id).Select(e => new { e.Action, e.ActorName, e.Detail }).ToListAsync());
        Assert.Equal([AuditAction.SubmitForApproval, AuditAction.SendBack, AuditAction.SubmitForApproval, AuditAction.Publish], actions.Select(a => a.Action));
        Assert.Equal("redacteur@example.nl", actions[^1].ActorName);
        Assert.Contains("approved", actions[^1].Detail);
        Assert.Empty((await editorClient.GetDocumentAsync(EditingPaths.ApprovalQueue(wijk))).QuerySelectorAll("#wachtrij"));

        // Once it has been live, the professional's changes go live without approval.
        await proClient.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Peuterdansen op dinsdag")]);
        await proClient.PublishNewestAsync(site, NodeKind.Activity, id);
    }

    [Fact]
    public async Task WithoutTheSettingAProfessionalPublishesANewActivityDirectly()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.ProfessionalAsync());
        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");
        var id = Editors.IdFromLocation(await client.SaveAsync(EditingPaths.NewActivity(place), ActivityEditorTests.WeeklyActivity()));
        await client.PublishNewestAsync(site, NodeKind.Activity, id);
        Assert.Equal(HttpStatusCode.OK, (await site.CreateClient().GetAsync("/den-haag/schilderswijk/activiteiten/peuterdansen")).StatusCode);
    }

    [Fact]
    public async Task AWijkEditorOfAnotherWijkNeitherSeesNorHandlesTheQueue()
    {
        using var site = new SiteFactory();
        var other = await site.SignedInClientAsync(await site.EditorAsync("moerwijk", "ander@example.nl"));
        var wijk = await site.WijkIdAsync("schilderswijk");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(EditingPaths.ApprovalQueue(wijk))).StatusCode);
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        var token = (await other.GetDocumentAsync("/backoffice")).AntiforgeryToken();
        var approve = await other.PostAsync($"{EditingPaths.Node(NodeKind.Activity, id)}?handler=Approve",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Versie", "1")]));
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
    }
}
