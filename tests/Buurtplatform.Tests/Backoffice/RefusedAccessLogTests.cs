using System.Globalization;
using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.SignUps;
using Buurtplatform.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Buurtplatform.Tests.Backoffice;

/// <summary>ASVS V7.2.2: refused access to scoped resources is logged, without personal data, and without flooding the log.</summary>
public sealed class RefusedAccessLogTests
{
    [Fact]
    public async Task RefusalsAreLoggedOncePerPersonAndKindPerMinuteWithoutPersonalData()
    {
        using var site = SignUpKit.Site();
        var editor = await site.CreateStaffAsync("zeynep.kaya@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var parent = site.HttpsClient();
        await site.SignUpAsync(parent, SignUpKit.Evening, SignUpKit.Parent("Anna", email: "anna@example.nl"));
        await site.SignUpAsync(parent, SignUpKit.Bootcamp, SignUpKit.Parent("Bram", email: "bram@example.nl"), date: "2026-12-01");
        var (schilderswijk, moerwijk) = (await WijkIdAsync(site, "schilderswijk"), await WijkIdAsync(site, "moerwijk"));
        var client = await site.SignedInClientAsync(editor);

        // Allowed requests log nothing.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/backoffice/wijken/{moerwijk}")).StatusCode);
        Assert.Empty(Lines(site));

        // Five refusals of one kind: one line.
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/backoffice/wijken/{schilderswijk}")).StatusCode);
        var first = Assert.Single(Lines(site));
        Assert.Equal(LogLevel.Warning, first.Level);
        Assert.Contains("403", first.Message);
        Assert.Contains("backoffice/wijken/{wijkId:int}", first.Message);
        Assert.Contains($"wijkId={schilderswijk}", first.Message);
        Assert.Contains(editor.Id, first.Message);
        Assert.Contains("Wijkredacteur", first.Message);

        // Another kind of resource is another line: a page for administrators, and a 404 for a sign-up of another wijk
        // posted to an inbox the editor may open.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/backoffice/gebruikers")).StatusCode);
        var evening = await site.ActivityIdAsync(SignUpKit.Evening);
        var bram = (await site.SignUpsAsync()).Single(s => s.FirstName == "Bram");
        var inbox = $"/backoffice/activiteiten/{evening}/aanmeldingen";
        var foreign = await client.SubmitAsync(inbox, new Dictionary<string, string> { ["Update.SignUpId"] = bram.Id.ToString(CultureInfo.InvariantCulture), ["Update.State"] = "Contacted" }, "article.signup-card form");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var lines = Lines(site);
        Assert.Equal(3, lines.Count);
        Assert.Contains("backoffice/gebruikers", lines[1].Message);
        Assert.Contains("404", lines[2].Message);
        Assert.Contains("backoffice/activiteiten/{activityId:int}/aanmeldingen", lines[2].Message);

        // A minute later the same kind is logged again, with the number of refusals that were left out.
        site.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/backoffice/wijken/{schilderswijk}")).StatusCode);
        lines = Lines(site);
        Assert.Equal(4, lines.Count);
        Assert.Contains("4 more", lines[3].Message);

        // No name, address or parent's data in any of it.
        foreach (var secret in new[] { "zeynep", "kaya", "example.nl", "Bram", "Anna" })
            Assert.DoesNotContain(lines, l => l.Message.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SigningInIsNotARefusal()
    {
        using var site = new SiteFactory();
        var anonymous = site.HttpsClient();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/backoffice/wijken/1")).StatusCode);
        Assert.Empty(Lines(site));
    }

    private static List<(LogLevel Level, string Category, string Message, Exception? Exception)> Lines(SiteFactory site) =>
        site.Logs.Entries.Where(e => e.Category == "Buurtplatform.Web.Backoffice.RefusedAccessLog").ToList();

    private static Task<int> WijkIdAsync(SiteFactory site, string slug) => site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync());
}
