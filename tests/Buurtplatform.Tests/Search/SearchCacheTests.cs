using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Data;
using Buurtplatform.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Search;

/// <summary>
/// The engine's answers are kept per index version (SearchIndexSnapshotCache): paging or ticking a facet
/// reuses them, and any index write, by this app instance or another one on the same database, makes
/// the next search ask the engine again.
/// </summary>
public sealed class SearchCacheTests
{
    private const string VoorleesHref = "/den-haag/laakkwartier-spoorwijk/activiteiten/voorleesochtend";

    private static async Task<List<string>> HrefsAsync(HttpClient client, string query) =>
        SearchTests.Hrefs(await SearchTests.SearchAsync(client, query));

    /// <summary>Each result as link and title (partners of one wijk share a link: their wijk page's partner list).</summary>
    private static async Task<List<string>> ResultsAsync(HttpClient client, string query) =>
        (await SearchTests.SearchAsync(client, query)).QuerySelectorAll("ol.results > li h3 a")
            .Select(a => a.GetAttribute("href") + " " + a.TextContent.Trim()).ToList();

    private static Task<int> TotalAsync(SiteFactory site, string text, int matchCacheMegabytes, SearchIndexSnapshotCache? cache = null) => site.WithDbAsync(async db =>
    {
        var calendar = new ActivityCalendar(site.Clock, db);
        var snapshots = cache ?? (matchCacheMegabytes == SearchOptions.DefaultMatchCacheMegabytes
            ? site.Services.GetRequiredService<SearchIndexSnapshotCache>()
            : new SearchIndexSnapshotCache(matchCacheMegabytes));
        var search = new SearchService(db, calendar, Microsoft.Extensions.Options.Options.Create(new SearchOptions()), snapshots);
        return (await search.SearchAsync(new SearchQuery { Text = text }, null, CancellationToken.None)).Total;
    });

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task APublishOnAnotherAppInstanceIsFoundAtTheNextSearchHere(DatabaseKind kind)
    {
        using var first = new SiteFactory(kind);
        var here = first.CreateClient();
        Assert.DoesNotContain(VoorleesHref, await HrefsAsync(here, "?q=trommelen"));
        Assert.DoesNotContain(VoorleesHref, await HrefsAsync(here, "?q=trommelen&gemeente=den-haag")); // the cached answer, another facet

        using (var second = first.SecondInstance())
        {
            // The other instance publishes a change (content and index in one transaction, the index version raised).
            await second.WithDbAsync(async db =>
            {
                var a = await db.Activities.SingleAsync(x => x.Slug == "voorleesochtend");
                a.Body += "\n\nDaarna gaan we samen trommelen.";
                await db.SaveChangesAsync();
            });
            Assert.Contains(VoorleesHref, await HrefsAsync(second.CreateClient(), "?q=trommelen"));
        }

        // This instance never heard of it, yet its next search reads the new version and asks the engine again.
        Assert.Contains(VoorleesHref, await HrefsAsync(here, "?q=trommelen"));
        Assert.Contains(VoorleesHref, await HrefsAsync(here, "?q=trommelen&gemeente=den-haag"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnAnswerIsReusedWithinOneIndexVersionAndOnlyThere(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var before = await TotalAsync(site, "zingen", SearchOptions.DefaultMatchCacheMegabytes);
        Assert.True(before > 1);

        // Remove one matching index row behind the indexer's back: the full-text index follows (trigger or
        // generated column) but the index version is NOT raised, as no real write would ever do.
        await site.WithDbAsync(async db =>
        {
            var id = await db.SearchDocuments.Where(d => d.Url == "/den-haag/schilderswijk/activiteiten/samen-zingen").Select(d => d.Id).SingleAsync();
            await db.SearchDocuments.Where(d => d.Id == id).ExecuteDeleteAsync();
        });

        // With the cache, the same words within the same version are answered from memory (proof that it is used);
        // without it, the engine is asked and no longer has the row.
        Assert.Equal(before, await TotalAsync(site, "zingen", SearchOptions.DefaultMatchCacheMegabytes));
        Assert.Equal(before - 1, await TotalAsync(site, "zingen", matchCacheMegabytes: 0));

        // Any index write raises the version: the cached answer is checked again (here: the row count shows a
        // row went, so the ids are compared and the answer brought up to date).
        await site.WithDbAsync(db => db.SearchIndexState.ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1)));
        Assert.Equal(before - 1, await TotalAsync(site, "zingen", SearchOptions.DefaultMatchCacheMegabytes));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task APublishCarriesTheAnswersOverAndChecksOnlyTheRowsItWrote(DatabaseKind kind)
    {
        // The engine's answers (Search:InMemoryIndex off; with it on, InMemoryIndexTests has the same test for the in-memory index).
        using var site = new SiteFactory(kind);
        var engine = new SearchIndexSnapshotCache(SearchOptions.DefaultMatchCacheMegabytes, inMemoryIndex: false);
        var before = await TotalAsync(site, "zingen", SearchOptions.DefaultMatchCacheMegabytes, engine);

        // Behind the indexer's back (no new version, no stamp): one matching row loses the word. No real write
        // does this; here it shows which rows a carried answer is checked for.
        await site.WithDbAsync(db => db.SearchDocuments.Where(d => d.Url == "/den-haag/schilderswijk/activiteiten/samen-zingen")
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.TitleText, "x").SetProperty(d => d.BodyText, "x")));

        // A real publish of something else: a new version, one row stamped with it.
        await site.WithDbAsync(async db =>
        {
            (await db.Activities.SingleAsync(a => a.Slug == "voorleesochtend")).Summary += " Met koffie.";
            await db.SaveChangesAsync();
        });

        // PostgreSQL: the carried answer was checked for the published row only, so it still has the row changed
        // behind the back: proof that it was carried over and not asked anew. SQLite: for an answer this small a
        // full MATCH is cheaper than one per changed row (SqliteSearchEngine.PatchIsCheaper), so it is asked anew
        // and sees the change. A fresh search never finds that row.
        var patched = kind == DatabaseKind.Postgres;
        Assert.Equal(patched ? before : before - 1, await TotalAsync(site, "zingen", SearchOptions.DefaultMatchCacheMegabytes, engine));
        Assert.Equal(before - 1, await TotalAsync(site, "zingen", 0, new SearchIndexSnapshotCache(0, inMemoryIndex: false)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheEngineAskedAboutSomeRowsAnswersExactlyItsFullAnswerLimitedToThem(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        await site.WithDbAsync(async db =>
        {
            var search = new SearchService(db, new ActivityCalendar(site.Clock, db), Microsoft.Extensions.Options.Options.Create(new SearchOptions()));
            var all = await db.SearchDocuments.Select(d => d.Id).OrderBy(id => id).ToListAsync();
            var among = all.Where((_, i) => i % 3 == 0).Append(int.MaxValue).ToHashSet(); // a third, and an id that does not exist
            foreach (var text in new[] { "zingen peuter", "peuter", "babyboot", "koffie ouders", "xyzzy" })
            {
                var (plan, _, _) = await search.PlanAsync(text, CancellationToken.None);
                var full = await db.SearchEngine.MatchAsync(db, plan, among: null, CancellationToken.None);
                var some = await db.SearchEngine.MatchAsync(db, plan, among, CancellationToken.None);
                Assert.Equal(full.Ids.Where(among.Contains).Order(), some.Ids.Order());
                for (var g = 0; g < plan.Groups.Count; g++)
                    Assert.Equal(full.TitleIds[g].Where(among.Contains).Order(), some.TitleIds[g].Order());
                if (text != "xyzzy")
                    Assert.NotEmpty(some.Ids);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task PagingThroughEveryPageGivesEveryResultOnceInRankOrder(DatabaseKind kind)
    {
        // Pages of five, so the first pages are picked by the bounded selection, not by sorting every match.
        using var site = new SiteFactory(kind);
        site.Settings["Search:PageSize"] = "5";
        var client = site.CreateClient();
        var total = await TotalAsync(site, "peuter", SearchOptions.DefaultMatchCacheMegabytes);
        Assert.InRange(total, 21, 200); // more than four pages: the first pages are picked by the bounded heap

        var seen = new List<string>();
        for (var page = 1; page <= (total + 4) / 5; page++)
            seen.AddRange(await ResultsAsync(client, $"?q=peuter&pagina={page}"));
        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());

        // The same order as the whole list ranked at once: page size 200 shows every result on one page.
        using var onePage = new SiteFactory(kind);
        onePage.Settings["Search:PageSize"] = "200";
        Assert.Equal(seen, await ResultsAsync(onePage.CreateClient(), "?q=peuter"));
    }

    /// <summary>Everything a search answers, as text: total, every hit in order, every facet count.</summary>
    private static string Describe(SearchResults r) =>
        $"{r.Total} | " + string.Join(", ", r.Hits.Select(h => h.Url + " " + h.Title)) + " | "
        + string.Join(", ", r.Facets.Places.SelectMany(p => p.Wijken.Prepend(p.Gemeente)).Select(v => $"{v.Value}={v.Count}")) + " | "
        + string.Join(", ", r.Facets.Types.Select(t => $"{t.Value.Value}={t.Value.Count}")) + " | "
        + string.Join(", ", r.Facets.Ages.Select(t => $"{t.Value.Value}={t.Value.Count}")) + " | "
        + string.Join(", ", r.Facets.Days.Select(t => $"{t.Value.Value}={t.Value.Count}")) + " | free=" + r.Facets.Free.Count;

    /// <summary>Both providers, each with the in-memory index (the default) and with the engine answering.</summary>
    public static TheoryData<DatabaseKind, bool> BothWithAndWithoutTheInMemoryIndex => new()
    {
        { DatabaseKind.Sqlite, true }, { DatabaseKind.Sqlite, false }, { DatabaseKind.Postgres, true }, { DatabaseKind.Postgres, false },
    };

    [Theory]
    [MemberData(nameof(BothWithAndWithoutTheInMemoryIndex))]
    public async Task AfterEveryKindOfChangeTheCarriedOverAnswersEqualAFreshSearch(DatabaseKind kind, bool inMemoryIndex)
    {
        using var site = new SiteFactory(kind);
        site.Settings["Search:InMemoryIndex"] = inMemoryIndex ? "true" : "false";
        var snapshots = site.Services.GetRequiredService<SearchIndexSnapshotCache>();
        Assert.Equal(inMemoryIndex, snapshots.InMemoryIndex);
        SearchQuery[] queries =
        [
            new() { Text = "zingen" }, new() { Text = "peuter" }, new() { Text = "peuter", Gemeenten = ["den-haag"] },
            new() { Text = "koffie" }, new() { Text = "trommelen" }, new() { Text = "babyboot" }, new() { Text = "voorlezen", FreeOnly = true },
        ];

        async Task<List<string>> AllAsync(SearchIndexSnapshotCache cache) => await site.WithDbAsync(async db =>
        {
            var search = new SearchService(db, new ActivityCalendar(site.Clock, db), Microsoft.Extensions.Options.Options.Create(new SearchOptions()), cache);
            var answers = new List<string>();
            foreach (var q in queries)
                answers.Add(Describe(await search.SearchAsync(q, null, CancellationToken.None)));
            return answers;
        });

        async Task AssertSameAsFreshAsync(string after)
        {
            var warm = await AllAsync(snapshots); // the app's cache: snapshot and answers carried over
            var fresh = await AllAsync(new SearchIndexSnapshotCache(0, inMemoryIndex)); // everything read anew
            for (var i = 0; i < queries.Length; i++)
                Assert.True(fresh[i] == warm[i], $"after {after}, \"{queries[i].Text}\":\nfresh {fresh[i]}\nwarm  {warm[i]}");
        }

        Task ChangeAsync(Func<AppDbContext, Task> change) => site.WithDbAsync(async db =>
        {
            await change(db);
            await db.SaveChangesAsync();
        });

        await AssertSameAsFreshAsync("nothing");

        // A text edit that adds a word.
        await ChangeAsync(async db => (await db.Activities.SingleAsync(a => a.Slug == "voorleesochtend")).Body += "\n\nDaarna trommelen we.");
        await AssertSameAsFreshAsync("an edit that adds a word");

        // A text edit that takes the words away, and a facet field changed (free, type).
        await ChangeAsync(async db =>
        {
            var a = await db.Activities.Include(x => x.Wijk).SingleAsync(x => x.Slug == "samen-zingen" && x.Wijk.Slug == "schilderswijk");
            a.Title = "Samen muziek maken";
            a.Summary = "Muziek voor ouders met kleintjes.";
            a.Body = "Met trommels en rammelaars.";
            a.IsFree = !a.IsFree;
            a.Type = ActivityType.Bewegen;
        });
        await AssertSameAsFreshAsync("an edit that removes words and changes facets");

        // An unpublish (the index row goes) and a publish of a draft (a new index row).
        await ChangeAsync(async db => (await db.Activities.FirstAsync(a => a.Slug == "koffieochtend" && a.State == PublishState.Published)).State = PublishState.Draft);
        await ChangeAsync(async db => (await db.Activities.FirstAsync(a => a.State == PublishState.Draft && a.Slug != "koffieochtend")).State = PublishState.Published);
        await AssertSameAsFreshAsync("an unpublish and a publish");

        // A whole wijk offline: every row below it goes at once.
        await ChangeAsync(async db => (await db.Wijken.SingleAsync(w => w.Slug == "moerwijk")).State = PublishState.Draft);
        await AssertSameAsFreshAsync("a wijk taken offline");

        // The operator's rebuild: every row written again.
        await site.WithDbAsync(db => SearchIndexer.RebuildAsync(db, CancellationToken.None));
        await AssertSameAsFreshAsync("a rebuild");
    }
}
