using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.SignUps;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Vision.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Vision;

/// <summary>The wijk editors' queue: scoped per wijk, every action audited, mailed to the parent, and shown (or not) on the vision page.</summary>
public sealed class SuggestionModerationTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task PublishAnswerMergeDeclineAndMarkProcessedShowOnTheVisionPageAsTheyShouldAndAreAuditedAndMailed(DatabaseKind kind)
    {
        using var site = SuggestionKit.Site(kind);
        var parent = site.HttpsClient();
        await site.SendIdeaAsync(parent, SuggestionKit.Idea("Een koffieochtend voor vaders.", email: "a@example.nl", name: "Sanne"));
        await site.SendIdeaAsync(parent, SuggestionKit.Idea("Ook iets voor papa's graag.", email: "b@example.nl"));
        await site.SendIdeaAsync(parent, SuggestionKit.Idea("Bel mij op 06-12345678 over de buurvrouw."));
        var (a, b, c) = (await site.IdeasAsync()) switch { var l => (l[0].Id, l[1].Id, l[2].Id) };
        await site.DeliverAllMailAsync(); // the two "received" mails
        var (editor, client, wijkId) = await site.EditorAsync();
        var version = await site.PublishedVersionAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await client.ModerateAsync(wijkId, a, "Publish")).StatusCode);
        await client.ModerateAsync(wijkId, b, "Merge", new() { ["mergeInto"] = a.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await client.ModerateAsync(wijkId, a, "Answer", new() { ["answer"] = "Goed plan, we gaan het proberen.", ["audience"] = "openbaar" });
        await client.ModerateAsync(wijkId, c, "Decline", new() { ["reason"] = "Er staan persoonlijke gegevens in." });
        var processed = await client.ModerateAsync(wijkId, a, "Processed",
            new() { ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["change"] = "Vaders staan nu met zoveel woorden in 'Ouders steunen ouders'." });
        Assert.Equal(SuggestionPaths.Queue(wijkId), processed.Headers.Location!.OriginalString);

        var ideas = await site.IdeasAsync();
        Assert.Equal([SuggestionState.Published, SuggestionState.Merged, SuggestionState.Declined], ideas.Select(s => s.State));
        Assert.Equal(a, ideas[1].MergedIntoId);
        Assert.Equal((version, new DateOnly(2026, 11, 23)), (ideas[0].ProcessedVersion!.Value, ideas[0].ProcessedOn!.Value));

        // The vision page (its cached copy evicted by each action): the published idea under its section with its
        // answer and the merged one counted; the declined one and its reason nowhere; the change with its date.
        var page = await parent.GetDocumentAsync(SuggestionKit.Vision);
        var ideasUnder2 = page.QuerySelector("#deel-2 ~ .ideas")!;
        Assert.Contains("Een koffieochtend voor vaders.", ideasUnder2.Text());
        Assert.Contains("Sanne", ideasUnder2.Text());
        Assert.Contains("Goed plan, we gaan het proberen.", ideasUnder2.QuerySelector(".idea-answer").Text());
        Assert.Contains("nog 1 ouder gaf hetzelfde idee", ideasUnder2.Text());
        Assert.DoesNotContain("papa", page.MainText());
        Assert.DoesNotContain("buurvrouw", page.MainText());
        Assert.DoesNotContain("persoonlijke gegevens", page.MainText());
        Assert.DoesNotContain("@example.nl", page.DocumentElement.OuterHtml);
        var changes = page.QuerySelector("#veranderd")!.ParentElement!;
        Assert.Equal("Wat we veranderden dankzij ouders", changes.QuerySelector("h2").Text());
        Assert.Contains("23 november 2026", changes.Text());
        Assert.Contains("Vaders staan nu met zoveel woorden", changes.Text());

        // Every action in the audit log, by the editor, with the idea's number and never its text or the parent's name.
        var entries = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Target != null && e.Target.StartsWith("suggestion:")).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([AuditAction.SuggestionPublished, AuditAction.SuggestionMerged, AuditAction.SuggestionAnswered, AuditAction.SuggestionDeclined, AuditAction.SuggestionProcessed],
            entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(editor.Id, e.ActorId));
        Assert.Equal(AuditTarget.Suggestion(b), entries[1].Target);
        Assert.Contains(AuditTarget.Suggestion(a), entries[1].Detail);
        Assert.All(entries, e => Assert.DoesNotContain("Sanne", e.Detail ?? ""));
        Assert.All(entries, e => Assert.DoesNotContain("koffie", e.Detail ?? ""));

        // The parents who left an address heard each step; the merged parent also got the public answer.
        var mails = await site.DeliverAllMailAsync();
        Assert.Equal(4, mails.Count(m => m.To == "a@example.nl"));
        Assert.Contains(mails, m => m.To == "a@example.nl" && m.Body.Contains("Goed plan", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.To == "b@example.nl" && m.Body.Contains("hetzelfde idee", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.To == "b@example.nl" && m.Body.Contains("Goed plan", StringComparison.Ordinal));
        Assert.Equal(["a@example.nl", "b@example.nl"], mails.Where(m => m.Body.Contains("/mijn-idee/", StringComparison.Ordinal)).Select(m => m.To).Order()); // only the first mail holds the link

        // A handled idea cannot be handled again.
        var again = await client.PostAsync(SuggestionPaths.Queue(wijkId) + "?handler=Publish", new FormUrlEncodedContent(
            [new("suggestionId", c.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("__RequestVerificationToken", (await client.GetDocumentAsync(SuggestionPaths.Queue(wijkId))).AntiforgeryToken())]));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(SuggestionState.Declined, (await site.IdeasAsync())[2].State);
    }

    [Fact]
    public async Task AnAnswerOnlyByMailReachesTheParentButNotThePageAndNeedsAnAddress()
    {
        using var site = SuggestionKit.Site();
        var parent = site.HttpsClient();
        await site.SendIdeaAsync(parent, SuggestionKit.Idea("Met adres", email: "a@example.nl"));
        await site.SendIdeaAsync(parent, SuggestionKit.Idea("Zonder adres"));
        var ideas = await site.IdeasAsync();
        var (_, client, wijkId) = await site.EditorAsync();
        await client.ModerateAsync(wijkId, ideas[0].Id, "Publish");
        await client.ModerateAsync(wijkId, ideas[1].Id, "Publish");

        await client.ModerateAsync(wijkId, ideas[0].Id, "Answer", new() { ["answer"] = "Alleen voor u: bel ons gerust.", ["audience"] = "mail" });
        var refused = await client.ModerateAsync(wijkId, ideas[1].Id, "Answer", new() { ["answer"] = "Dit kan niet per mail.", ["audience"] = "mail" });

        var shownAgain = await refused.ParseAsync(); // the queue again, with the answer typed kept
        Assert.Contains("gaf geen e-mailadres", shownAgain.QuerySelector($"#wie-{ideas[1].Id}-error").Text());
        Assert.Equal("Dit kan niet per mail.", shownAgain.QuerySelector($"#antwoord-{ideas[1].Id}")!.TextContent);
        var after = await site.IdeasAsync();
        Assert.Equal(("Alleen voor u: bel ons gerust.", false), (after[0].Answer, after[0].AnswerIsPublic));
        Assert.Null(after[1].Answer);
        Assert.DoesNotContain("Alleen voor u", (await parent.GetDocumentAsync(SuggestionKit.Vision)).MainText());
        Assert.Contains(await site.DeliverAllMailAsync(), m => m.To == "a@example.nl" && m.Body.Contains("Alleen voor u", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefusedModerationFormShowsTheQueueAgainWithWhatWasTypedAndTheErrorNextToItsField()
    {
        using var site = SuggestionKit.Site();
        var parent = site.HttpsClient();
        await site.SendIdeaAsync(parent, SuggestionKit.Idea("Zonder adres"));
        await site.SendIdeaAsync(parent, SuggestionKit.Idea("Tweede idee"));
        var (a, b) = (await site.IdeasAsync()) switch { var l => (l[0].Id, l[1].Id) };
        var (_, client, wijkId) = await site.EditorAsync();
        await site.PublishedVersionAsync();
        static string Id(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // An answer by mail for a parent who left no address: the answer typed is still there, the error next to the choice.
        var mailOnly = await client.ModerateAsync(wijkId, a, "Answer", new() { ["answer"] = "Wij bellen u terug.", ["audience"] = "mail" });
        Assert.Equal(HttpStatusCode.OK, mailOnly.StatusCode);
        var doc = await mailOnly.ParseAsync();
        Assert.Equal("Wij bellen u terug.", doc.QuerySelector($"#antwoord-{a}")!.TextContent);
        Assert.Contains("gaf geen e-mailadres", doc.QuerySelector($"#wie-{a}-error").Text());
        Assert.Equal($"wie-{a}-error", doc.QuerySelector($"#idee-{a} fieldset")!.GetAttribute("aria-describedby"));
        Assert.True(doc.QuerySelector($"#idee-{a} details")!.HasAttribute("open"));
        Assert.False(doc.QuerySelector($"#idee-{b} details")!.HasAttribute("open"));
        var summary = doc.QuerySelector(".error-summary")!;
        Assert.Equal($"#wie-{a}", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains($"bij idee {a}", summary.Text());

        // An empty answer: the summary links to the field, the message is next to it and tied to it.
        doc = await (await client.ModerateAsync(wijkId, a, "Answer", new() { ["answer"] = "  ", ["audience"] = "openbaar" })).ParseAsync();
        Assert.Equal($"#antwoord-{a}", doc.QuerySelector(".error-summary a")!.GetAttribute("href"));
        var answer = doc.QuerySelector($"#antwoord-{a}")!;
        Assert.Equal(("true", $"antwoord-{a}-error"), (answer.GetAttribute("aria-invalid"), answer.GetAttribute("aria-describedby")));
        Assert.Contains("Schrijf een antwoord.", doc.QuerySelector($"#antwoord-{a}-error").Text());
        Assert.Equal("checked", doc.QuerySelector($"#wie-{a}")!.GetAttribute("checked"));

        // A reason that is too long (no browser limit): kept whole, with how long it is.
        var tooLong = new string('x', SuggestionOptions.MaxTextLength + 1);
        doc = await (await client.ModerateAsync(wijkId, b, "Decline", new() { ["reason"] = tooLong })).ParseAsync();
        Assert.Equal(tooLong, doc.QuerySelector($"#reden-{b}")!.TextContent);
        Assert.Contains("te lang", doc.QuerySelector($"#reden-{b}-error").Text());
        doc = await (await client.ModerateAsync(wijkId, b, "Decline", new() { ["reason"] = "" })).ParseAsync();
        Assert.Contains("Schrijf de reden", doc.QuerySelector($"#reden-{b}-error").Text());

        // A merge without another idea to merge into.
        doc = await (await client.ModerateAsync(wijkId, b, "Merge", new() { ["mergeInto"] = Id(b) })).ParseAsync();
        Assert.Contains("Kies een ander idee", doc.QuerySelector($"#samenvoegen-{b}-error").Text());
        Assert.Equal("true", doc.QuerySelector($"#samenvoegen-{b}")!.GetAttribute("aria-invalid"));

        // "Verwerkt" with a version that was never online and no change: both errors at once.
        doc = await (await client.ModerateAsync(wijkId, a, "Processed", new() { ["version"] = "99", ["change"] = "" })).ParseAsync();
        Assert.Equal([$"#versie-{a}", $"#verandering-{a}"], doc.QuerySelectorAll(".error-summary a").Select(l => l.GetAttribute("href")));

        // Nothing was changed, audited or mailed by the refused forms.
        var ideas = await site.IdeasAsync();
        Assert.All(ideas, s => Assert.Equal(SuggestionState.New, s.State));
        Assert.Equal((null, null), (ideas[0].Answer, ideas[1].DeclineReason));
        Assert.Equal(0, await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Target != null && e.Target.StartsWith("suggestion:"))));
        Assert.Empty(await site.DeliverAllMailAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnEditorOfAnotherWijkCannotSeeOrTouchThisWijksIdeas(DatabaseKind kind)
    {
        using var site = SuggestionKit.Site(kind);
        await site.SendIdeaAsync(site.HttpsClient(), SuggestionKit.Idea("Idee voor Moerwijk"));
        var idea = Assert.Single(await site.IdeasAsync());
        var moerwijk = await site.WijkIdAsync("moerwijk");
        var (_, other, schilderswijk) = await site.EditorAsync("schilderswijk");

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(SuggestionPaths.Queue(moerwijk))).StatusCode);

        // Through their own wijk's queue, with Moerwijk's idea posted: not found, nothing changed.
        var ownQueue = await other.GetDocumentAsync(SuggestionPaths.Queue(schilderswijk));
        Assert.DoesNotContain("Idee voor Moerwijk", ownQueue.MainText());
        var post = await other.PostAsync(SuggestionPaths.Queue(schilderswijk) + "?handler=Publish", new FormUrlEncodedContent(
            [new("suggestionId", idea.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("__RequestVerificationToken", ownQueue.AntiforgeryToken())]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var merge = await other.PostAsync(SuggestionPaths.Queue(schilderswijk) + "?handler=Merge", new FormUrlEncodedContent(
            [new("suggestionId", "1"), new("mergeInto", idea.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("__RequestVerificationToken", ownQueue.AntiforgeryToken())]));
        var refusedMerge = await merge.ParseAsync(); // their own idea 1 cannot be merged into Moerwijk's: refused, nothing of it shown
        Assert.Contains("Kies een ander idee", refusedMerge.QuerySelector(".error-summary").Text());
        Assert.DoesNotContain("Idee voor Moerwijk", refusedMerge.MainText());
        Assert.Equal(SuggestionState.New, Assert.Single(await site.IdeasAsync()).State);

        // A professional has no wijk to moderate.
        var pro = await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["moerwijk/" + await site.WithDbAsync(db =>
            db.MeetingPlaces.Where(p => p.Wijk.Slug == "moerwijk").Select(p => p.Slug).FirstAsync())]);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await site.SignedInClientAsync(pro)).GetAsync(SuggestionPaths.Queue(moerwijk))).StatusCode);
    }

    [Fact]
    public async Task TheDashboardCountsNewIdeasInTheEditorsWijken()
    {
        using var site = SuggestionKit.Site();
        await site.SendIdeaAsync(site.HttpsClient(), SuggestionKit.Idea("Nieuw idee"));
        var (_, client, wijkId) = await site.EditorAsync();

        var dashboard = await client.GetDocumentAsync("/backoffice");

        var link = dashboard.QuerySelectorAll("a").Single(l => l.GetAttribute("href") == SuggestionPaths.Queue(wijkId));
        Assert.Equal("1 nieuw idee in Moerwijk", link.Text());
        Assert.Contains("Nieuw idee", (await client.GetDocumentAsync(SuggestionPaths.Queue(wijkId))).QuerySelector("#kop-new + ul").Text());
    }

    [Fact]
    public async Task EditorsWhoChoseTheDigestGetOneMailADayWithCountsAndNoPersonalData()
    {
        using var site = SuggestionKit.Site();
        var (editor, client, wijkId) = await site.EditorAsync();
        var (otherEditor, otherClient, otherWijk) = await site.EditorAsync("schilderswijk");
        foreach (var (c, w) in new[] { (client, wijkId), (otherClient, otherWijk) })
        {
            var queue = await c.GetDocumentAsync(SuggestionPaths.Queue(w));
            Assert.Equal(HttpStatusCode.Redirect, (await c.SubmitAsync(queue, SuggestionPaths.Queue(w), [], "form[action$='handler=Digest']")).StatusCode);
        }

        await site.SendIdeaAsync(site.HttpsClient(), SuggestionKit.Idea("Geheim idee met naam", name: "Sanne"));
        Assert.Equal(0, await site.WithJobsAsync(j => j.SendDigestsAsync(CancellationToken.None))); // before 07:00 the next day: nothing
        site.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(1, await site.WithJobsAsync(j => j.SendDigestsAsync(CancellationToken.None)));
        Assert.Equal(0, await site.WithJobsAsync(j => j.SendDigestsAsync(CancellationToken.None)));

        var mail = Assert.Single(await site.DeliverAllMailAsync());
        Assert.Equal(editor.Email, mail.To);
        Assert.Equal("1 nieuw idee van ouders over de visie", mail.Subject);
        Assert.Contains("Moerwijk: 1 nieuw idee", mail.Body);
        Assert.Contains("van uw wijk:", mail.Body);
        Assert.Contains(SuggestionPaths.Queue(wijkId), mail.Body);
        Assert.DoesNotContain("Sanne", mail.Body);
        Assert.DoesNotContain("Geheim", mail.Body);
        Assert.NotEqual(otherEditor.Email, mail.To);
    }
}
