using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Editing;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.SignUps;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Published;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Content;

/// <summary>
/// The published-content snapshot the public pages and feeds are rendered from (issue 15): every kind of change is
/// visible on the very next request, on both providers, and a public page asks the database nothing.
/// </summary>
/// <remarks>
/// The pages asked here carry a postcode, which the output cache never stores: each answer is rendered anew from the
/// snapshot, so these tests see the snapshot and not a cached page (the cache's own evictions have tests of their own).
/// </remarks>
public sealed class PublishedContentTests
{
    private const string Activity = "/den-haag/schilderswijk/activiteiten/babybootcamp";

    /// <summary>The agenda near Schilderswijk (2525): never stored by the output cache.</summary>
    private const string Agenda = "/agenda?postcode=2525&afstand=5";

    /// <summary>The same as a feed (a subscription with a postcode is not cached either).</summary>
    private const string Feed = "/agenda.ics?postcode=2525&afstand=5";

    private static PublishedContentStore Store(SiteFactory site) => site.Services.GetRequiredService<PublishedContentStore>();

    private static async Task<string> AgendaTextAsync(HttpClient client) => (await client.GetDocumentAsync(Agenda)).MainText();

    [Fact]
    public async Task TheSnapshotIsBuiltWhileTheSiteStartsAndTheFirstPageUsesIt()
    {
        using var site = new SiteFactory();
        site.Settings["Site:PrepareSnapshotOnStart"] = "true"; // the default (the test factory turns it off)
        var store = Store(site); // starts the site; no page has been asked

        // Built in the background as the site starts (PublishedContentWarmUp), not by a request: wait for it without asking one.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (store.Latest is null && !patience.IsCancellationRequested)
            await Task.Delay(20, CancellationToken.None);
        Assert.NotNull(store.Latest);
        Assert.Equal(1, store.Builds);

        // The first pages read that snapshot: nothing was built again.
        var parents = site.CreateClient();
        Assert.Contains("Babybootcamp", await AgendaTextAsync(parents));
        Assert.Equal(1, store.Builds);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task PublishingUnpublishingAndCancellingADateShowOnTheNextRequest(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var editor = await site.SignedInClientAsync(await site.EditorAsync());
        var parents = site.CreateClient();
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp"); // Tuesdays 13.30–15.00
        Assert.Contains("Babybootcamp", await AgendaTextAsync(parents));
        var before = Store(site).Latest!;

        // A published new title: the agenda, its feed and the page all have it at once.
        await editor.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Babybootcamp met papa's")]);
        Assert.DoesNotContain("Babybootcamp met papa", await AgendaTextAsync(parents)); // a draft changes nothing
        await editor.PublishNewestAsync(site, NodeKind.Activity, id);
        Assert.Contains("Babybootcamp met papa's", await AgendaTextAsync(parents));
        Assert.Contains("SUMMARY:Babybootcamp met papa's", await parents.GetStringAsync(Feed));
        Assert.Equal("Babybootcamp met papa's", (await parents.GetDocumentAsync(Activity)).QuerySelector("h1").Text());
        Assert.NotSame(before, Store(site).Latest); // replaced, not changed
        Assert.Equal("Babybootcamp", before.Activity(id)!.Title);

        // A cancelled date: struck through in the agenda, CANCELLED in the feed.
        await editor.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Cancelled[0].Date", "2026-11-24"), new("Input.Cancelled[0].Reason", "juf ziek")]);
        await editor.PublishNewestAsync(site, NodeKind.Activity, id);
        var agenda = await parents.GetDocumentAsync(Agenda);
        Assert.Contains(agenda.QuerySelectorAll("li.cancelled"), li => li.TextContent.Contains("Babybootcamp met papa's", StringComparison.Ordinal));
        Assert.Contains("juf ziek", agenda.MainText());
        Assert.Contains("STATUS:CANCELLED", await parents.GetStringAsync(Feed));

        // Offline: gone from everything on the next request.
        Assert.Equal(HttpStatusCode.Redirect, (await editor.NodeActionAsync(NodeKind.Activity, id, "Unpublish")).StatusCode);
        Assert.DoesNotContain("Babybootcamp met papa", await AgendaTextAsync(parents));
        Assert.DoesNotContain("Babybootcamp met papa", await parents.GetStringAsync(Feed));
        Assert.Equal(HttpStatusCode.NotFound, (await parents.GetAsync(Activity)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task APlannedPublishATranslationAndAnImportShowOnTheNextRequest(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var editor = await site.SignedInClientAsync(await site.EditorAsync());
        var parents = site.CreateClient();
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        Assert.Contains("Babybootcamp", await AgendaTextAsync(parents));

        // Planned: the worker publishes at the time, and the next request has it.
        await editor.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Babybootcamp in december")]);
        await editor.SubmitAsync(EditingPaths.Node(NodeKind.Activity, id), [
            new("PublishDate", "2026-11-23"), new("PublishTime", "12:00"), new("UnpublishDate", ""), new("UnpublishTime", "")],
            "form[action*='handler=Schedule']");
        Assert.DoesNotContain("Babybootcamp in december", await AgendaTextAsync(parents));
        site.Clock.Now = new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, await site.RunPlannedPublishingAsync());
        Assert.Contains("Babybootcamp in december", await AgendaTextAsync(parents));

        // A published translation: the Arabic agenda has the Arabic title on the next request.
        const string arabic = "معسكر الرضّع";
        var translation = EditingPaths.Translation(NodeKind.Activity, id, "ar");
        Assert.DoesNotContain(arabic, (await parents.GetDocumentAsync("/ar" + Agenda)).MainText());
        await editor.SubmitAsync(translation, [new("Velden[title]", arabic), new("Velden[summary]", "نتحرّك ونلعب."), new("Command", "save")], "form#f-form");
        var newest = await site.WithDbAsync(async db =>
        {
            var key = await db.Activities.Where(a => a.Id == id).Select(a => a.Key).SingleAsync();
            return await db.ContentVersions.Where(v => v.NodeKey == key && v.Culture == "ar").MaxAsync(v => v.Number);
        });
        var page = await editor.GetDocumentAsync(translation);
        var publish = await editor.PostAsync($"{translation}?handler=Publish", new FormUrlEncodedContent([
            new("__RequestVerificationToken", page.AntiforgeryToken()), new("Versie", Editors.S(newest))]));
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Contains(arabic, (await parents.GetDocumentAsync("/ar" + Agenda)).MainText());
        Assert.Contains("SUMMARY:" + arabic, await parents.GetStringAsync("/ar" + Feed));

        // An import of a content folder in which the activity has another title.
        var content = Directory.CreateTempSubdirectory("bp-snapshot-").FullName;
        try
        {
            CopyFolder(TestEnvironment.SeedContent, content);
            var file = Path.Combine(content, "den-haag", "schilderswijk", "activiteiten", "babybootcamp.md");
            var text = await File.ReadAllTextAsync(file);
            await File.WriteAllTextAsync(file, text.Replace("title: Babybootcamp", "title: Babybootcamp uit de import", StringComparison.Ordinal));
            await using (var scope = site.Scope())
                await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(content);
            Assert.Contains("Babybootcamp uit de import", await AgendaTextAsync(parents));
        }
        finally
        {
            Directory.Delete(content, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ASignUpThatTakesTheLastPlaceShowsOnTheNextRequestWithoutANewSnapshot(DatabaseKind kind)
    {
        using var site = SignUpKit.Site(kind);
        await site.SettingsAsync(SignUpKit.Evening, s => s.Capacity = 1);
        var client = site.HttpsClient();
        Assert.DoesNotContain("vol", (await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening))).QuerySelector(".places").Text());
        var builds = Store(site).Builds;

        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Eerste", email: "een@example.nl"));
        Assert.Contains("vol: u komt op de wachtlijst", (await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening))).QuerySelector(".places").Text());
        Assert.Equal(builds, Store(site).Builds); // places left are read per request; the content did not change
    }

    [Fact]
    public async Task PublicPagesAndFeedsAskTheDatabaseNothingOnceTheSnapshotIsBuilt()
    {
        using var site = new SiteFactory();
        site.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        var parents = site.CreateClient();
        string[] pages = [Agenda, Feed, "/ar" + Agenda, "/agenda?leeftijd=2&dag=dinsdag&gratis=ja", "/agenda.ics?soort=taalplezier",
            "/den-haag", "/den-haag/schilderswijk", "/den-haag/schilderswijk/visie", Activity, Activity + ".ics",
            "/den-haag/schilderswijk/ontmoetingsplekken/clubhuis", "/?postcode=2525", "/den-haag/schilderswijk.ics", "/bestaat-niet"];
        Assert.Equal(HttpStatusCode.OK, (await parents.GetAsync("/agenda?postcode=2526")).StatusCode); // builds the snapshot
        var builds = Store(site).Builds;

        // The first time: only what a snapshot reads once, when a page first needs it (the vision's published ideas,
        // the old paths that redirect, for the 404).
        var first = await AskAsync(site, parents, pages);
        Assert.All(first, sql => Assert.True(sql.Contains("\"VisionSuggestions\"", StringComparison.Ordinal) || sql.Contains("\"ContentRedirects\"", StringComparison.Ordinal), sql[..Math.Min(sql.Length, 400)]));

        // Then nothing, also for pages the output cache has not seen (another query string).
        var again = await AskAsync(site, parents, pages.Select(p => p + (p.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "ronde=2"));
        Assert.True(again.Count == 0, "asked the database:\n" + string.Join("\n", again.Select(sql => sql[..Math.Min(sql.Length, 400)])));
        Assert.Equal(builds, Store(site).Builds);
    }

    [Fact]
    public async Task TheDeliveryApiReadsTheSnapshotAndAsksTheDatabaseOnlyForPlacesLeft()
    {
        using var site = new SiteFactory();
        site.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        var client = site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Agenda)).StatusCode); // builds the snapshot
        const string api = "/umbraco/delivery/api/v2/content";
        string[] urls = [api + "?take=100", api + "?filter=contentType:activiteit&expand=properties[$all]&take=100",
            api + "/item/den-haag/schilderswijk/activiteiten/babybootcamp", api + "/item/den-haag/schilderswijk?expand=properties[vision]",
            api + "?fetch=descendants:den-haag&sort=name:asc&take=50"];

        var asked = await AskAsync(site, client, urls);
        foreach (var url in urls)
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
        string[] content = ["Gemeenten", "Wijken", "MeetingPlaces", "Partners", "Activities", "Visions", "ContentTranslations", "MediaUsages", "MediaItems", "ContentVersions", "SchoolHolidays"];
        Assert.All(asked, sql => Assert.DoesNotMatch($"(FROM|JOIN) \"({string.Join('|', content)})\"", sql));
        // What changes with every sign-up is still read per request: the seed has activities that take sign-ups.
        Assert.Contains(asked, sql => sql.Contains("\"SignUps\"", StringComparison.Ordinal));

        // In another language as well, from the snapshot's translations.
        using var arabic = new HttpRequestMessage(HttpMethod.Get, api + "?take=100&skip=0");
        arabic.Headers.AcceptLanguage.ParseAdd("ar");
        var before = Commands(site).Count;
        var answer = await client.SendAsync(arabic);
        Assert.Equal("ar", Assert.Single(answer.Content.Headers.ContentLanguage));
        Assert.All(Commands(site).Skip(before), sql => Assert.DoesNotMatch($"(FROM|JOIN) \"({string.Join('|', content)})\"", sql));
    }

    [Fact]
    public async Task ManyRequestsAfterAChangeWaitForOneNewSnapshot()
    {
        using var site = new SiteFactory();
        var parents = site.CreateClient();
        await parents.GetStringAsync(Agenda);
        var builds = Store(site).Builds;

        Store(site).Invalidate();
        var pages = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => parents.GetStringAsync($"{Agenda}&leeftijd={i % 7}")));

        Assert.All(pages, p => Assert.Contains("<h1>", p, StringComparison.Ordinal));
        Assert.Equal(builds + 1, Store(site).Builds);
    }

    /// <summary>Asks the pages; returns "url: SQL" of every database command they ran.</summary>
    private static async Task<List<string>> AskAsync(SiteFactory site, HttpClient client, IEnumerable<string> urls)
    {
        var asked = new List<string>();
        foreach (var url in urls)
        {
            var before = Commands(site).Count;
            var response = await client.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
            asked.AddRange(Commands(site).Skip(before).Select(sql => $"{url}: {sql}"));
        }

        return asked;
    }

    /// <summary>The SQL of every command the site's DbContexts ran so far (EF Core's command log).</summary>
    private static List<string> Commands(SiteFactory site) =>
        [.. site.Logs.Entries.Where(e => e.Category == "Microsoft.EntityFrameworkCore.Database.Command" && e.Message.Contains("Executed DbCommand", StringComparison.Ordinal))
            .Select(e => e.Message)];

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
    }
}
