using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.SignUps;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Vision.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Vision;

/// <summary>The parent's link to their idea, erasing the address or the idea, and the retention of addresses.</summary>
public sealed class SuggestionPrivacyTests
{
    private static async Task<string> SendWithLinkAsync(SiteFactory site, HttpClient client, string text, string email)
    {
        var done = await client.FollowAsync(await site.SendIdeaAsync(client, SuggestionKit.Idea(text, email: email)));
        return new Uri(done.QuerySelector(".personal-link a")!.GetAttribute("href")!).AbsolutePath;
    }

    [Fact]
    public async Task ThePersonalLinkShowsWhereTheIdeaStandsAndItsAnswerAndNeverGoesIntoTheLog()
    {
        using var site = SuggestionKit.Site();
        var client = site.HttpsClient();
        var link = await SendWithLinkAsync(site, client, "Meer voorlezen in het Arabisch.", "lees@example.nl");
        var token = link[(link.LastIndexOf('/') + 1)..];

        var page = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var doc = await page.ParseAsync();
        Assert.Contains("nog niet behandeld", doc.MainText());
        Assert.Contains("Meer voorlezen in het Arabisch.", doc.MainText());

        var idea = Assert.Single(await site.IdeasAsync());
        var (_, editor, wijkId) = await site.EditorAsync();
        await editor.ModerateAsync(wijkId, idea.Id, "Decline", new() { ["reason"] = "Dat doen we al op woensdag." });
        var declined = await client.GetDocumentAsync(link);
        Assert.Contains("niet op de pagina", declined.MainText());
        Assert.Contains("Dat doen we al op woensdag.", declined.MainText());

        Assert.DoesNotContain(token, site.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("lees@example.nl", site.Logs.AllText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/mijn-idee/onbekend")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheParentCanEraseTheAddressKeepingTheIdeaOrWithdrawTheIdeaWhichLeavesThePageAtOnce(DatabaseKind kind)
    {
        using var site = SuggestionKit.Site(kind);
        var client = site.HttpsClient();
        var keep = await SendWithLinkAsync(site, client, "Blijft staan", "een@example.nl");
        var withdraw = await SendWithLinkAsync(site, client, "Gaat weg", "twee@example.nl");
        var (_, editor, wijkId) = await site.EditorAsync();
        foreach (var idea in await site.IdeasAsync())
            await editor.ModerateAsync(wijkId, idea.Id, "Publish");
        Assert.Contains("Gaat weg", (await client.GetDocumentAsync(SuggestionKit.Vision)).MainText()); // now in the cache

        var erased = await client.FollowAsync(await client.SubmitAsync(await client.GetDocumentAsync(keep), keep, [], "form[action$='handler=EraseEmail']"));
        Assert.Contains("e-mailadres is gewist", erased.MainText());
        var withdrawn = await client.FollowAsync(await client.SubmitAsync(await client.GetDocumentAsync(withdraw), withdraw, [], "form[action$='handler=Withdraw']"));
        Assert.Contains("idee en uw e-mailadres zijn verwijderd", withdrawn.MainText());

        var left = Assert.Single(await site.IdeasAsync());
        Assert.Equal(("Blijft staan", null, null, SuggestionState.Published), (left.Text, left.Email, left.TokenHash, left.State));
        Assert.NotNull(left.EmailErasedUtc);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(keep)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(withdraw)).StatusCode);
        var vision = (await client.GetDocumentAsync(SuggestionKit.Vision)).MainText();
        Assert.Contains("Blijft staan", vision);
        Assert.DoesNotContain("Gaat weg", vision);

        var audit = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Action == AuditAction.SuggestionErasedByParent).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal((AuditActor.Parent.Name, null), (e.ActorName, e.ActorId)));
        Assert.All(audit, e => Assert.DoesNotContain("@", e.Detail ?? ""));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AddressesAndLinksAreErasedTheConfiguredDaysAfterTheLastStepAndTheIdeasStay(DatabaseKind kind)
    {
        using var site = SuggestionKit.Site(kind);
        site.Settings["VisionSuggestions:RetentionDays"] = "30";
        var client = site.HttpsClient();
        var oldLink = await SendWithLinkAsync(site, client, "Oud idee", "oud@example.nl");
        site.Clock.Advance(TimeSpan.FromDays(20));
        await SendWithLinkAsync(site, client, "Later beantwoord", "later@example.nl");
        await SendWithLinkAsync(site, client, "Nog jong", "jong@example.nl");
        site.Clock.Advance(TimeSpan.FromDays(15));
        var (_, editor, wijkId) = await site.EditorAsync();
        var laterId = (await site.IdeasAsync())[1].Id;
        await editor.ModerateAsync(wijkId, laterId, "Publish"); // its last step: now, 35 days after the first idea

        // Day 35: only the first idea's 30 days have passed.
        Assert.Equal(1, await site.WithJobsAsync(j => j.EraseExpiredAsync(CancellationToken.None)));
        Assert.Equal(0, await site.WithJobsAsync(j => j.EraseExpiredAsync(CancellationToken.None)));
        Assert.Equal([null, "later@example.nl", "jong@example.nl"], (await site.IdeasAsync()).Select(s => s.Email));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(oldLink)).StatusCode);

        // Day 51: the young one (sent on day 20) is past its 30 days; the answered one counts from its answer.
        site.Clock.Advance(TimeSpan.FromDays(16));
        Assert.Equal(1, await site.WithJobsAsync(j => j.EraseExpiredAsync(CancellationToken.None)));
        var ideas = await site.IdeasAsync();
        Assert.Equal([null, "later@example.nl", null], ideas.Select(s => s.Email));
        Assert.Equal(3, ideas.Count);
        Assert.All(ideas.Where(s => s.Email is null), s => Assert.Null(s.TokenHash));

        Assert.Equal(2, await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == AuditAction.SuggestionRetention)));
        Assert.DoesNotContain("oud@example.nl", site.Logs.AllText, StringComparison.Ordinal);
    }
}
