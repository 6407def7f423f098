using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.SignUps;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.SignUps;
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

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnAdministratorsAccessAndErasureRequestByEmailCoversTheIdeasSentWithThatAddressAudited(DatabaseKind kind)
    {
        using var site = SuggestionKit.Site(kind);
        var client = site.HttpsClient();
        var link = await SendWithLinkAsync(site, client, "Een plek voor vaders.", "Jet@Example.nl");
        await site.SendIdeaAsync(client, SuggestionKit.Idea("Meer voorlezen.", email: "jet@example.nl", name: "Jet"));
        await site.SendIdeaAsync(client, SuggestionKit.Idea("Van iemand anders.", email: "kees@example.nl"));
        var admin = await site.SignedInClientAsync(await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder));

        var found = await (await admin.SubmitAsync(SignUpPaths.Contact + "?handler=Find", new { ContactText = " jet@example.nl " })).ParseAsync();
        Assert.Contains("2 ideeën over een visie gevonden", found.MainText());
        var rows = found.QuerySelectorAll("[aria-labelledby='ideeen-gevonden'] tbody tr").Select(r => r.Text()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Een plek voor vaders.", rows[0]);
        Assert.Contains("Jet", rows[1]);
        Assert.DoesNotContain("iemand anders", found.MainText());

        var export = await admin.SubmitAsync(found, SignUpPaths.Contact, [], "form[action$='handler=Export']");
        var json = System.Text.Json.JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement;
        var ideas = json.GetProperty("ideas").EnumerateArray().ToList();
        Assert.Equal(["Een plek voor vaders.", "Meer voorlezen."], ideas.Select(i => i.GetProperty("text").GetString()));
        Assert.All(ideas, i => Assert.Equal("jet@example.nl", i.GetProperty("email").GetString()));
        Assert.All(ideas, i => Assert.Equal("Moerwijk", i.GetProperty("wijk").GetString()));
        Assert.Equal("Jet", ideas[1].GetProperty("firstName").GetString());
        Assert.True(ideas[0].GetProperty("hasPersonalLink").GetBoolean());
        Assert.Empty(json.GetProperty("signUps").EnumerateArray());

        var erase = await admin.SubmitAsync(found, SignUpPaths.Contact, [], "form[action$='handler=Erase']");
        Assert.Equal(HttpStatusCode.Redirect, erase.StatusCode);
        var after = await site.IdeasAsync();
        Assert.Equal(3, after.Count); // the ideas stay, without the address
        Assert.All(after.Take(2), s => Assert.Equal((null, null, site.Clock.GetUtcNow().UtcDateTime), (s.Email, s.TokenHash, s.EmailErasedUtc)));
        Assert.All(after.Take(2), s => Assert.Equal((null, false), (s.FirstName, s.ShowName))); // Jet's shown first name goes too
        Assert.Equal("kees@example.nl", after[2].Email);
        Assert.NotNull(after[2].TokenHash);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(link)).StatusCode); // the personal link is gone with it

        var entries = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Action == AuditAction.SignUpsViewed || e.Action == AuditAction.ContactDataExported || e.Action == AuditAction.ContactDataErased).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["access request search: 0 sign-ups and 2 ideas shown", "access request: 0 sign-ups and 2 ideas exported", "erasure request: 0 sign-ups deleted, the e-mail address and first name of 2 ideas erased"],
            entries.Select(e => e.Detail));
        Assert.All(entries, e => Assert.DoesNotContain("jet@", (e.Detail + e.Target).ToLowerInvariant(), StringComparison.Ordinal));
    }
}
