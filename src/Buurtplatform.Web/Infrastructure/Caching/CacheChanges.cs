namespace Buurtplatform.Web.Infrastructure.Caching;

/// <summary>What a committed change evicts: its version (null on SQLite, where nothing is versioned) and its tags.</summary>
public sealed record CacheChange(long? Version, IReadOnlyList<string> Tags);

/// <summary>
/// The one seam through which a change tells every node which cached pages and feeds it affects
/// (<see cref="CacheTags"/>). On PostgreSQL, <see cref="RecordAsync"/> raises <see cref="CacheVersion"/> and sends
/// <c>NOTIFY buurtplatform_changes</c> in the change's own transaction: PostgreSQL delivers the notification
/// only when that transaction commits, and never when it rolls back. After the commit
/// <see cref="EvictAsync"/> evicts the tags on this node at once; the other nodes hear it through
/// <see cref="CacheChangeListener"/>. On SQLite (one node) it evicts here, as before.
/// </summary>
/// <remarks>
/// Choices: A) PostgreSQL <c>LISTEN/NOTIFY</c> with a version row, B) Redis with ASP.NET Core's Redis output-cache
/// store. A needs nothing but the database the nodes already share, and the version row lets a node that missed a
/// notification know it; B would add a server to run. The tags, not rendered pages, cross the wire.
/// </remarks>
public sealed class CacheChanges(AppDbContext db, CacheCoherence coherence)
{
    /// <summary>The notification channel every node listens on.</summary>
    public const string Channel = "buurtplatform_changes";

    /// <summary>PostgreSQL refuses payloads of 8000 bytes or more; a longer list of tags becomes "everything".</summary>
    private const int MaxPayload = 7900;

    /// <summary>
    /// Records the change in the caller's open transaction (PostgreSQL): raises the version, and queues the
    /// notification that goes out with the commit. Call <see cref="EvictAsync"/> with the result after the commit.
    /// </summary>
    public async Task<CacheChange> RecordAsync(IEnumerable<string> tags, CancellationToken ct)
    {
        var list = tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!coherence.Shared)
            return new CacheChange(null, list);
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("RecordAsync belongs in the change's transaction; after a commit, use AnnounceAsync.");

        // The UPDATE's row lock makes a concurrent change wait until this one commits: versions commit in order.
        await db.CacheVersion.Where(v => v.Id == CacheVersion.SingletonId).ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1), ct);
        var version = await db.CacheVersion.AsNoTracking().Where(v => v.Id == CacheVersion.SingletonId).Select(v => v.Version).SingleAsync(ct);
        var payload = Payload(version, list);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", ct);
        return new CacheChange(version, list);
    }

    /// <summary>Evicts the change's tags on this node. Call after the commit, never before (a request in between would cache the old state again).</summary>
    public Task EvictAsync(CacheChange change, CancellationToken ct) => coherence.ApplyAsync(change.Version, change.Tags, ct);

    /// <summary>For a change already committed on its own: records it in a transaction of its own, then evicts here.</summary>
    public async Task AnnounceAsync(IEnumerable<string> tags, CancellationToken ct)
    {
        CacheChange change;
        if (coherence.Shared)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            change = await RecordAsync(tags, ct);
            await tx.CommitAsync(ct);
        }
        else
        {
            change = new CacheChange(null, tags.ToList());
        }

        await EvictAsync(change, ct);
    }

    /// <summary>"{version} {tag} {tag} …"; tags never hold spaces (<see cref="CacheTags"/>).</summary>
    internal static string Payload(long version, IReadOnlyList<string> tags)
    {
        var text = string.Join(' ', [version.ToString(CultureInfo.InvariantCulture), .. tags]);
        return text.Length <= MaxPayload && !tags.Contains(CachePolicies.ContentTag)
            ? text
            : version.ToString(CultureInfo.InvariantCulture) + " " + CachePolicies.ContentTag;
    }

    /// <summary>The version and tags of a notification's payload, or null when it is not one of ours.</summary>
    internal static CacheChange? Parse(string payload)
    {
        var parts = payload.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? new CacheChange(version, parts[1..])
            : null;
    }
}
