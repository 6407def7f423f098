using System.Diagnostics;

namespace Buurtplatform.Web.Infrastructure.Caching;

/// <summary>
/// Keeps this node's output cache in step with every other node on the same PostgreSQL database (one per
/// node: a singleton). It remembers the last change version it applied: a change arriving in order evicts
/// its tags; a gap (a notification this node never got) or a database version ahead of it evicts
/// everything, because which pages the missed change touched is not known here.
/// </summary>
/// <remarks>
/// Three ways a change reaches it: the node that made it, right after its commit (<see cref="CacheChanges"/>);
/// every other node through <c>LISTEN</c> (<see cref="CacheChangeListener"/>), within milliseconds; and,
/// as the safety net for a lost connection or a missed notification, <see cref="EnsureCurrentAsync"/> before
/// a page is served from the cache, at most every <see cref="CacheOptions.VersionCheckInterval"/>.
/// On SQLite (one node) nothing is versioned: a change evicts its tags here, as it always did.
/// </remarks>
public sealed class CacheCoherence(IOutputCacheStore store, IServiceScopeFactory scopes, IOptions<CacheOptions> options,
    DatabaseProvider provider, Content.Published.PublishedContentStore published, ILogger<CacheCoherence> logger)
{
    /// <summary>A version check that takes longer than this (the database is slow or away) no longer holds up the request: it is served from the cache.</summary>
    private static readonly TimeSpan CheckWait = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private long _applied = -1; // not known until the first catch-up
    private long _nextCheck; // Stopwatch ticks
    private Task? _check;
    private int _failing;

    /// <summary>True on PostgreSQL: several nodes may share the database, so changes are versioned and announced.</summary>
    public bool Shared { get; } = provider == DatabaseProvider.Postgres;

    /// <summary>The newest change version this node has applied (−1 before the first catch-up).</summary>
    public long AppliedVersion
    {
        get
        {
            lock (_lock)
                return _applied;
        }
    }

    /// <summary>Evicts what change <paramref name="version"/> affects (null: an unversioned change, SQLite).</summary>
    public async Task ApplyAsync(long? version, IReadOnlyCollection<string> tags, CancellationToken ct)
    {
        var everything = false;
        if (version is { } v)
        {
            lock (_lock)
            {
                // Versions commit in order (the version row's lock), and notifications arrive in commit order:
                // a jump means one was missed in between.
                everything = v > _applied + 1 && _applied >= 0;
                if (v > _applied)
                    _applied = v;
            }
        }

        if (everything)
            logger.LogInformation("Cache change {Version} arrived after a gap: every cached page evicted", version);
        await EvictAsync(everything ? [CachePolicies.ContentTag] : tags, ct);
    }

    /// <summary>
    /// Before a page is served from the cache: at most every <see cref="CacheOptions.VersionCheckInterval"/>,
    /// compares with the database's version (<see cref="CatchUpAsync"/>). A database that does not answer
    /// within a second does not hold the request up: the cached page is served, and the check is logged.
    /// </summary>
    public async ValueTask EnsureCurrentAsync(CancellationToken ct)
    {
        if (!Shared)
            return;
        // Real elapsed time, not the app's TimeProvider: this paces database reads, it is not a date.
        var now = Stopwatch.GetTimestamp();
        var next = Interlocked.Read(ref _nextCheck);
        var interval = (long)(options.Value.VersionCheckInterval.TotalSeconds * Stopwatch.Frequency);
        if (now < next || Interlocked.CompareExchange(ref _nextCheck, now + interval, next) != next)
            return; // checked recently, or another request is checking now

        // One check at a time: while the database hangs, checks must not pile up and take the pool's connections.
        var running = Volatile.Read(ref _check);
        if (running is { IsCompleted: false })
            return;
        var check = CheckAsync();
        Volatile.Write(ref _check, check);
        try
        {
            await check.WaitAsync(CheckWait, ct);
        }
        catch (TimeoutException)
        {
            // Still checking: this request is served from the cache meanwhile.
        }
    }

    /// <summary>A catch-up that logs (once per outage, not every interval) instead of throwing.</summary>
    private async Task CheckAsync()
    {
        try
        {
            await CatchUpAsync(CancellationToken.None);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
                logger.LogInformation("The cache version can be checked again");
        }
        catch (Exception e)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
                logger.LogWarning("The cache version could not be checked; serving from the cache until it can: {Error}", e.Message);
        }
    }

    /// <summary>Reads the database's version and evicts everything when this node is behind it (after a reconnect, and from <see cref="EnsureCurrentAsync"/>).</summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        if (!Shared)
            return;
        long current;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            current = await db.CacheVersion.AsNoTracking().Where(v => v.Id == CacheVersion.SingletonId).Select(v => v.Version).SingleAsync(ct);
        }

        long was;
        lock (_lock)
        {
            was = _applied;
            if (current <= _applied)
                return;
            _applied = current;
        }

        // The first catch-up of a node that just started has nothing cached yet; any later one missed a change.
        if (was >= 0)
            logger.LogInformation("Cache behind the database (applied {Applied}, database {Current}): every cached page evicted", was, current);
        await EvictAsync([CachePolicies.ContentTag], ct);
    }

    /// <summary>Evicts the tags here; every change also replaces the published-content snapshot the pages are rendered from.</summary>
    private async Task EvictAsync(IEnumerable<string> tags, CancellationToken ct)
    {
        published.Invalidate();
        foreach (var tag in tags)
            await store.EvictByTagAsync(tag, ct);
    }

    /// <summary>The output-cache policy that runs <see cref="EnsureCurrentAsync"/> before the cache is looked up.</summary>
    internal sealed class Policy : IOutputCachePolicy
    {
        public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) =>
            await context.HttpContext.RequestServices.GetRequiredService<CacheCoherence>().EnsureCurrentAsync(cancellation);

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
