using Buurtplatform.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Web.Search;

/// <summary>
/// The facet and rank fields of one index row, packed small: facet counting and ranking read these
/// for every match, so they must not come from the database per search.
/// </summary>
internal readonly record struct DocFields(
    bool Exists, SearchKind Kind, int GemeenteId, int WijkId, int ActivityType, int AgeBands, int DayMask, bool IsFree,
    int LastDay, double Latitude, double Longitude)
{
    /// <summary>No activity type (not an activity).</summary>
    public const int NoType = -1;

    /// <summary>No last date: the activity runs on, or the row is not an activity.</summary>
    public const int NoLastDay = int.MaxValue;

    public bool HasLocation => !double.IsNaN(Latitude) && !double.IsNaN(Longitude);
}

/// <summary>
/// Every index row's facet and rank fields, in an array indexed by document id, as read at one index
/// version. Derived from <c>SearchDocuments</c> only, never written to: an index write raises
/// <see cref="SearchIndexState.Version"/> in its own transaction, and the next search that reads
/// another version from the database loads a new snapshot (see <see cref="SearchIndexSnapshotCache"/>).
/// </summary>
internal sealed class SearchIndexSnapshot(long version, DocFields[] docs)
{
    public long Version { get; } = version;

    /// <summary>Indexed by document id; ids without a row have <see cref="DocFields.Exists"/> false.</summary>
    public DocFields[] Docs { get; } = docs;

    public bool Contains(int id) => (uint)id < (uint)Docs.Length && Docs[id].Exists;

    public static async Task<SearchIndexSnapshot> LoadAsync(AppDbContext db, long version, CancellationToken ct)
    {
        var rows = await db.SearchDocuments.AsNoTracking()
            .Select(d => new { d.Id, d.Kind, d.GemeenteId, d.WijkId, d.ActivityType, d.AgeBands, d.DayMask, d.IsFree, d.LastDate, d.Latitude, d.Longitude })
            .ToListAsync(ct);
        var docs = new DocFields[rows.Count == 0 ? 0 : rows.Max(r => r.Id) + 1];
        foreach (var r in rows)
        {
            docs[r.Id] = new DocFields(true, r.Kind, r.GemeenteId, r.WijkId, r.ActivityType is { } t ? (int)t : DocFields.NoType, (int)r.AgeBands,
                r.DayMask, r.IsFree, r.LastDate is { } d ? d.DayNumber : DocFields.NoLastDay, r.Latitude ?? double.NaN, r.Longitude ?? double.NaN);
        }

        return new SearchIndexSnapshot(version, docs);
    }
}

/// <summary>
/// Holds the latest <see cref="SearchIndexSnapshot"/> (one per app instance: a singleton). Each search
/// reads the version from the database (one primary-key read) before and after its engine queries;
/// the snapshot is used only when both equal its version, so a publish by this or another instance,
/// committed at any moment, is never mixed with older facet fields.
/// </summary>
public sealed class SearchIndexSnapshotCache
{
    private const int Attempts = 3;

    private SearchIndexSnapshot? _current;

    /// <summary>
    /// Runs <paramref name="work"/> (the engine queries) against a snapshot of the same index version as
    /// the database had before and after it. Retries when a publish committed in between; after a few
    /// attempts it accepts the last one (a search racing a stream of publishes shows one of them).
    /// </summary>
    internal async Task<(SearchIndexSnapshot Snapshot, T Result)> RunAsync<T>(AppDbContext db, Func<SearchIndexSnapshot, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await CurrentAsync(db, ct);
            var result = await work(snapshot);
            if (attempt == Attempts || await VersionAsync(db, ct) == snapshot.Version)
                return (snapshot, result);
        }
    }

    private async Task<SearchIndexSnapshot> CurrentAsync(AppDbContext db, CancellationToken ct)
    {
        var version = await VersionAsync(db, ct);
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Version == version)
            return current;

        var loaded = await SearchIndexSnapshot.LoadAsync(db, version, ct);
        // Kept only when nothing committed during the load, and never when the caller's own transaction is
        // open: its uncommitted version number may be rolled back and then reused for other rows.
        if (db.Database.CurrentTransaction is null && await VersionAsync(db, ct) == version)
            Volatile.Write(ref _current, loaded);
        return loaded;
    }

    private static Task<long> VersionAsync(AppDbContext db, CancellationToken ct) =>
        db.SearchIndexState.AsNoTracking().Where(s => s.Id == SearchIndexState.SingletonId).Select(s => s.Version).SingleAsync(ct);
}
