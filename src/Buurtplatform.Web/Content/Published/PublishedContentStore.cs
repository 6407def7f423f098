namespace Buurtplatform.Web.Content.Published;

/// <summary>
/// Holds this node's <see cref="PublishedContent"/> and replaces it when the content changes (one per node: a
/// singleton). Every change raises a generation number (<see cref="Invalidate"/>): the output cache's evictions do
/// it (<see cref="Infrastructure.Caching.CacheCoherence"/>, so a change made on any node, heard through
/// <c>LISTEN</c> or found by the version check, reaches the snapshot exactly as it reaches the cached pages), and so
/// does every content row this node's <see cref="AppDbContext"/> commits (<see cref="PublishedContentInterceptor"/>).
/// The next request after a change waits for a new snapshot, built once however many requests wait for it, so it
/// shows the change; a build that started before the change is never taken for one that includes it.
/// </summary>
/// <remarks>
/// When a rebuild fails (the database went away), requests are served from the last snapshot and the failure is
/// logged; the next request tries again. Only the very first build's failure reaches the request.
/// </remarks>
public sealed class PublishedContentStore(IServiceScopeFactory scopes, ILogger<PublishedContentStore> logger)
{
    private readonly Lock _lock = new();
    private long _generation;
    private PublishedContent? _current;
    private Task<PublishedContent>? _building;
    private long _buildingFor = -1;
    private int _failing;

    /// <summary>The generation the next snapshot must reach: raised by every change.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The newest snapshot built so far, current or not (null before the first build).</summary>
    public PublishedContent? Latest => Volatile.Read(ref _current);

    /// <summary>How many snapshots were built (for tests and the health page: a change costs one).</summary>
    public int Builds { get; private set; }

    /// <summary>The content changed: the next <see cref="GetAsync"/> builds a new snapshot. Call after the change is committed.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>A snapshot that includes every change announced before this call.</summary>
    public async ValueTask<PublishedContent> GetAsync(CancellationToken ct)
    {
        var wanted = Interlocked.Read(ref _generation);
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Generation >= wanted)
            return current;

        while (true)
        {
            Task<PublishedContent> build;
            lock (_lock)
            {
                if (_building is null || _buildingFor < wanted)
                {
                    _buildingFor = Interlocked.Read(ref _generation); // read before the database is
                    _building = BuildAsync(_buildingFor);
                }

                build = _building;
            }

            try
            {
                var built = await build.WaitAsync(ct);
                if (built.Generation >= wanted)
                    return built;
            }
            catch (Exception e) when (e is not OperationCanceledException && Volatile.Read(ref _current) is { } stale)
            {
                if (Interlocked.Exchange(ref _failing, 1) == 0)
                    logger.LogWarning(e, "The published content could not be read again; serving the last snapshot (generation {Generation}) until it can", stale.Generation);
                return stale;
            }
        }
    }

    private async Task<PublishedContent> BuildAsync(long generation)
    {
        await Task.Yield(); // off the caller's lock
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var built = await PublishedContent.LoadAsync(db, generation, CancellationToken.None);
            lock (_lock)
            {
                if (_current is null || _current.Generation < generation)
                    _current = built;
                Builds++;
            }

            if (Interlocked.Exchange(ref _failing, 0) == 1)
                logger.LogInformation("The published content is read again (generation {Generation})", generation);
            return built;
        }
        finally
        {
            lock (_lock)
            {
                if (_buildingFor == generation)
                    _building = null;
            }
        }
    }
}

/// <summary>
/// The published content for one request: the same snapshot for everything the request reads (scoped). Before the
/// first read it lets <see cref="Infrastructure.Caching.CacheCoherence"/> check the database's change version (on
/// PostgreSQL, at most every <c>Cache:VersionCheckInterval</c>), so a node that missed a notification catches up.
/// </summary>
public sealed class Published(PublishedContentStore store, Infrastructure.Caching.CacheCoherence coherence)
{
    private PublishedContent? _content;

    /// <summary>The snapshot this request has read, or null when it has not read one yet.</summary>
    public PublishedContent? Loaded => _content;

    public async ValueTask<PublishedContent> GetAsync(CancellationToken ct = default)
    {
        if (_content is not null)
            return _content;
        await coherence.EnsureCurrentAsync(ct);
        return _content = await store.GetAsync(ct);
    }
}
