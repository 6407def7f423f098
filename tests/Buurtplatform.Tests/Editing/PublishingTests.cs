using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Editing;

/// <summary>Publishing evicts exactly the cached pages and feeds it affects; unpublishing takes a page offline; renamed slugs answer 301.</summary>
public sealed class PublishingTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task PublishingAnActivityEvictsItsPagesFeedsAndListingsButNotAnotherWijksPage(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        var anonymous = site.CreateClient();
        string[] affected =
        [
            "/den-haag/schilderswijk/activiteiten/babybootcamp", "/den-haag/schilderswijk/activiteiten/babybootcamp.ics",
            "/den-haag/schilderswijk", "/den-haag/schilderswijk.ics", "/den-haag/schilderswijk/ontmoetingsplekken/clubhuis",
            "/den-haag/schilderswijk/ontmoetingsplekken/clubhuis.ics", "/den-haag.ics", "/agenda", "/agenda.ics",
            "/?postcode=2525", // the home page near the clubhuis (without a postcode it names only each gemeente's next few)
        ];
        foreach (var url in affected.Append("/den-haag/moerwijk"))
            Assert.Equal((url, HttpStatusCode.OK), (url, (await anonymous.GetAsync(url)).StatusCode)); // now cached

        // Behind the cache's back: Moerwijk's name changes in the database. Only an eviction would show it.
        await site.WithDbAsync(async db =>
        {
            var moerwijk = await db.Wijken.SingleAsync(w => w.Slug == "moerwijk");
            moerwijk.Name = "Moerwijk (gewijzigd)";
            await db.SaveChangesAsync();
        });

        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Babybootcamp voor iedereen")]);
        await client.PublishNewestAsync(site, NodeKind.Activity, id);

        foreach (var url in affected)
            Assert.True((await anonymous.GetStringAsync(url)).Contains("Babybootcamp voor iedereen", StringComparison.Ordinal), $"{url} still shows the old title");
        Assert.Contains("Babybootcamp voor iedereen", await anonymous.GetStringAsync("/agenda?wijk=den-haag/schilderswijk"));

        // Moerwijk's page was not evicted: still the cached copy, with the old name.
        Assert.Equal("Moerwijk", (await anonymous.GetDocumentAsync("/den-haag/moerwijk")).QuerySelector("h1").Text());
        Assert.Equal("Moerwijk (gewijzigd)", (await anonymous.GetDocumentAsync("/den-haag/moerwijk?vers=1")).QuerySelector("h1").Text());
    }

    [Fact]
    public async Task TheTagsOfEachNodeTypeAreTheOnesItsPagesCarry()
    {
        using var site = new SiteFactory();
        await using var scope = site.Scope();
        var nodes = new ContentNodes(scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>());
        var activity = await nodes.FindAsync(NodeKind.Activity, await site.ActivityIdAsync("schilderswijk", "babybootcamp"));
        var vision = await nodes.FindAsync(NodeKind.Vision, await site.VisionIdAsync("schilderswijk"));
        var wijk = (Web.Neighbourhoods.Wijk)(await nodes.FindAsync(NodeKind.Wijk, await site.WijkIdAsync("schilderswijk")))!;
        var a = (Web.Activities.Activity)activity!;
        var otherPlace = Guid.NewGuid();

        Assert.Equal(new SortedSet<string>(StringComparer.Ordinal)
        {
            $"node:{a.Key:N}", $"children:{wijk.Key:N}", $"children:{wijk.Gemeente.Key:N}", "listings",
            $"place-activities:{a.MeetingPlace.Key:N}", $"place-activities:{otherPlace:N}",
        }, ContentCacheEviction.TagsFor(a, otherPlace));
        Assert.Equal(new SortedSet<string>(StringComparer.Ordinal) { $"node:{vision!.Key:N}", $"children:{wijk.Key:N}", $"children:{wijk.Gemeente.Key:N}" },
            ContentCacheEviction.TagsFor(vision));
        Assert.Equal(new SortedSet<string>(StringComparer.Ordinal) { $"node:{wijk.Key:N}", $"children:{wijk.Gemeente.Key:N}", "listings" },
            ContentCacheEviction.TagsFor(wijk));
    }

    [Fact]
    public async Task TakingAnActivityOfflineAnswers404AndTakesItOutOfTheFeeds()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        var anonymous = site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).StatusCode);
        Assert.Contains("Babybootcamp", await anonymous.GetStringAsync("/den-haag/schilderswijk.ics"));
        var sequence = await site.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Sequence).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await client.NodeActionAsync(NodeKind.Activity, id, "Unpublish")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).StatusCode);
        Assert.DoesNotContain("SUMMARY:Babybootcamp", await anonymous.GetStringAsync("/den-haag/schilderswijk.ics"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/den-haag/schilderswijk/activiteiten/babybootcamp.ics")).StatusCode);
        var row = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal((PublishState.Draft, sequence + 1), (row.State, row.Sequence));
        Assert.Equal(VersionStatus.Draft, (await site.NewestVersionAsync(NodeKind.Activity, id)).Status);
        Assert.Single(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.Unpublish && e.Target == AuditTarget.Activity(id)).ToListAsync()));

        // "Publiceren" puts the same version back.
        await client.PublishNewestAsync(site, NodeKind.Activity, id);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).StatusCode);
    }

    private static HttpClient NoRedirects(SiteFactory site) => site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task AssertMovedAsync(HttpClient client, string from, string to)
    {
        var response = await client.GetAsync(from);
        Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{from}: {(int)response.StatusCode}");
        Assert.Equal(to, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ARenamedSlugAnswers301FromEveryOldAddressToTheNewestInOneStep(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Slug", "babybeweging")]);

        // A draft's new address does nothing yet.
        var anonymous = NoRedirects(site);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).StatusCode);

        await client.PublishNewestAsync(site, NodeKind.Activity, id);
        await AssertMovedAsync(anonymous, "/den-haag/schilderswijk/activiteiten/babybootcamp", "/den-haag/schilderswijk/activiteiten/babybeweging");
        await AssertMovedAsync(anonymous, "/den-haag/schilderswijk/activiteiten/babybootcamp.ics", "/den-haag/schilderswijk/activiteiten/babybeweging.ics");
        await AssertMovedAsync(anonymous, "/den-haag/schilderswijk/activiteiten/babybootcamp/2026-11-24.ics", "/den-haag/schilderswijk/activiteiten/babybeweging/2026-11-24.ics");
        await AssertMovedAsync(anonymous, "/den-haag/schilderswijk/activiteiten/babybootcamp?utm=x", "/den-haag/schilderswijk/activiteiten/babybeweging?utm=x");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/den-haag/schilderswijk/activiteiten/babybeweging")).StatusCode);

        // Renamed again: the oldest address goes straight to the newest.
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Slug", "baby-in-beweging")]);
        await client.PublishNewestAsync(site, NodeKind.Activity, id);
        await AssertMovedAsync(anonymous, "/den-haag/schilderswijk/activiteiten/babybootcamp", "/den-haag/schilderswijk/activiteiten/baby-in-beweging");
        await AssertMovedAsync(anonymous, "/den-haag/schilderswijk/activiteiten/babybeweging", "/den-haag/schilderswijk/activiteiten/baby-in-beweging");

        // Addresses that never existed still get the friendly 404; the backoffice is never redirected.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/den-haag/schilderswijk/activiteiten/bestaat-niet")).StatusCode);
    }

    [Fact]
    public async Task EverythingBelowARenamedWijkAnswers301IncludingFeedsAndRenamedChildren()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var wijk = await site.WijkIdAsync("schilderswijk");
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Wijk, wijk), [new("Input.Slug", "schilderswijk-centrum")]);
        await client.PublishNewestAsync(site, NodeKind.Wijk, wijk);

        var anonymous = NoRedirects(site);
        await AssertMovedAsync(anonymous, "/den-haag/schilderswijk", "/den-haag/schilderswijk-centrum");
        await AssertMovedAsync(anonymous, "/den-haag/schilderswijk.ics", "/den-haag/schilderswijk-centrum.ics");
        await AssertMovedAsync(anonymous, "/den-haag/schilderswijk/visie", "/den-haag/schilderswijk-centrum/visie");
        await AssertMovedAsync(anonymous, "/den-haag/schilderswijk/ontmoetingsplekken/clubhuis", "/den-haag/schilderswijk-centrum/ontmoetingsplekken/clubhuis");
        await AssertMovedAsync(anonymous, "/den-haag/schilderswijk/activiteiten/babybootcamp.ics", "/den-haag/schilderswijk-centrum/activiteiten/babybootcamp.ics");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/den-haag/schilderswijk-centrum/activiteiten/babybootcamp")).StatusCode);

        // An activity renamed after its wijk: its oldest address still takes one step.
        var id = await site.ActivityIdAsync("schilderswijk-centrum", "babybootcamp");
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Slug", "babybeweging")]);
        await client.PublishNewestAsync(site, NodeKind.Activity, id);
        await AssertMovedAsync(anonymous, "/den-haag/schilderswijk/activiteiten/babybootcamp", "/den-haag/schilderswijk-centrum/activiteiten/babybeweging");

        // The old wijk page was evicted from the cache (it is a 301 now, not the cached 200).
        var followed = site.CreateClient();
        Assert.Equal("Schilderswijk", (await followed.GetDocumentAsync("/den-haag/schilderswijk")).QuerySelector("h1").Text());
    }

    [Fact]
    public async Task ASlugThatIsTakenOrInvalidIsRefusedInTheForm()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        var taken = await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Slug", "samen-zingen")]);
        Assert.Contains(Editors.Errors(await taken.ParseAsync()).Summary, s => s.Target == "f-slug" && s.Text.Contains("al in gebruik", StringComparison.Ordinal));
        var invalid = await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Slug", "Baby Bootcamp!")]);
        Assert.Contains(Editors.Errors(await invalid.ParseAsync()).Summary, s => s.Target == "f-slug" && s.Text.Contains("kleine letters", StringComparison.Ordinal));
    }
}
