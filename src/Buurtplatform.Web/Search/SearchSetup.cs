namespace Buurtplatform.Web.Search;

public static class SearchSetup
{
    /// <summary>Search options (validated on start) and the search service. The engine comes with the DbContext's provider.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SearchOptions>().Bind(config.GetSection(SearchOptions.Section))
            .Validate(SearchOptions.IsValid, "Search: MaxQueryLength 20-2000, MaxWords 1-32, MinPrefixLength ≥ 1, MinTypoLength ≥ 3, PageSize 5-200, SnippetWords 5-200, MatchCacheMegabytes 0-4096.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchOptions>>().Value;
            return new SearchIndexSnapshotCache(options.MatchCacheMegabytes, options.InMemoryIndex);
        });
        services.AddSingleton<TranslationIndexCache>();
        services.AddHostedService<SearchIndexWarmup>(); // builds the snapshot as the app starts (Search:WarmOnStart)
        services.AddScoped<SearchService>();
        return services;
    }

    /// <summary>
    /// Runs <c>reindex</c> instead of the site: rebuilds the search index from the content in one
    /// transaction (the index is kept up to date on every save; this is for operators who want to be sure).
    /// Returns the exit code, or null when the command is not <c>reindex</c>.
    /// </summary>
    public static async Task<int?> RunSearchCommandAsync(this WebApplication app, string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal));
        if (command != "reindex")
            return null;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DatabaseLocks.MigrateAsync(db);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var count = await SearchIndexer.RebuildAsync(db, CancellationToken.None);
        Console.WriteLine($"Search index rebuilt: {count} documents in {started.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }
}
