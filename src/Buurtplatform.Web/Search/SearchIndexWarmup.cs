using System.Diagnostics;

namespace Buurtplatform.Web.Search;

/// <summary>
/// Builds the search snapshot (<see cref="SearchIndexSnapshotCache.WarmAsync"/>) in the background as the app starts
/// (after the migrations, which run before the host starts), so the first search does not pay for the build
/// (<see cref="SearchOptions.WarmOnStart"/>, default on). The start does not wait for it; a failure is logged and left to
/// the first search, which then builds the snapshot itself.
/// </summary>
internal sealed partial class SearchIndexWarmup(
    IServiceScopeFactory scopes, SearchIndexSnapshotCache snapshots, IOptions<SearchOptions> options, ILogger<SearchIndexWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmOnStart)
            return;
        await Task.Yield(); // never on the start's own thread
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await snapshots.WarmAsync(db, stoppingToken) is { } built)
                Built(logger, built.Count, built.Version, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app stops during the build.
        }
        catch (Exception e)
        {
            Failed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search snapshot built at start: {Count} index rows of version {Version} in {Milliseconds} ms.")]
    private static partial void Built(ILogger logger, int count, long version, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search snapshot not built at start; the first search builds it.")]
    private static partial void Failed(ILogger logger, Exception exception);
}
