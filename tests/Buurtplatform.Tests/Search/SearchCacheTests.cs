using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
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

    private static Task<int> TotalAsync(SiteFactory site, string text, int matchCacheMegabytes) => site.WithDbAsync(async db =>
    {
        var calendar = new ActivityCalendar(site.Clock, db);
        var snapshots = matchCacheMegabytes == SearchOptions.DefaultMatchCacheMegabytes
            ? site.Services.GetRequiredService<SearchIndexSnapshotCache>()
            : new SearchIndexSnapshotCache(matchCacheMegabytes);
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

        // Any index write raises the version: the cached answer is gone and the engine's is used.
        await site.WithDbAsync(db => db.SearchIndexState.ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1)));
        Assert.Equal(before - 1, await TotalAsync(site, "zingen", SearchOptions.DefaultMatchCacheMegabytes));
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
        Assert.InRange(total, 11, 200);

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
}
