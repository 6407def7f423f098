using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Editing;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.Pages;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Embed;
using Buurtplatform.Web.Embed.Staff;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Embed;

/// <summary>
/// The agenda partner sites embed (<c>/embed/{gemeente}/{wijk}[/{plek}]</c>): what it lists, that only the sites
/// staff allow for the wijk may frame it (and nothing else on the site may be framed), and the settings page.
/// </summary>
public sealed class EmbedTests
{
    private const string Wijk = "/embed/den-haag/schilderswijk";

    [Fact]
    public async Task TheWijksEmbeddedAgendaListsItsComingDatesLinksToTheFullPagesAndCarriesNoScriptFormOrCookie()
    {
        using var site = new SiteFactory();
        var client = site.HttpsClient();
        var response = await client.GetAsync(Wijk, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var doc = await response.ParseAsync();

        Assert.Equal("Activiteiten in Schilderswijk", doc.QuerySelector("h1").Text());
        Assert.Equal("_top", doc.QuerySelector("base")?.GetAttribute("target"));
        Assert.Empty(doc.QuerySelectorAll("script, form, header, footer, nav"));

        // The same dates as the wijk's own page shows for its first two weeks, and only this wijk's activities.
        var activityLinks = doc.QuerySelectorAll("ul.occurrences a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(activityLinks);
        Assert.All(activityLinks, href => Assert.StartsWith("/den-haag/schilderswijk/activiteiten/", href, StringComparison.Ordinal));
        // The embed looks further ahead (four weeks, at most 25 dates), so the two lists agree as far as both go.
        var wijkPage = await client.GetDocumentAsync("/den-haag/schilderswijk");
        var wijkDates = wijkPage.QuerySelectorAll("section[aria-labelledby=activiteiten] ul.occurrences > li").Select(li => li.Text()).ToList();
        var embedDates = doc.QuerySelectorAll("ul.occurrences > li").Select(li => li.Text()).ToList();
        Assert.NotEmpty(wijkDates);
        var both = Math.Min(wijkDates.Count, embedDates.Count);
        Assert.Equal(wijkDates.Take(both), embedDates.Take(both));
        Assert.True(embedDates.Count <= EmbedPageModel.MaxDates);
        Assert.Contains(doc.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/agenda?wijk=den-haag/schilderswijk");
        Assert.Equal("/den-haag/schilderswijk", doc.QuerySelector("h1 a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task APlacesEmbeddedAgendaListsOnlyWhatIsHeldThereAndAnUnknownOrForeignPlaceIsNotFound()
    {
        using var site = new SiteFactory();
        var client = site.HttpsClient();
        var doc = await client.GetDocumentAsync(Wijk + "/peuterlokaal-2samen");
        Assert.Equal("Activiteiten in Peuterlokaal van 2Samen", doc.QuerySelector("h1").Text());
        var held = await site.WithDbAsync(db => db.PublicActivities().Where(a => a.MeetingPlace.Slug == "peuterlokaal-2samen" && a.Wijk.Slug == "schilderswijk")
            .Select(a => "/den-haag/schilderswijk/activiteiten/" + a.Slug).ToListAsync());
        var listed = doc.QuerySelectorAll("ul.occurrences a").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, href => Assert.Contains(href, held));
        Assert.Equal("/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen", doc.QuerySelector("h1 a")?.GetAttribute("href"));

        foreach (var missing in new[] { Wijk + "/bestaat-niet", "/embed/den-haag/bestaat-niet", "/embed/den-haag/moerwijk/clubhuis" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(missing, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task OnlyThisSiteAndTheSitesStaffAllowForTheWijkMayFrameItAndNoOtherPageMayBeFramed()
    {
        using var site = new SiteFactory();
        var client = site.HttpsClient();

        var before = await client.GetAsync(Wijk, TestContext.Current.CancellationToken);
        Assert.Equal("'self'", FrameAncestors(before));
        Assert.False(before.Headers.Contains("X-Frame-Options"));

        var editor = await site.SignedInClientAsync(await site.EditorAsync());
        var wijkId = await site.WijkIdAsync("schilderswijk");
        var saved = await editor.SubmitAsync(EmbedPaths.Settings(wijkId),
            [new("Origins", "https://www.Basisschool-Voorbeeld.nl/\r\n\r\nhttps://*.bieb-voorbeeld.nl\nhttps://www.basisschool-voorbeeld.nl\nhttp://localhost:8080")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // Cached before the change, evicted by it: the next response names the sites, normalised, once each.
        var after = await client.GetAsync(Wijk, TestContext.Current.CancellationToken);
        Assert.Equal("'self' https://www.basisschool-voorbeeld.nl https://*.bieb-voorbeeld.nl http://localhost:8080", FrameAncestors(after));
        Assert.Equal("'self' https://www.basisschool-voorbeeld.nl https://*.bieb-voorbeeld.nl http://localhost:8080", FrameAncestors(await client.GetAsync(Wijk + "/clubhuis", TestContext.Current.CancellationToken)));
        // Another wijk's agenda is not theirs to frame.
        Assert.Equal("'self'", FrameAncestors(await client.GetAsync("/embed/den-haag/moerwijk", TestContext.Current.CancellationToken)));

        var entry = Assert.Single(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.EmbedOriginsChanged).ToListAsync()));
        Assert.Equal(AuditTarget.Wijk(wijkId), entry.Target);
        Assert.Contains("https://*.bieb-voorbeeld.nl", entry.Detail, StringComparison.Ordinal);

        // Every other page keeps refusing frames.
        foreach (var page in new[] { "/den-haag/schilderswijk", "/agenda", "/den-haag/schilderswijk/activiteiten/spelinloop/aanmelden", "/backoffice/inloggen" })
        {
            var response = await client.GetAsync(page, TestContext.Current.CancellationToken);
            Assert.Equal("'none'", FrameAncestors(response));
            Assert.Equal("DENY", string.Join(',', response.Headers.GetValues("X-Frame-Options")));
        }

        // Saving the same list again changes nothing and is not audited twice.
        await editor.SubmitAsync(EmbedPaths.Settings(wijkId), [new("Origins", "https://www.basisschool-voorbeeld.nl\nhttps://*.bieb-voorbeeld.nl\nhttp://localhost:8080")]);
        Assert.Single(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.EmbedOriginsChanged).ToListAsync()));

        // Emptying the list takes the permission away again.
        await editor.SubmitAsync(EmbedPaths.Settings(wijkId), [new("Origins", "")]);
        Assert.Equal("'self'", FrameAncestors(await client.GetAsync(Wijk, TestContext.Current.CancellationToken)));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://www.basisschool-voorbeeld.nl/agenda")]
    [InlineData("http://www.basisschool-voorbeeld.nl")]
    [InlineData("basisschool-voorbeeld.nl")]
    [InlineData("https://*")]
    [InlineData("https://192.168.1.10")]
    [InlineData("https://user@basisschool-voorbeeld.nl")]
    [InlineData("https://voorbeeld.nl; script-src *")]
    [InlineData("'unsafe-inline'")]
    public async Task AnAddressThatIsNotASitesOriginIsRefusedByNameAndNothingIsSaved(string bad)
    {
        using var site = new SiteFactory();
        var editor = await site.SignedInClientAsync(await site.EditorAsync());
        var wijkId = await site.WijkIdAsync("schilderswijk");
        await editor.SubmitAsync(EmbedPaths.Settings(wijkId), [new("Origins", "https://www.basisschool-voorbeeld.nl")]);

        var response = await editor.SubmitAsync(EmbedPaths.Settings(wijkId), [new("Origins", "https://www.bieb-voorbeeld.nl\n" + bad)]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var doc = await response.ParseAsync();
        Assert.Contains($"\"{bad}\" is geen websiteadres", doc.QuerySelector("#fouten").Text(), StringComparison.Ordinal);
        Assert.Equal("true", doc.QuerySelector("#" + EmbedSettingsPageModel.FieldId)?.GetAttribute("aria-invalid"));
        Assert.Contains(bad, doc.QuerySelector("#" + EmbedSettingsPageModel.FieldId)?.TextContent, StringComparison.Ordinal); // what was typed stays
        Assert.Equal(["https://www.basisschool-voorbeeld.nl"], await site.WithDbAsync(db => db.Wijken.Where(w => w.Id == wijkId).Select(w => w.EmbedOrigins).SingleAsync()));
    }

    [Fact]
    public async Task MoreThanTheMaximumIsRefused()
    {
        using var site = new SiteFactory();
        var editor = await site.SignedInClientAsync(await site.EditorAsync());
        var wijkId = await site.WijkIdAsync("schilderswijk");
        var many = string.Join('\n', Enumerable.Range(1, EmbedOrigins.Max + 1).Select(i => $"https://school{i}.voorbeeld.nl"));
        var response = await editor.SubmitAsync(EmbedPaths.Settings(wijkId), [new("Origins", many)]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"meer dan {EmbedOrigins.Max} websites", (await response.ParseAsync()).QuerySelector("#fouten").Text(), StringComparison.Ordinal);
        Assert.Empty(await site.WithDbAsync(db => db.Wijken.Where(w => w.Id == wijkId).Select(w => w.EmbedOrigins).SingleAsync()));
    }

    [Fact]
    public async Task TheSettingsAreForTheWijksEditorsAndAdministratorsOnlyAndShowTheCodeToPaste()
    {
        using var site = new SiteFactory();
        var wijkId = await site.WijkIdAsync("schilderswijk");
        var other = await site.SignedInClientAsync(await site.EditorAsync("moerwijk", "ander@example.nl"));
        var pro = await site.SignedInClientAsync(await site.ProfessionalAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(EmbedPaths.Settings(wijkId), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pro.GetAsync(EmbedPaths.Settings(wijkId), TestContext.Current.CancellationToken)).StatusCode);

        var editor = await site.SignedInClientAsync(await site.EditorAsync());
        var overview = await editor.GetDocumentAsync(Web.Backoffice.BackofficePaths.Wijk(wijkId));
        Assert.Contains(overview.QuerySelectorAll("a"), a => a.GetAttribute("href") == EmbedPaths.Settings(wijkId));
        var page = await editor.GetDocumentAsync(EmbedPaths.Settings(wijkId));
        var code = page.QuerySelector("#code-wijk")!.TextContent;
        Assert.StartsWith("<iframe src=\"", code, StringComparison.Ordinal);
        Assert.Contains($"{Wijk}\" title=\"Activiteiten in Schilderswijk\"", code, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll("details textarea.code").Length); // one per meeting place of the wijk

        var admin = await site.SignedInClientAsync(await site.AdministratorAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(EmbedPaths.Settings(wijkId), TestContext.Current.CancellationToken)).StatusCode);

        await NuChecker.AssertValidAsync(
        [
            ("settings", await editor.GetStringAsync(EmbedPaths.Settings(wijkId), TestContext.Current.CancellationToken)),
            ("settings with an error", await (await editor.SubmitAsync(EmbedPaths.Settings(wijkId), [new("Origins", "school")])).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)),
        ]);
    }

    [Theory]
    [InlineData("https://www.school.nl", "https://www.school.nl")]
    [InlineData("HTTPS://WWW.School.NL/", "https://www.school.nl")]
    [InlineData("https://*.school.nl", "https://*.school.nl")]
    [InlineData("https://school.nl:8443", "https://school.nl:8443")]
    [InlineData("https://school.nl:443", "https://school.nl")]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("https://bücherei.example", "https://xn--bcherei-n2a.example")]
    [InlineData("http://school.nl", null)]
    [InlineData("http://*.localhost", null)]
    [InlineData("https://school.nl/pad", null)]
    [InlineData("https://school.nl?x=1", null)]
    [InlineData("https://school.nl#a", null)]
    [InlineData("ftp://school.nl", null)]
    [InlineData("https://[::1]", null)]
    [InlineData("https://school", null)]
    [InlineData("https://*.*.school.nl", null)]
    [InlineData("https:// school.nl", null)]
    public void AnOriginIsASchemeAHostAndAPortNothingElse(string typed, string? expected) =>
        Assert.Equal(expected, EmbedOrigins.Normalise(typed));

    private static string FrameAncestors(HttpResponseMessage response)
    {
        var policy = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        var directive = policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("frame-ancestors ", StringComparison.Ordinal));
        return directive["frame-ancestors ".Length..];
    }
}
