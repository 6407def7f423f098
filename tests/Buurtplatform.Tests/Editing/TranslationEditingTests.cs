using System.Net;
using AngleSharp.Dom;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.Pages;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Editing;

/// <summary>
/// Staff translate a node in the backoffice next to its Dutch text: drafts and versions per language, publishing (the row the
/// public pages read), "verouderd" after the Dutch text changes and "Vertaling klopt nog", approval, preview and shared links.
/// </summary>
public sealed class TranslationEditingTests
{
    private const string ArabicTitle = "معسكر الرضّع";
    private const string ArabicSummary = "نتحرّك ونلعب مع طفلكم الرضيع.";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ADraftChangesNothingForParentsAndPublishingWritesTheTranslationWithAnAuditEntry(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = await site.SignedInClientAsync(await site.EditorAsync("moerwijk", "moerwijk@example.nl"));
        var id = await site.ActivityIdAsync("moerwijk", "babybootcamp");
        var url = EditingPaths.Translation(NodeKind.Activity, id, "ar");

        // The Dutch text beside an input in Arabic, right to left.
        var page = await client.GetDocumentAsync(url);
        var dutchSummary = await site.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Summary).SingleAsync());
        Assert.Contains(dutchSummary, Source(page, "f-summary"));
        Assert.Equal("nl", page.QuerySelector("#f-summary")!.Closest(".translation-row")!.QuerySelector(".translation-source")!.GetAttribute("lang"));
        var input = page.QuerySelector("#f-summary")!;
        Assert.Equal(("ar", "rtl"), (input.GetAttribute("lang"), input.GetAttribute("dir")));
        Assert.Equal(("ar", "rtl"), (page.QuerySelector("#f-title")!.GetAttribute("lang"), page.QuerySelector("#f-title")!.GetAttribute("dir")));
        Assert.Equal(["f-title", "f-summary", "f-costNote", "f-body"], page.QuerySelectorAll(".translation-target textarea, .translation-target input").Select(e => e.Id!));
        var dutchVersionsBefore = await site.VersionsAsync(NodeKind.Activity, id);
        const string arabicPage = "/ar/den-haag/moerwijk/activiteiten/babybootcamp";
        var parents = site.CreateClient();
        var before = await parents.GetDocumentAsync(arabicPage); // now in the output cache, so a publish must evict it
        Assert.Equal("Babybootcamp (cursus van zes weken)", before.QuerySelector("main h1").Text());
        Assert.Equal("nl", before.QuerySelector("main h1 [lang]")!.GetAttribute("lang"));

        // A draft: stored as a version of the Arabic translation only; parents still read Dutch.
        var saved = await SaveAsync(client, url, ("Velden[title]", ArabicTitle), ("Velden[summary]", ArabicSummary), ("VersionComment", "eerste vertaling"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = Assert.Single(await TranslationVersionsAsync(site, id, "ar"));
        Assert.Equal((1, VersionStatus.Draft, "eerste vertaling", ArabicTitle), (draft.Number, draft.Status, draft.Comment, draft.Title));
        Assert.Contains("source: ", draft.Text);
        Assert.Contains(ArabicSummary, draft.Text);
        Assert.Null(await RowAsync(site, id, "ar"));
        Assert.Equal(dutchVersionsBefore.Select(v => (v.Number, v.Status)), (await site.VersionsAsync(NodeKind.Activity, id)).Select(v => (v.Number, v.Status)));
        Assert.Equal(ArabicSummary, (await client.GetDocumentAsync(url)).QuerySelector("#f-summary").Text()); // the form holds the draft
        Assert.Equal("Babybootcamp (cursus van zes weken)", (await parents.GetDocumentAsync(arabicPage)).QuerySelector("main h1").Text());

        var node = await client.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id));
        Assert.Equal("concept", TranslationRow(node, "ar"));
        Assert.Equal("geen", TranslationRow(node, "tr"));
        Assert.Equal(url, node.QuerySelector("#vertalingen-tabel tr[data-culture=ar] a")!.GetAttribute("href"));

        // Published: the row parents read, with the Dutch text's hash of now; audited; the Dutch history untouched.
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(client, url, "Publish", ("Versie", "1"))).StatusCode);
        var row = await RowAsync(site, id, "ar");
        Assert.NotNull(row);
        Assert.Equal(new Dictionary<string, string> { ["title"] = ArabicTitle, ["summary"] = ArabicSummary }, row.Fields);
        Assert.Equal(await DutchHashAsync(site, id), row.SourceHash);
        Assert.Equal(site.Clock.GetUtcNow().UtcDateTime, row.UpdatedUtc);
        Assert.Equal(VersionStatus.Published, Assert.Single(await TranslationVersionsAsync(site, id, "ar")).Status);
        var audit = await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.Publish && e.Target == AuditTarget.Activity(id)).ToListAsync());
        Assert.Contains("translation ar", Assert.Single(audit).Detail);
        Assert.Equal("moerwijk@example.nl", audit[0].ActorName);
        Assert.Equal(dutchVersionsBefore.Select(v => (v.Number, v.Status)), (await site.VersionsAsync(NodeKind.Activity, id)).Select(v => (v.Number, v.Status)));
        Assert.Equal("gepubliceerd", TranslationRow(await client.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id)), "ar"));
        var published = await parents.GetDocumentAsync(arabicPage);
        Assert.Equal(ArabicTitle, published.QuerySelector("main h1").Text());
        Assert.Null(published.QuerySelector("main h1 [lang=nl]"));
        Assert.Contains(ArabicSummary, published.MainText());
        Assert.Equal("Babybootcamp (cursus van zes weken)", (await parents.GetDocumentAsync("/den-haag/moerwijk/activiteiten/babybootcamp")).QuerySelector("main h1").Text());
        var translations = await site.WithDbAsync(db => ContentTranslations.LoadAsync(db, "ar", [row.NodeKey]));
        Assert.Equal(ArabicSummary, (await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Id == id))) is { } a ? translations.Text(a, "summary").Value : "");

        // Offline again: the row goes (parents read Dutch), the version is the working draft again.
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(client, url, "Unpublish")).StatusCode);
        Assert.Null(await RowAsync(site, id, "ar"));
        Assert.Equal(VersionStatus.Draft, Assert.Single(await TranslationVersionsAsync(site, id, "ar")).Status);
        Assert.Equal("concept", TranslationRow(await client.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id)), "ar"));
        Assert.Equal("Babybootcamp (cursus van zes weken)", (await parents.GetDocumentAsync(arabicPage)).QuerySelector("main h1").Text());
    }

    [Fact]
    public async Task AfterTheDutchTextChangesTheTranslationIsVerouderdUntilSomeoneConfirmsItIsStillRight()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        var wijk = await site.WijkIdAsync("schilderswijk");
        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");
        var url = EditingPaths.Translation(NodeKind.Activity, id, "ar");

        // The seed's translation is current.
        Assert.Equal("gepubliceerd", TranslationRow(await client.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id)), "ar"));
        Assert.DoesNotContain("verouderd", ActivityItem(await client.GetDocumentAsync(BackofficePaths.Wijk(wijk)), id));
        var before = (await RowAsync(site, id, "ar"))!;

        // The Dutch summary changes and goes live: the Arabic, Turkish and English translations are stale.
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Summary", "Bewegen, spelen en zingen met uw baby.")]);
        await client.PublishNewestAsync(site, NodeKind.Activity, id);
        var node = await client.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id));
        Assert.Equal("verouderd", TranslationRow(node, "ar"));
        Assert.Equal("verouderd", TranslationRow(node, "tr"));
        Assert.Equal("geen", TranslationRow(node, "pl"));
        Assert.Contains("vertaling verouderd", ActivityItem(await client.GetDocumentAsync(BackofficePaths.Wijk(wijk)), id));
        Assert.Contains("vertaling verouderd", ActivityItem(await client.GetDocumentAsync(BackofficePaths.MeetingPlace(place)), id));
        const string arabicPage = "/ar/den-haag/schilderswijk/activiteiten/babybootcamp";
        Assert.NotNull((await client.GetDocumentAsync(arabicPage)).QuerySelector(".stale-translation")); // staff see it on the public page too
        var page = await client.GetDocumentAsync(url);
        Assert.Contains("Verouderd", page.QuerySelector(".stale-notice").Text());
        Assert.Contains("Bewegen, spelen en zingen met uw baby.", Source(page, "f-summary"));

        // "Vertaling klopt nog": the same text, the hash of now, a new published version, audited.
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(client, url, "Confirm")).StatusCode);
        var after = (await RowAsync(site, id, "ar"))!;
        Assert.Equal(before.Fields, after.Fields);
        Assert.NotEqual(before.SourceHash, after.SourceHash);
        Assert.Equal(await DutchHashAsync(site, id), after.SourceHash);
        var versions = await TranslationVersionsAsync(site, id, "ar");
        Assert.Equal([(1, VersionStatus.Archived, "import"), (2, VersionStatus.Published, "redacteur@example.nl")], versions.Select(v => (v.Number, v.Status, v.CreatedByName)));
        Assert.Contains($"source: {after.SourceHash}", versions[1].Text);
        Assert.Single(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.TranslationConfirmed && e.Target == AuditTarget.Activity(id)).ToListAsync()));
        node = await client.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id));
        Assert.Equal("gepubliceerd", TranslationRow(node, "ar"));
        Assert.Equal("verouderd", TranslationRow(node, "tr")); // only Arabic was confirmed
        Assert.Null((await client.GetDocumentAsync(url)).QuerySelector(".stale-notice"));
        Assert.Null((await client.GetDocumentAsync(arabicPage)).QuerySelector(".stale-translation"));

        // Dutch history: its own numbers, nothing of the translation in it.
        Assert.Equal([1, 2], (await site.VersionsAsync(NodeKind.Activity, id)).Select(v => v.Number));
        Assert.Equal(2, node.QuerySelectorAll("#versies-tabel tbody tr").Length);
    }

    [Fact]
    public async Task BadInputIsSaidInDutchNextToTheFieldAndNothingTypedIsLost()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync("moerwijk", "moerwijk@example.nl"));
        var id = await site.ActivityIdAsync("moerwijk", "babybootcamp");
        var url = EditingPaths.Translation(NodeKind.Activity, id, "tr");

        var empty = await SaveAsync(client, url, ("Velden[title]", "  "), ("Velden[body]", ""));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var (summary, fields) = Editors.Errors(await empty.ParseAsync());
        Assert.Equal("f-title", Assert.Single(summary).Target);
        Assert.Contains("Vul minstens één veld in", fields["f-title"]);

        var longTitle = new string('a', ContentLimits.MaxTitleChars + 1);
        var tooLong = await SaveAsync(client, url, ("Velden[title]", longTitle), ("Velden[summary]", "Bebek kampı"), ("Velden[body]", "Uzun metin."), ("VersionComment", "deneme"));
        var doc = await tooLong.ParseAsync();
        Assert.EndsWith("Dit is te lang: hoogstens 200 tekens, nu 201.", Editors.Errors(doc).Fields["f-title"]);
        Assert.Equal(longTitle, doc.QuerySelector("#f-title")!.GetAttribute("value"));
        Assert.Equal("Bebek kampı", doc.QuerySelector("#f-summary").Text());
        Assert.Equal("Uzun metin.", doc.QuerySelector("#f-body").Text());
        Assert.Equal("deneme", doc.QuerySelector("#f-comment").Text());
        Assert.Empty(await TranslationVersionsAsync(site, id, "tr"));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EditingPaths.Translation(NodeKind.Activity, id, "nl"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EditingPaths.Translation(NodeKind.Activity, id, "fr"))).StatusCode);
    }

    [Fact]
    public async Task AMeetingPlacesGroupedFieldsAreTranslatedAndPublishedUnderTheirDutchNames()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync("moerwijk", "moerwijk@example.nl"));
        var place = await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Wijk.Slug == "moerwijk").OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var url = EditingPaths.Translation(NodeKind.MeetingPlace, place, "en");
        var page = await client.GetDocumentAsync(url);
        Assert.Equal(["f-summary", "f-professional", "f-accessibility-notes", "f-directions-transit", "f-directions-parking", "f-body"],
            page.QuerySelectorAll(".translation-target textarea, .translation-target input").Select(e => e.Id!));
        Assert.Equal(("en", "ltr"), (page.QuerySelector("#f-directions-transit")!.GetAttribute("lang"), page.QuerySelector("#f-directions-transit")!.GetAttribute("dir")));

        await SaveAsync(client, url, ("Velden[accessibility.notes]", "Step-free entrance at the side."), ("Velden[directions.transit]", "Tram 16, stop Moerwijk."));
        await ActAsync(client, url, "Publish", ("Versie", "1"));
        var key = await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Id == place).Select(p => p.Key).SingleAsync());
        var row = await site.WithDbAsync(db => db.ContentTranslations.AsNoTracking().SingleAsync(t => t.NodeKey == key && t.Culture == "en"));
        Assert.Equal(new Dictionary<string, string> { ["accessibility.notes"] = "Step-free entrance at the side.", ["directions.transit"] = "Tram 16, stop Moerwijk." }, row.Fields);
        Assert.Equal((NodeKind.MeetingPlace, "gepubliceerd"), (row.Kind, TranslationRow(await client.GetDocumentAsync(EditingPaths.Node(NodeKind.MeetingPlace, place)), "en")));
    }

    [Fact]
    public async Task AProfessionalsNewTranslationWaitsForTheWijkEditorWhoSendsItBackAndThenApprovesIt()
    {
        using var site = new SiteFactory();
        var editor = await site.SignedInClientAsync(await site.EditorAsync());
        var pro = await site.SignedInClientAsync(await site.ProfessionalAsync());
        var wijk = await site.WijkIdAsync("schilderswijk");
        await editor.SubmitAsync(EditingPaths.ApprovalQueue(wijk), [new("NeedApproval", "true")], "form[action*='handler=Setting']");
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        var url = EditingPaths.Translation(NodeKind.Activity, id, "pl");

        await SaveAsync(pro, url, ("Velden[title]", "Obóz dla niemowląt"));
        var page = await pro.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("form[action*='handler=Publish']"));
        Assert.NotNull(page.QuerySelector("form[action*='handler=Submit']"));
        await ActAsync(pro, url, "Publish", ("Versie", "1"));
        Assert.Contains("goedkeurt", await FlashAsync(pro, url));
        Assert.Null(await RowAsync(site, id, "pl"));

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(pro, url, "Submit", ("Versie", "1"))).StatusCode);
        Assert.Equal("wacht op goedkeuring", TranslationRow(await editor.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id)), "pl"));
        Assert.Contains(await site.DeliverMailAsync(), m => m.To == "redacteur@example.nl");
        var queue = await editor.GetDocumentAsync(EditingPaths.ApprovalQueue(wijk));
        var item = queue.QuerySelector("#wachtrij tbody th")!;
        Assert.Contains("Obóz dla niemowląt", item.Text());
        Assert.Contains("vertaling in het Pools", item.Text());
        Assert.Equal(url, item.QuerySelector("a")!.GetAttribute("href"));

        // Sent back with a comment the professional reads; offered again; approved by the editor: live.
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(editor, url, "SendBack", ("Versie", "1"), ("Opmerking", "Graag ook de korte beschrijving."))).StatusCode);
        Assert.Contains("Graag ook de korte beschrijving.", (await pro.GetDocumentAsync(url)).QuerySelector(".review-comment").Text());
        await SaveAsync(pro, url, ("Velden[title]", "Obóz dla niemowląt"), ("Velden[summary]", "Ruch i zabawa z niemowlęciem."));
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(pro, url, "Submit", ("Versie", "2"))).StatusCode);
        await ActAsync(pro, url, "Approve", ("Versie", "2"));
        Assert.Contains("mag u hier niet", await FlashAsync(pro, url));
        Assert.Null(await RowAsync(site, id, "pl"));
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(editor, url, "Approve", ("Versie", "2"))).StatusCode);
        Assert.Equal("Ruch i zabawa z niemowlęciem.", (await RowAsync(site, id, "pl"))!.Fields["summary"]);
        var actions = await site.WithDbAsync(db => db.AuditLog.Where(e => e.Target == AuditTarget.Activity(id)).OrderBy(e => e.Id).Select(e => new { e.Action, e.Detail }).ToListAsync());
        Assert.Equal([AuditAction.SubmitForApproval, AuditAction.SendBack, AuditAction.SubmitForApproval, AuditAction.Publish], actions.Select(a => a.Action));
        Assert.All(actions, a => Assert.Contains("translation pl", a.Detail));
        Assert.Contains("approved", actions[^1].Detail);

        // Once live, the professional's changes to it need no approval; the place's own page is not theirs to translate.
        await SaveAsync(pro, url, ("Velden[title]", "Obóz dla maluszków"));
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(pro, url, "Publish", ("Versie", "3"))).StatusCode);
        Assert.Equal("Obóz dla maluszków", (await RowAsync(site, id, "pl"))!.Fields["title"]);
        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");
        Assert.Equal(HttpStatusCode.Forbidden, (await pro.GetAsync(EditingPaths.Translation(NodeKind.MeetingPlace, place, "ar"))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task VersionsPerLanguageDoNotMixWithTheDutchHistoryPlannedPublishingOrEachOther(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var editor = await site.EditorAsync();
        var client = await site.SignedInClientAsync(editor);
        var id = await site.ActivityIdAsync("schilderswijk", "koffieochtend");
        var ar = EditingPaths.Translation(NodeKind.Activity, id, "ar");
        var tr = EditingPaths.Translation(NodeKind.Activity, id, "tr");

        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Koffieochtend voor ouders")]);
        await SaveAsync(client, ar, ("Velden[title]", "صباح القهوة"));
        await SaveAsync(client, ar, ("Velden[title]", "صباح القهوة للأهل"));
        await SaveAsync(client, tr, ("Velden[title]", "Kahve sabahı"));

        // Each language numbers its own versions (the imported translation is version 1 of its language).
        Assert.Equal([(1, VersionStatus.Published), (2, VersionStatus.Draft)], (await site.VersionsAsync(NodeKind.Activity, id)).Select(v => (v.Number, v.Status)));
        Assert.Equal([(1, VersionStatus.Published), (2, VersionStatus.Archived), (3, VersionStatus.Draft)], (await TranslationVersionsAsync(site, id, "ar")).Select(v => (v.Number, v.Status)));
        Assert.Equal([(1, VersionStatus.Published), (2, VersionStatus.Draft)], (await TranslationVersionsAsync(site, id, "tr")).Select(v => (v.Number, v.Status)));
        var node = await client.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id));
        Assert.Equal(["2", "1"], node.QuerySelectorAll("#versies-tabel tbody th").Select(th => th.Text()));
        Assert.Contains("Nieuwste versie: 2 (concept)", node.QuerySelector(".status-panel").Text());
        Assert.Equal(["3", "2", "1"], (await client.GetDocumentAsync(ar)).QuerySelectorAll("#versies-tabel tbody th").Select(th => th.Text()));

        // Planned publishing puts the Dutch draft live, never a translation's.
        var plan = await client.SubmitAsync(EditingPaths.Node(NodeKind.Activity, id), [new("PublishDate", "2026-11-24"), new("PublishTime", "08:00")], "form[action*='handler=Schedule']");
        Assert.Equal(HttpStatusCode.Redirect, plan.StatusCode);
        site.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await site.RunPlannedPublishingAsync());
        Assert.Equal("Koffieochtend voor ouders", await site.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Title).SingleAsync()));
        Assert.Equal(VersionStatus.Draft, (await TranslationVersionsAsync(site, id, "ar"))[^1].Status);
        Assert.Equal("صباح القهوة للأهل", (await TranslationVersionsAsync(site, id, "ar"))[^1].Title);

        // Rolling Arabic back to version 1 makes Arabic version 4; Dutch and Turkish keep theirs.
        client = await site.SignedInClientAsync(editor); // two days later: a new session
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(client, ar, "Rollback", ("Versie", "1"))).StatusCode);
        var arabic = await TranslationVersionsAsync(site, id, "ar");
        Assert.Equal((4, VersionStatus.Draft, 1), (arabic[^1].Number, arabic[^1].Status, arabic[^1].RestoredFromNumber ?? 0));
        Assert.Equal(arabic[0].Text, arabic[^1].Text);
        Assert.Equal(2, (await TranslationVersionsAsync(site, id, "tr")).Count);
        Assert.Equal(2, (await site.VersionsAsync(NodeKind.Activity, id)).Count);
        Assert.Contains(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.Rollback).Select(e => e.Detail).ToListAsync()), d => d != null && d.Contains("translation ar", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATranslationDraftPreviewsOnThePublicPageInItsLanguageForStaffAndThroughASharedLink()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync("moerwijk", "moerwijk@example.nl"));
        var id = await site.ActivityIdAsync("moerwijk", "babybootcamp");
        var url = EditingPaths.Translation(NodeKind.Activity, id, "ar");

        var saved = await SaveAsync(client, url, ("Command", "save-preview"), ("Velden[title]", ArabicTitle), ("Velden[summary]", ArabicSummary));
        Assert.Equal(EditingPaths.TranslationPreview(NodeKind.Activity, id, "ar"), saved.Headers.Location!.OriginalString);
        var response = await client.GetAsync(saved.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var preview = await response.ParseAsync();
        Assert.Equal(("ar", "rtl"), (preview.DocumentElement.GetAttribute("lang"), preview.DocumentElement.GetAttribute("dir")));
        Assert.Contains(ArabicTitle, preview.Title);
        Assert.Equal(ArabicTitle, preview.QuerySelector("main h1").Text()); // the public page's own body, with the draft's fields
        Assert.Contains(ArabicSummary, preview.MainText());
        Assert.NotNull(preview.QuerySelector(".preview-banner"));
        Assert.Equal(url, preview.QuerySelector(".preview-banner a")!.GetAttribute("href"));
        Assert.Equal("noindex, nofollow", preview.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Null(await RowAsync(site, id, "ar"));

        // A link for someone without an account: the same page in Arabic; it stops when the draft is published.
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(client, url, "Share", ("Versie", "1"))).StatusCode);
        var link = new Uri((await client.GetDocumentAsync(url)).GetElementById("gedeelde-link")!.GetAttribute("value")!).PathAndQuery;
        var anonymous = site.CreateClient();
        var shared = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        var sharedDoc = await shared.ParseAsync();
        Assert.Equal("ar", sharedDoc.DocumentElement.GetAttribute("lang"));
        Assert.Contains(ArabicTitle, sharedDoc.Title);
        Assert.Equal(ArabicTitle, sharedDoc.QuerySelector("main h1").Text());
        Assert.Empty(sharedDoc.QuerySelectorAll("form[method=post]"));
        await ActAsync(client, url, "Publish", ("Versie", "1"));
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync(link)).StatusCode);

        // A Dutch preview of the same node stays Dutch.
        var dutch = await client.GetDocumentAsync(EditingPaths.Preview(NodeKind.Activity, id));
        Assert.Equal("nl", dutch.DocumentElement.GetAttribute("lang"));
        Assert.DoesNotContain(ArabicTitle, dutch.Title);

        // Without any version in a language, its preview says there is nothing to show yet.
        Assert.Contains("nog geen vertaling in het Pools", (await client.GetDocumentAsync(EditingPaths.TranslationPreview(NodeKind.Activity, id, "pl"))).QuerySelector("main h1").Text());
    }

    [Fact]
    public async Task TheTranslationPageIsValidHtmlWithAnArabicDraftAndWithErrors()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        var url = EditingPaths.Translation(NodeKind.Activity, id, "ar");
        await SaveAsync(client, url, ("Velden[title]", ArabicTitle), ("Velden[summary]", ArabicSummary));
        var draft = await client.GetStringAsync(url, TestContext.Current.CancellationToken);
        var errors = await (await SaveAsync(client, url, ("Velden[title]", new string('ب', 201)))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var node = await client.GetStringAsync(EditingPaths.Node(NodeKind.Activity, id), TestContext.Current.CancellationToken);
        var preview = await client.GetStringAsync(EditingPaths.TranslationPreview(NodeKind.Activity, id, "ar"), TestContext.Current.CancellationToken);
        Assert.Contains("Dit is te lang", errors);

        await NuChecker.AssertValidAsync([("translation page with an Arabic draft", draft), ("translation page with errors", errors), ("node page", node), ("translation preview", preview)]);
    }

    /// <summary>The translation form, filled as given, posted with "Opslaan als concept" unless a Command is given.</summary>
    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string url, params (string Name, string Value)[] values)
    {
        var pairs = values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)).ToList();
        if (!pairs.Exists(p => p.Key == "Command"))
            pairs.Add(new("Command", "save"));
        return client.SubmitAsync(url, pairs, "form#f-form");
    }

    /// <summary>Posts a button of the translation page with the page's own antiforgery token.</summary>
    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, string url, string handler, params (string Name, string Value)[] fields)
    {
        var page = await client.GetDocumentAsync(url);
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", page.AntiforgeryToken()) };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await client.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(form));
    }

    private static async Task<string> FlashAsync(HttpClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelector("main .notice[role=status]").Text();

    /// <summary>The node page's state of one language, e.g. "gepubliceerd" or "verouderd concept".</summary>
    private static string TranslationRow(IDocument node, string culture) =>
        node.QuerySelector($"#vertalingen-tabel tr[data-culture={culture}] td").Text();

    private static string ActivityItem(IDocument list, int id) =>
        list.QuerySelector($"main li > a[href='{EditingPaths.Node(NodeKind.Activity, id)}']")!.ParentElement.Text();

    /// <summary>The Dutch text shown beside an input.</summary>
    private static string Source(IDocument page, string inputId) =>
        page.GetElementById(inputId)!.Closest(".translation-row")!.QuerySelector(".translation-source").Text();

    private static Task<List<ContentVersion>> TranslationVersionsAsync(SiteFactory site, int id, string culture) => site.WithDbAsync(async db =>
    {
        var key = await db.Activities.Where(a => a.Id == id).Select(a => a.Key).SingleAsync();
        return await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == key && v.Culture == culture).OrderBy(v => v.Number).ToListAsync();
    });

    private static Task<ContentTranslation?> RowAsync(SiteFactory site, int id, string culture) => site.WithDbAsync(async db =>
    {
        var key = await db.Activities.Where(a => a.Id == id).Select(a => a.Key).SingleAsync();
        return await db.ContentTranslations.AsNoTracking().FirstOrDefaultAsync(t => t.NodeKey == key && t.Culture == culture);
    });

    private static Task<string> DutchHashAsync(SiteFactory site, int id) => site.WithDbAsync(async db =>
        TranslatableFields.For(NodeKind.Activity).SourceHash(await db.Activities.AsNoTracking().SingleAsync(a => a.Id == id)));
}
