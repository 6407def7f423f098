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
/// Holds the latest <see cref="SearchIndexSnapshot"/> (one per app instance: a singleton) and, with it,
/// the engine's recent answers for that index version. Each search reads the version from the
/// database (one primary-key read); a snapshot and its cached answers are used only while the
/// database still holds their version, so a publish by this or another instance, committed at any
/// moment, is never mixed with older facet fields or older matches.
/// </summary>
/// <remarks>
/// The match cache is bounded by <see cref="SearchOptions.MatchCacheMegabytes"/> (the ids it holds,
/// four bytes each) and forgets the oldest answers first. It dies with its snapshot: a new index
/// version starts empty, so there is nothing to invalidate by hand.
/// </remarks>
public sealed class SearchIndexSnapshotCache(int matchCacheMegabytes = SearchOptions.DefaultMatchCacheMegabytes)
{
    private const int Attempts = 3;

    private readonly long _matchCacheBytes = Math.Max(0, matchCacheMegabytes) * 1024L * 1024L;

    private SearchIndexSnapshot? _current;
    private MatchCache? _matches;

    /// <summary>
    /// The engine's matches for <paramref name="plan"/> and a snapshot of the same index version as the
    /// database had before and after the engine query. A cached answer of the current version is used
    /// as is; otherwise the engine is asked, and asked again when a publish committed in between (after
    /// a few attempts the last answer is accepted: a search racing a stream of publishes shows one of them).
    /// </summary>
    internal async Task<(SearchIndexSnapshot Snapshot, CachedMatches? Matches)> MatchAsync(
        AppDbContext db, SearchPlan plan, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (snapshot, kept) = await CurrentAsync(db, ct);
            if (plan.IsEmpty)
                return (snapshot, null);
            var cache = kept ? Volatile.Read(ref _matches) : null;
            if (cache?.Version == snapshot.Version && cache.TryGet(plan.Key) is { } hit)
                return (snapshot, hit);

            var found = new CachedMatches(await db.SearchEngine.MatchAsync(db, plan, ct));
            var consistent = await VersionAsync(db, ct) == snapshot.Version;
            if (consistent && cache?.Version == snapshot.Version && db.Database.CurrentTransaction is null)
                cache.Add(plan.Key, found);
            if (consistent || attempt == Attempts)
                return (snapshot, found);
        }
    }

    /// <summary>The snapshot of the database's current index version, and whether it is the one kept for later searches.</summary>
    private async Task<(SearchIndexSnapshot Snapshot, bool Kept)> CurrentAsync(AppDbContext db, CancellationToken ct)
    {
        var version = await VersionAsync(db, ct);
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Version == version)
            return (current, true);

        var loaded = await SearchIndexSnapshot.LoadAsync(db, version, ct);
        // Kept only when nothing committed during the load, and never when the caller's own transaction is
        // open: its uncommitted version number may be rolled back and then reused for other rows.
        if (db.Database.CurrentTransaction is not null || await VersionAsync(db, ct) != version)
            return (loaded, false);
        Volatile.Write(ref _matches, new MatchCache(version, _matchCacheBytes));
        Volatile.Write(ref _current, loaded);
        return (loaded, true);
    }

    private static Task<long> VersionAsync(AppDbContext db, CancellationToken ct) =>
        db.SearchIndexState.AsNoTracking().Where(s => s.Id == SearchIndexState.SingletonId).Select(s => s.Version).SingleAsync(ct);
}

/// <summary>
/// The engine's answers of one index version by plan key, within a budget of bytes: the oldest answers
/// are forgotten first (first in, first out); a budget of 0 keeps nothing.
/// </summary>
internal sealed class MatchCache(long version, long budgetBytes)
{
    private readonly Dictionary<string, CachedMatches> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private long _bytes;

    public long Version { get; } = version;

    public CachedMatches? TryGet(string key)
    {
        lock (_entries)
            return _entries.GetValueOrDefault(key);
    }

    public void Add(string key, CachedMatches matches)
    {
        if (budgetBytes == 0 || matches.Bytes > budgetBytes)
            return; // off, or one answer larger than the whole budget
        lock (_entries)
        {
            if (!_entries.TryAdd(key, matches))
                return;
            _order.Enqueue(key);
            _bytes += matches.Bytes;
            while (_bytes > budgetBytes && _order.TryDequeue(out var oldest))
            {
                if (_entries.Remove(oldest, out var gone))
                    _bytes -= gone.Bytes;
            }
        }
    }
}


/// <summary>
/// The engine's matches for one plan at one index version, with the relevance values asked for so
/// far (relevance is asked only for the page's ties; a next page of the same search reuses them).
/// </summary>
internal sealed class CachedMatches(SearchMatches matches)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, double> _relevance = new();

    public SearchMatches Matches { get; } = matches;

    /// <summary>The ids held (four bytes each) and a little for the entry itself, for the cache's budget.</summary>
    public long Bytes { get; } = 128 + (4L * (matches.Ids.Count + matches.TitleIds.Sum(t => (long)t.Count)));

    /// <summary>Relevance for <paramref name="ids"/>: known values from earlier pages, the rest from <paramref name="ask"/>.</summary>
    public async Task<Dictionary<int, double>> RelevanceAsync(IReadOnlyCollection<int> ids, Func<List<int>, Task<Dictionary<int, double>>> ask)
    {
        var result = new Dictionary<int, double>(ids.Count);
        var missing = new List<int>();
        foreach (var id in ids)
        {
            if (_relevance.TryGetValue(id, out var r))
                result[id] = r;
            else
                missing.Add(id);
        }

        if (missing.Count > 0)
        {
            foreach (var (id, r) in await ask(missing))
            {
                result[id] = r;
                _relevance.TryAdd(id, r);
            }
        }

        return result;
    }
}
