using AngleSharp.Dom;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.SignUps;
using Buurtplatform.Web.Content.Translations;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Content;

/// <summary>
/// The pages that showed a node's Dutch text whatever the language, now in the parent's language: the sign-up form,
/// its confirmation and the personal link page; the vision's idea pages; the posters. What has no translation is
/// Dutch, marked <c>lang="nl"</c>.
/// </summary>
public sealed class ContentTranslationGapTests
{
    private static Task<ContentTranslation> TranslationAsync(SiteFactory site, Func<Buurtplatform.Web.Data.AppDbContext, IQueryable<Guid>> key, string culture) =>
        site.WithDbAsync(async db =>
        {
            var nodeKey = await key(db).SingleAsync();
            return await db.ContentTranslations.AsNoTracking().SingleAsync(t => t.Culture == culture && t.NodeKey == nodeKey);
        });

    private static IQueryable<Guid> Activity(Buurtplatform.Web.Data.AppDbContext db, string wijk, string slug) =>
        db.Activities.Where(a => a.Slug == slug && a.Wijk.Slug == wijk).Select(a => a.Key);

    /// <summary>Leaves <paramref name="field"/> out of a node's translation, so pages fall back to Dutch for it.</summary>
    private static Task WithoutAsync(SiteFactory site, Guid nodeKey, string culture, string field) => site.WithDbAsync(async db =>
    {
        var row = await db.ContentTranslations.SingleAsync(t => t.NodeKey == nodeKey && t.Culture == culture);
        row.Fields = row.Fields.Where(f => f.Key != field).ToDictionary(StringComparer.Ordinal);
        await db.SaveChangesAsync();
    });

    private static IElement Crumb(IDocument doc, string href) =>
        doc.QuerySelectorAll(".breadcrumbs a").Single(a => a.GetAttribute("href") == href);

    [Fact]
    public async Task TheSignUpFormItsConfirmationAndThePersonalLinkShowTheActivityInArabic()
    {
        using var site = SignUpKit.Site();
        var ar = await TranslationAsync(site, db => Activity(db, "schilderswijk", "babybootcamp"), "ar");
        var title = ar.Fields["title"];
        var client = site.HttpsClient();
        var activity = "/ar" + SignUpKit.Bootcamp;

        var form = await client.GetDocumentAsync(SignUpKit.Form(activity) + "?datum=2026-12-01");
        Assert.Contains(title, form.QuerySelector("main h1").Text());
        Assert.Null(form.QuerySelector("main h1 [lang]"));
        var crumb = Crumb(form, activity);
        Assert.Equal((title, null), (crumb.Text(), crumb.GetAttribute("lang")));
        Assert.Contains(title, form.Title);
        Assert.Empty(form.QuerySelectorAll("main .translation-note"));

        var done = await client.FollowAsync(await site.SignUpAsync(client, activity, SignUpKit.Parent("Noor", email: "noor@example.nl"), date: "2026-12-01"));
        Assert.Contains(title, done.QuerySelector("main .confirmation").Text());
        Assert.Equal(title, Crumb(done, activity).Text());
        Assert.Contains(activity, done.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
        var back = done.QuerySelectorAll("main a").Last(a => a.GetAttribute("href") == activity);
        Assert.True(back.Text().Contains(title, StringComparison.Ordinal), back.OuterHtml);

        var link = done.QuerySelector("a.personal-link")!.GetAttribute("href")!;
        Assert.StartsWith("/ar/mijn-aanmelding/", link);
        var mine = await client.GetDocumentAsync(link);
        Assert.Equal(title, mine.QuerySelector($"main dl a[href='{activity}']").Text());

        // Without a translated title: the Dutch one, marked as Dutch, and the note in Arabic once.
        await WithoutAsync(site, ar.NodeKey, "ar", "title");
        var dutch = await site.WithDbAsync(db => db.Activities.Where(a => a.Key == ar.NodeKey).Select(a => a.Title).SingleAsync());
        form = await client.GetDocumentAsync(SignUpKit.Form(activity) + "?datum=2026-12-01");
        var span = form.QuerySelector("main h1 span[lang]")!;
        Assert.Equal(("nl", "ltr", dutch), (span.GetAttribute("lang"), span.GetAttribute("dir"), span.Text()));
        crumb = Crumb(form, activity);
        Assert.Equal((dutch, "nl", "ltr"), (crumb.Text(), crumb.GetAttribute("lang"), crumb.GetAttribute("dir")));
        Assert.Single(form.QuerySelectorAll("main .translation-note"));
        mine = await client.GetDocumentAsync(link);
        Assert.Equal(("nl", dutch), (mine.QuerySelector($"main dl a[href='{activity}'] span")!.GetAttribute("lang"), mine.QuerySelector($"main dl a[href='{activity}']").Text()));

        // In Dutch nothing changes.
        var nl = await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Bootcamp) + "?datum=2026-12-01");
        Assert.Contains(dutch, nl.QuerySelector("main h1").Text());
        Assert.Empty(nl.QuerySelectorAll("main [lang], .breadcrumbs [lang]"));
    }

    [Fact]
    public async Task TheIdeaFormAndItsThankYouPageNameTheVisionAndItsSectionsInArabic()
    {
        using var site = Buurtplatform.Tests.Vision.SuggestionKit.Site();
        var ar = await TranslationAsync(site, db => db.Visions.Where(v => v.Wijk.Slug == "schilderswijk").Select(v => v.Key), "ar");
        var (intro, sections) = Buurtplatform.Web.Vision.VisionMarkdown.Split(ar.Fields["body"]);
        const string vision = "/ar/den-haag/schilderswijk/visie";
        var client = site.HttpsClient();

        var form = await client.GetDocumentAsync(vision + "/reageren?deel=2");
        var crumb = Crumb(form, vision);
        Assert.Equal((ar.Fields["title"], null), (crumb.Text(), crumb.GetAttribute("lang")));
        var options = form.QuerySelectorAll("select#deel option").Skip(1).ToList();
        Assert.Equal(sections.Select(x => x.Heading), options.Select(o => o.Text()));
        Assert.All(options, o => Assert.Null(o.GetAttribute("lang")));
        Assert.Equal("2", form.QuerySelector("select#deel option[selected]")!.GetAttribute("value"));

        // Sent with an e-mail address: the thank-you page and the personal link page name the vision (and the section) in Arabic.
        var values = Buurtplatform.Tests.Vision.SuggestionKit.Idea("فكرة جيدة للأهل.", email: "salma@example.nl", language: "ar");
        site.Clock.Advance(TimeSpan.FromSeconds(10));
        var done = await client.FollowAsync(await client.SubmitAsync(form, vision + "/reageren", values, "form.suggestion-form"));
        Assert.Equal(ar.Fields["title"], Crumb(done, vision).Text());
        Assert.Contains(done.QuerySelectorAll("main a"), a => a.GetAttribute("href") == vision && a.Text().Contains(ar.Fields["title"], StringComparison.Ordinal));
        var link = new Uri(done.QuerySelector(".personal-link a")!.GetAttribute("href")!).PathAndQuery;
        var mine = await client.GetDocumentAsync(link);
        var facts = mine.QuerySelectorAll("main dl.facts-list dd").ToList();
        Assert.Equal(ar.Fields["title"], facts[0].Text());
        Assert.Equal(sections[1].Heading, facts[1].Text().Trim());

        // A title and a section that the translation lacks: Dutch, marked.
        await site.WithDbAsync(async db =>
        {
            var row = await db.ContentTranslations.SingleAsync(t => t.NodeKey == ar.NodeKey && t.Culture == "ar");
            row.Fields = row.Fields.Where(f => f.Key != "title").ToDictionary(StringComparer.Ordinal);
            row.Fields["body"] = Buurtplatform.Web.Vision.VisionMarkdown.Join(intro, sections.Take(1).ToList());
            await db.SaveChangesAsync();
        });
        var dutch = await site.WithDbAsync(db => db.Visions.AsNoTracking().SingleAsync(v => v.Key == ar.NodeKey));
        form = await client.GetDocumentAsync(vision + "/reageren");
        crumb = Crumb(form, vision);
        Assert.Equal((dutch.Title, "nl", "ltr"), (crumb.Text(), crumb.GetAttribute("lang"), crumb.GetAttribute("dir")));
        options = form.QuerySelectorAll("select#deel option").Skip(1).ToList();
        Assert.Equal((sections[0].Heading, null), (options[0].Text(), options[0].GetAttribute("lang")));
        Assert.Equal((dutch.Sections[1].Heading, "nl"), (options[1].Text(), options[1].GetAttribute("lang")));
        mine = await client.GetDocumentAsync(link);
        facts = mine.QuerySelectorAll("main dl.facts-list dd").ToList();
        Assert.Equal(("nl", dutch.Title), (facts[0].QuerySelector("[lang]")!.GetAttribute("lang"), facts[0].Text()));
        Assert.Equal(("nl", dutch.Sections[1].Heading), (facts[1].QuerySelector("[lang]")!.GetAttribute("lang"), facts[1].Text().Trim()));
        Assert.Single(mine.QuerySelectorAll("main .translation-note"));

        // In Dutch: the Dutch headings, nothing marked.
        var nl = await client.GetDocumentAsync("/den-haag/schilderswijk/visie/reageren");
        Assert.Equal(dutch.Sections.Select(x => x.Heading), nl.QuerySelectorAll("select#deel option").Skip(1).Select(o => o.Text()));
        Assert.Empty(nl.QuerySelectorAll("main [lang], .breadcrumbs [lang]"));
    }

    [Fact]
    public async Task ThePostersOfAWijkAndAPlaceShowTheActivitiesInArabicAndDutchWhereNotTranslated()
    {
        using var site = new SiteFactory();
        var arabic = await site.WithDbAsync(db => db.ContentTranslations.AsNoTracking()
            .Where(t => t.Culture == "ar" && db.Activities.Any(a => a.Key == t.NodeKey && a.Wijk.Slug == "schilderswijk")).ToListAsync());
        var koffie = await TranslationAsync(site, db => Activity(db, "schilderswijk", "koffieochtend"), "ar");
        await WithoutAsync(site, koffie.NodeKey, "ar", "title");
        var dutch = await site.WithDbAsync(db => db.Activities.Where(a => a.Key == koffie.NodeKey).Select(a => a.Title).SingleAsync());
        var client = site.CreateClient();

        foreach (var path in new[] { "/ar/den-haag/schilderswijk/poster", "/ar/den-haag/schilderswijk/ontmoetingsplekken/clubhuis/poster" })
        {
            var poster = await client.GetDocumentAsync(path);
            Assert.Equal("ar", poster.DocumentElement.GetAttribute("lang"));
            var headings = poster.QuerySelectorAll("ol.items > li h2").ToList();
            Assert.True(headings.Count >= 2, path);
            // Koffieochtend (Wednesdays at the clubhuis) has lost its Arabic title: Dutch, marked; the others are Arabic.
            var koffieHeading = Assert.Single(headings, h => h.Text() == dutch);
            Assert.Equal(("nl", "ltr"), (koffieHeading.QuerySelector("span")!.GetAttribute("lang"), koffieHeading.QuerySelector("span")!.GetAttribute("dir")));
            foreach (var h in headings.Where(h => h != koffieHeading))
            {
                var title = Assert.Single(arabic, t => t.Fields.GetValueOrDefault("title") == h.Text()).Fields["title"];
                Assert.Null(h.QuerySelector("[lang]"));
                Assert.Contains(title, h.Closest("li")!.QuerySelector("svg.qr")!.GetAttribute("aria-label"), StringComparison.Ordinal);
            }
        }

        // In Dutch: the Dutch titles, unmarked.
        var nl = await client.GetDocumentAsync("/den-haag/schilderswijk/poster");
        Assert.Contains(nl.QuerySelectorAll("ol.items > li h2"), h => h.Text() == dutch);
        Assert.Empty(nl.QuerySelectorAll("ol.items [lang]"));
    }
}
