namespace Buurtplatform.Web.Data;

/// <summary>
/// PostgreSQL advisory locks, for work that several app nodes on one database must not do at the same time:
/// a background job's round (reminders, digests, retention, planned publishing) and the migrations at start.
/// The lock is a session lock on the context's connection, held open meanwhile, so the work's own transactions
/// run inside it and a node that dies releases it with its connection. On SQLite (one node) the work just runs.
/// </summary>
/// <remarks>
/// Choices: A) a lock per job round, B) <c>FOR UPDATE SKIP LOCKED</c> per row. A keeps each job's code as it is
/// (read what is due, do it, mark it done, commit) and makes the second node's round find it done; B would spread
/// row locks through every job. The outbox, where rows are sent one by one and slowly, claims per row instead
/// (see <c>Mail/OutboxSender</c>).
/// </remarks>
public static class DatabaseLocks
{
    /// <summary>
    /// Runs <paramref name="work"/> unless another node runs the same job now; then returns <paramref name="skipped"/>
    /// at once (its round does the work, and the next round here finds it done).
    /// </summary>
    public static async Task<T> RunAloneAsync<T>(AppDbContext db, string job, Func<Task<T>> work, T skipped, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
            return await work();
        var key = Key(job);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({key}) AS \"Value\"").SingleAsync(ct))
                return skipped;
            try
            {
                return await work();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs <paramref name="work"/> once no other node holds <paramref name="name"/>, waiting for it (migrations at start).</summary>
    public static async Task RunExclusiveAsync(AppDbContext db, string name, Func<Task> work, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql())
        {
            await work();
            return;
        }

        var key = Key(name);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key})", ct);
            try
            {
                await work();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Brings the schema up to date under the lock <c>migrations</c>, so nodes starting together on an empty
    /// database migrate one after the other (the second finds nothing left to do).
    /// </summary>
    public static Task MigrateAsync(AppDbContext db, CancellationToken ct = default) =>
        RunExclusiveAsync(db, "migrations", () => db.Database.MigrateAsync(ct), ct);

    /// <summary>The lock's 64-bit key: FNV-1a of the name, the same on every node (string.GetHashCode differs per process).</summary>
    internal static long Key(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("buurtplatform:" + name))
            hash = (hash ^ b) * 1099511628211UL;
        return unchecked((long)hash);
    }
}
