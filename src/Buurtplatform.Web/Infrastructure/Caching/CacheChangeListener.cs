using Npgsql;

namespace Buurtplatform.Web.Infrastructure.Caching;

/// <summary>
/// Listens for <see cref="CacheChanges.Channel"/> on a connection of its own (PostgreSQL only) and evicts
/// what each change names on this node. A lost connection is opened again after 250 ms, then twice as long
/// each time up to <see cref="CacheOptions.MaxReconnectDelay"/>; once listening again, the node catches up
/// from the version in the database (<see cref="CacheCoherence.CatchUpAsync"/>), so what changed meanwhile is not missed.
/// </summary>
public sealed class CacheChangeListener(CacheCoherence coherence, DatabaseOptions database, IOptions<CacheOptions> options,
    ILogger<CacheChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);

    private int _processId;

    /// <summary>The PostgreSQL backend process of the listening connection, 0 while not listening (for operators' logs and tests).</summary>
    public int ProcessId => Volatile.Read(ref _processId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!coherence.Shared)
            return;
        // Not from the pool: this connection is held for the node's lifetime. Keepalives notice a dead peer
        // that never closed the socket (a network cut), so the wait below ends and the node reconnects.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = "buurtplatform-listen",
        }.ConnectionString;
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                var received = new List<string>();
                connection.Notification += (_, e) => received.Add(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {CacheChanges.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                Volatile.Write(ref _processId, connection.ProcessID);
                retry = FirstRetry;
                await coherence.CatchUpAsync(stoppingToken);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                    foreach (var payload in received)
                    {
                        if (CacheChanges.Parse(payload) is { } change)
                            await coherence.ApplyAsync(change.Version, change.Tags, stoppingToken);
                    }

                    received.Clear();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                Volatile.Write(ref _processId, 0);
                return;
            }
            catch (Exception e)
            {
                Volatile.Write(ref _processId, 0);
                logger.LogWarning("Not listening for cache changes ({Error}); trying again in {Delay} ms", e.Message, retry.TotalMilliseconds);
                try
                {
                    await Task.Delay(retry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, options.Value.MaxReconnectDelay.Ticks));
            }
        }
    }
}
