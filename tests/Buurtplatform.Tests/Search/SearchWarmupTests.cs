using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurtplatform.Tests.Search;

/// <summary>
/// Each app instance builds its search snapshot (facet fields and in-memory index) in the background as it starts
/// (Search:WarmOnStart, default on), so the first search does not pay for it; searches meanwhile get the same results.
/// </summary>
public sealed class SearchWarmupTests
{
    private static async Task<long?> KeptVersionWithinAsync(SearchIndexSnapshotCache cache, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (cache.KeptVersion is null && DateTime.UtcNow < until)
            await Task.Delay(20);
        return cache.KeptVersion;
    }

    private static Task<string> SearchAsync(SiteFactory site, SearchIndexSnapshotCache cache, string text) => site.WithDbAsync(async db =>
    {
        var search = new SearchService(db, new ActivityCalendar(site.Clock, db), Microsoft.Extensions.Options.Options.Create(new SearchOptions()), cache);
        var r = await search.SearchAsync(new SearchQuery { Text = text }, null, CancellationToken.None);
        return $"{r.Total} | " + string.Join(", ", r.Hits.Select(h => h.Url)) + " | "
            + string.Join(", ", r.Facets.Types.Select(t => $"{t.Value.Value}={t.Value.Count}")) + " | free=" + r.Facets.Free.Count;
    });

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheSnapshotIsBuiltAtStartWithoutASearch(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var cache = site.Services.GetRequiredService<SearchIndexSnapshotCache>(); // starts the host; nobody searches

        var kept = await KeptVersionWithinAsync(cache, TimeSpan.FromSeconds(60));

        Assert.NotNull(kept);
        Assert.Equal(await site.WithDbAsync(db => SearchIndexState.ReadAsync(db, CancellationToken.None)), kept);
        Assert.Contains(site.Logs.Entries, e => e.Level == LogLevel.Information && e.Category == typeof(SearchIndexWarmup).FullName
            && e.Message.StartsWith("Search snapshot built at start", StringComparison.Ordinal));
        // The results from the snapshot built at start are those of a snapshot read anew.
        foreach (var text in new[] { "zingen", "peuter", "koffie" })
            Assert.Equal(await SearchAsync(site, new SearchIndexSnapshotCache(0), text), await SearchAsync(site, cache, text));
    }

    [Fact]
    public async Task WithWarmOnStartOffTheFirstSearchBuildsTheSnapshot()
    {
        using var site = new SiteFactory();
        site.Settings["Search:WarmOnStart"] = "false";
        var cache = site.Services.GetRequiredService<SearchIndexSnapshotCache>();

        Assert.Null(await KeptVersionWithinAsync(cache, TimeSpan.FromSeconds(1)));
        Assert.DoesNotContain(site.Logs.Entries, e => e.Category == typeof(SearchIndexWarmup).FullName);

        await SearchAsync(site, cache, "zingen");
        Assert.NotNull(cache.KeptVersion);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task SearchesDuringTheBuildWaitForItAndGetTheSameResults(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        site.Settings["Search:WarmOnStart"] = "false"; // the build below is this test's own
        _ = site.Services;
        var cache = new SearchIndexSnapshotCache();
        var expected = await SearchAsync(site, new SearchIndexSnapshotCache(0), "peuter");

        var warming = site.WithDbAsync(db => cache.WarmAsync(db, CancellationToken.None));
        var searches = Enumerable.Range(0, 4).Select(_ => SearchAsync(site, cache, "peuter")).ToList();

        Assert.NotNull(await warming);
        Assert.All(await Task.WhenAll(searches), got => Assert.Equal(expected, got));
        Assert.Null(await site.WithDbAsync(db => cache.WarmAsync(db, CancellationToken.None))); // only the first call builds
        Assert.Equal(await site.WithDbAsync(db => SearchIndexState.ReadAsync(db, CancellationToken.None)), cache.KeptVersion);
    }
}
