using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Editing;

/// <summary>Saving makes a version, every version is kept with who and when, any two compare field by field, rollback is a new draft.</summary>
public sealed class VersionTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EveryVersionIsKeptWithWhoAndWhenStartingFromWhatParentsSaw(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var editor = await site.EditorAsync();
        var admin = await site.AdministratorAsync();
        var client = await site.SignedInClientAsync(editor);
        var id = await site.VisionIdAsync("schilderswijk");
        var live = await site.WithDbAsync(db => db.Visions.AsNoTracking().SingleAsync(v => v.Id == id));

        var saved = await client.SaveAsync(EditingPaths.Edit(NodeKind.Vision, id),
            [new("Input.Title", "Samen opgroeien in de Schilderswijk"), new("VersionComment", "Kortere titel")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await client.PublishNewestAsync(site, NodeKind.Vision, id);

        site.Clock.Advance(TimeSpan.FromHours(2));
        var adminClient = await site.SignedInClientAsync(admin);
        await adminClient.SaveAsync(EditingPaths.Edit(NodeKind.Vision, id), [new("Input.Summary", "Een nieuwe samenvatting.")]);

        var versions = await site.VersionsAsync(NodeKind.Vision, id);
        Assert.Equal([1, 2, 3], versions.Select(v => v.Number));
        Assert.Equal((VersionStatus.Archived, "import", live.UpdatedUtc), (versions[0].Status, versions[0].CreatedByName, versions[0].CreatedUtc));
        Assert.Equal((VersionStatus.Published, editor.Id, "Kortere titel"), (versions[1].Status, versions[1].CreatedById, versions[1].Comment));
        Assert.Equal((editor.Id, FixedClock.DefaultNow.UtcDateTime), (versions[1].PublishedById, versions[1].PublishedUtc));
        Assert.Equal((VersionStatus.Draft, admin.Id, FixedClock.DefaultNow.UtcDateTime.AddHours(2)), (versions[2].Status, versions[2].CreatedById, versions[2].CreatedUtc));

        // The node page lists them with who and when (Amsterdam time).
        var table = (await client.GetDocumentAsync(EditingPaths.Node(NodeKind.Vision, id))).QuerySelector("#versies-tabel")!;
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.Text()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("beheer@example.nl", rows[0]);
        Assert.Contains("23-11-2026 11.00", rows[0]);
        Assert.Contains("redacteur@example.nl", rows[1]);
        Assert.Contains("Kortere titel", rows[1]);
        Assert.Contains("Geïmporteerd", rows[2]);

        // Parents see version 2 until version 3 is published.
        Assert.Equal("Samen opgroeien in de Schilderswijk", (await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/visie")).QuerySelector("h1").Text());
    }

    [Fact]
    public async Task TwoVersionsCompareFieldByFieldShowingOnlyWhatChanged()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.VisionIdAsync("schilderswijk");
        var form = await client.GetDocumentAsync(EditingPaths.Edit(NodeKind.Vision, id));
        var sections = form.QuerySelectorAll("fieldset.section-row").Length;
        await client.SubmitAsync(form, EditingPaths.Edit(NodeKind.Vision, id), [
            new("Input.Title", "Nieuwe titel"),
            new("Input.Sections[1].Body", "Ouders weten veel. Wij luisteren."),
            new($"Input.Sections[{sections}].Heading", "Nieuw deel"), new($"Input.Sections[{sections}].Body", "Over spelen buiten."),
            new("Command", "save")], "form#f-form");

        var doc = await client.GetDocumentAsync($"{EditingPaths.Compare(NodeKind.Vision, id)}?a=1&b=2");
        var rows = doc.QuerySelectorAll("#verschillen tbody tr").Select(r => (
            Field: r.QuerySelector("th").Text(), Old: r.QuerySelector("td.old").Text(), New: r.QuerySelector("td.new").Text())).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Contains(rows, r => r is { Field: "Titel", New: "Nieuwe titel" } && r.Old.StartsWith("Onze visie", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Field == "Tekst van het deel (2)" && r.Old.StartsWith("Ouders in de Schilderswijk", StringComparison.Ordinal) && r.New == "Ouders weten veel. Wij luisteren.");
        Assert.Contains(rows, r => r.Field == $"Kopje ({sections + 1})" && r.Old == "(leeg)" && r.New == "Nieuw deel");
        Assert.Contains(rows, r => r.Field == $"Tekst van het deel ({sections + 1})" && r.New == "Over spelen buiten.");
        Assert.DoesNotContain(rows, r => r.Field.StartsWith("Geschreven door", StringComparison.Ordinal));
        Assert.Contains("4 velden zijn anders", doc.MainText());

        // The same two the other way round show the same, older first; a version with itself shows nothing.
        var swapped = await client.GetDocumentAsync($"{EditingPaths.Compare(NodeKind.Vision, id)}?a=2&b=1");
        Assert.Equal(4, swapped.QuerySelectorAll("#verschillen tbody tr").Length);
        Assert.Contains("Deze twee versies zijn gelijk", (await client.GetDocumentAsync($"{EditingPaths.Compare(NodeKind.Vision, id)}?a=2&b=2")).MainText());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{EditingPaths.Compare(NodeKind.Vision, id)}?a=1&b=9")).StatusCode);
    }

    [Fact]
    public async Task RollingBackMakesANewDraftFromTheOldVersionAndParentsSeeItOnlyOncePublished()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Babybootcamp XL")]);
        await client.PublishNewestAsync(site, NodeKind.Activity, id);
        var anonymous = site.CreateClient();
        Assert.Equal("Babybootcamp XL", (await anonymous.GetDocumentAsync("/den-haag/schilderswijk/activiteiten/babybootcamp?v=1")).QuerySelector("h1").Text());

        var response = await client.NodeActionAsync(NodeKind.Activity, id, "Rollback", ("Versie", "1"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var versions = await site.VersionsAsync(NodeKind.Activity, id);
        Assert.Equal(3, versions.Count);
        Assert.Equal((VersionStatus.Draft, 1), (versions[2].Status, versions[2].RestoredFromNumber));
        Assert.Equal(versions[0].Text, versions[2].Text);
        Assert.Equal(VersionStatus.Published, versions[1].Status); // still what parents see
        Assert.Equal("Babybootcamp XL", (await anonymous.GetDocumentAsync("/den-haag/schilderswijk/activiteiten/babybootcamp?v=2")).QuerySelector("h1").Text());
        var entry = await site.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == AuditAction.Rollback));
        Assert.Equal((AuditTarget.Activity(id), "redacteur@example.nl"), (entry.Target, entry.ActorName));
        Assert.Contains("version 3 made from version 1", entry.Detail);

        await client.PublishNewestAsync(site, NodeKind.Activity, id);
        Assert.Equal("Babybootcamp", (await anonymous.GetDocumentAsync("/den-haag/schilderswijk/activiteiten/babybootcamp?v=3")).QuerySelector("h1").Text());
    }

    [Fact]
    public async Task PublishingANewTimeRaisesTheActivitysSequenceAndItsLastChange()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        var before = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == id));

        // A text-only change keeps SEQUENCE; a new time raises it by one.
        site.Clock.Advance(TimeSpan.FromMinutes(5));
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Summary", "Bewegen met uw baby.")]);
        await client.PublishNewestAsync(site, NodeKind.Activity, id);
        var textOnly = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(before.Sequence, textOnly.Sequence);
        Assert.Equal(FixedClock.DefaultNow.UtcDateTime.AddMinutes(5), textOnly.UpdatedUtc);

        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.StartTime", "14:00"), new("Input.EndTime", "15:30")]);
        await client.PublishNewestAsync(site, NodeKind.Activity, id);
        var moved = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(before.Sequence + 1, moved.Sequence);
        Assert.Equal(new TimeOnly(14, 0), moved.Schedule.StartTime);
        Assert.Contains($"SEQUENCE:{before.Sequence + 1}", await site.CreateClient().GetStringAsync("/den-haag/schilderswijk/activiteiten/babybootcamp.ics"));
    }
}
