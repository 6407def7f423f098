using System.IO.Compression;
using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Editing;

/// <summary>Deleting (refused while in use, audited) and the backoffice export (a zip of umbraco-content/ that imports as the same content).</summary>
public sealed class DeleteAndExportTests
{
    [Fact]
    public async Task DeletingAMeetingPlaceThatActivitiesUseIsRefusedWithAClearMessage()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");

        var page = await client.GetDocumentAsync(EditingPaths.Delete(NodeKind.MeetingPlace, place));
        Assert.Contains("nog activiteiten", page.QuerySelector(".error-summary").Text());
        Assert.Null(page.QuerySelector("main form button.danger"));
        var post = await client.PostAsync(EditingPaths.Delete(NodeKind.MeetingPlace, place),
            new FormUrlEncodedContent([new("__RequestVerificationToken", page.AntiforgeryToken())]));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("Verplaats of verwijder eerst die activiteiten", (await post.ParseAsync()).MainText());
        Assert.True(await site.WithDbAsync(db => db.MeetingPlaces.AnyAsync(p => p.Id == place)));

        var partner = await site.WithDbAsync(db => db.Partners.Where(p => p.Slug == "cjg" && p.Wijk.Slug == "schilderswijk").Select(p => p.Id).SingleAsync());
        Assert.Contains("organiseert nog activiteiten", (await client.GetDocumentAsync(EditingPaths.Delete(NodeKind.Partner, partner))).MainText());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task DeletingAnActivityIsAuditedAndItsPageGoes(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Nog een versie")]);
        var anonymous = site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).StatusCode); // cached

        var response = await client.SubmitAsync(EditingPaths.Delete(NodeKind.Activity, id), [], "main form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).StatusCode);
        Assert.False(await site.WithDbAsync(db => db.Activities.AnyAsync(a => a.Id == id)));
        Assert.Equal(0, await site.WithDbAsync(db => db.ContentVersions.CountAsync()));
        var entry = await site.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == AuditAction.Delete));
        Assert.Equal((AuditTarget.Activity(id), "redacteur@example.nl"), (entry.Target, entry.ActorName));
        Assert.Contains("Babybootcamp", entry.Detail);
    }

    [Fact]
    public async Task AProfessionalTakesTheirActivityOfflineButCannotDeleteItNorEditTheirPlacesPage()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.ProfessionalAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp"); // at the clubhuis
        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(EditingPaths.Delete(NodeKind.Activity, id))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(EditingPaths.Edit(NodeKind.MeetingPlace, place))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(EditingPaths.Node(NodeKind.MeetingPlace, place))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(EditingPaths.Edit(NodeKind.Activity, id))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.NodeActionAsync(NodeKind.Activity, id, "Unpublish")).StatusCode);
        Assert.Equal(PublishState.Draft, await site.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.State).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheBackofficeExportIsAZipThatImportsIntoAFreshSiteAsTheSameContent(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var admin = await site.AdministratorAsync();
        var client = await site.SignedInClientAsync(admin);

        // Content changed in the backoffice travels with it.
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Babybootcamp (geëxporteerd)"), new("Input.Slug", "babybootcamp-export")]);
        await client.PublishNewestAsync(site, NodeKind.Activity, id);

        var response = await client.SubmitAsync(EditingPaths.Export, [], "main form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("buurtplatform-inhoud-2026-11-23.zip", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var entry = await site.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == AuditAction.Export));
        Assert.Equal(admin.Id, entry.ActorId);

        var folder = Directory.CreateTempSubdirectory("bp-export-").FullName;
        try
        {
            using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
                zip.ExtractToDirectory(folder);
            var content = Path.Combine(folder, "umbraco-content");
            Assert.True(File.Exists(Path.Combine(content, "den-haag/schilderswijk/activiteiten/babybootcamp-export.md")));

            using var fresh = new SiteFactory(kind, seeded: true, contentPath: content);
            _ = fresh.CreateClient(); // imports the unzipped folder into an empty database on start
            Assert.Equal(await RenderAsync(site), await RenderAsync(fresh));
            Assert.Equal("Babybootcamp (geëxporteerd)", (await fresh.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/activiteiten/babybootcamp-export")).QuerySelector("h1").Text());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<SortedDictionary<string, string>> RenderAsync(SiteFactory site)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<ContentExporter>().RenderAsync();
    }

    [Fact]
    public async Task OnlyAdministratorsExport()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(EditingPaths.Export)).StatusCode);
        var token = (await client.GetDocumentAsync("/backoffice")).AntiforgeryToken();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(EditingPaths.Export, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]))).StatusCode);
        Assert.Equal(0, await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == AuditAction.Export)));
    }
}
