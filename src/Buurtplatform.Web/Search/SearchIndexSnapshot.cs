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
/// version, and (unless <see cref="SearchOptions.InMemoryIndex"/> is off) the rows' terms as an inverted index
/// (<see cref="TermIndex"/>) that answers searches without the engine. Derived from <c>SearchDocuments</c> only, never
/// written to: an index write raises <see cref="SearchIndexState.Version"/> in the transaction that writes its rows and
/// stamps them with it, and the next search that reads another version from the database makes a new snapshot from the
/// previous one and the rows changed since (see <see cref="SearchIndexSnapshotCache"/>).
/// </summary>
internal sealed class SearchIndexSnapshot(long version, DocFields[] docs, int count, TermIndex? terms = null)
{
    public long Version { get; } = version;

    /// <summary>Indexed by document id; ids without a row have <see cref="DocFields.Exists"/> false.</summary>
    public DocFields[] Docs { get; } = docs;

    /// <summary>The number of rows (ids that exist).</summary>
    public int Count { get; } = count;

    /// <summary>The rows' terms, of the same version as <see cref="Docs"/>; null when the engine answers searches.</summary>
    public TermIndex? Terms { get; } = terms;

    public bool Contains(int id) => (uint)id < (uint)Docs.Length && Docs[id].Exists;

    /// <summary>Every row, read at once; with <paramref name="withTerms"/> their terms too, into a <see cref="TermIndex"/>.</summary>
    public static async Task<SearchIndexSnapshot> LoadAsync(AppDbContext db, long version, bool withTerms, CancellationToken ct)
    {
        // In id order, each row's terms straight into the index: the texts are not all held at once.
        var builder = withTerms ? new TermIndex.Builder() : null;
        var rows = new List<(int Id, DocFields Fields)>();
        await new RowReader(db.SearchEngine, withTerms).ReadAsync(db.SearchDocuments.OrderBy(d => d.Id), (id, fields, terms) =>
        {
            rows.Add((id, fields));
            builder?.Add(id, terms!);
        }, ct);
        var docs = new DocFields[rows.Count == 0 ? 0 : rows[^1].Id + 1];
        foreach (var (id, fields) in rows)
            docs[id] = fields;
        return new SearchIndexSnapshot(version, docs, rows.Count, builder?.Build(docs.Length));
    }

    /// <summary>
    /// This snapshot brought up to <paramref name="version"/>: only the rows written since this one's
    /// version are read (by their <see cref="SearchDocument.IndexVersion"/>), and the ids of all rows only
    /// when some were deleted (the row count says so). Returns the ids that changed or went.
    /// </summary>
    public async Task<(SearchIndexSnapshot Snapshot, HashSet<int> Changed)> UpdateAsync(AppDbContext db, long version, CancellationToken ct)
    {
        var rows = new List<(int Id, DocFields Fields, TermIndex.DocTerms? Terms)>();
        await new RowReader(db.SearchEngine, Terms is not null).ReadAsync(db.SearchDocuments.Where(d => d.IndexVersion > Version),
            (id, fields, terms) => rows.Add((id, fields, terms)), ct);
        var total = await db.SearchDocuments.CountAsync(ct);
        var changed = rows.Select(r => r.Id).ToHashSet();
        var added = changed.Count(id => !Contains(id));
        var docs = new DocFields[Math.Max(Docs.Length, rows.Count == 0 ? 0 : rows.Max(r => r.Id) + 1)];
        Array.Copy(Docs, docs, Docs.Length);
        foreach (var (id, fields, _) in rows)
            docs[id] = fields;

        // Rows that went: as many as the count is short of, found by the ids that are left.
        var removed = new List<int>();
        if (Count + added != total)
        {
            var left = (await db.SearchDocuments.Select(d => d.Id).ToListAsync(ct)).ToHashSet();
            for (var id = 0; id < Docs.Length; id++)
            {
                if (Docs[id].Exists && !left.Contains(id))
                {
                    docs[id] = default;
                    changed.Add(id);
                    removed.Add(id);
                }
            }
        }

        // The rows held must now be as many as the table has. If not, a row was written without a newer
        // version (e.g. by an app instance older than the IndexVersion column during a rolling deploy):
        // read everything again rather than go on with a snapshot that misses it.
        var held = 0;
        foreach (ref readonly var d in docs.AsSpan())
            held += d.Exists ? 1 : 0;
        if (held != total)
            return (await LoadAsync(db, version, Terms is not null, ct), [.. Enumerable.Range(0, Math.Max(docs.Length, Docs.Length))]);

        var terms = Terms?.With(rows.ConvertAll(r => (r.Id, r.Terms!)), removed, docs.Length);
        return (new SearchIndexSnapshot(version, docs, total, terms), changed);
    }

    /// <summary>
    /// Reads index rows as facet fields and, when asked, as terms (<see cref="ISearchEngine.TermOf"/> of each word of the
    /// engine's texts, looked up once per distinct word), one row at a time rather than all texts at once.
    /// </summary>
    private sealed class RowReader(ISearchEngine engine, bool withTerms)
    {
        private readonly Dictionary<string, string?> _termOf = new(StringComparer.Ordinal);
        private readonly List<string> _title = [];
        private readonly List<string> _body = [];

        /// <summary>Hands each row to <paramref name="row"/>: id, facet fields, terms (null unless asked for).</summary>
        public async Task ReadAsync(IQueryable<SearchDocument> rows, Action<int, DocFields, TermIndex.DocTerms?> row, CancellationToken ct)
        {
            var query = withTerms
                ? rows.AsNoTracking().Select(d => new
                {
                    d.Id, d.Kind, d.GemeenteId, d.WijkId, d.ActivityType, d.AgeBands, d.DayMask, d.IsFree, d.LastDate, d.Latitude, d.Longitude,
                    d.TitleText, d.BodyText,
                })
                : rows.AsNoTracking().Select(d => new
                {
                    d.Id, d.Kind, d.GemeenteId, d.WijkId, d.ActivityType, d.AgeBands, d.DayMask, d.IsFree, d.LastDate, d.Latitude, d.Longitude,
                    TitleText = "", BodyText = "",
                });
            await foreach (var r in query.AsAsyncEnumerable().WithCancellation(ct))
            {
                var fields = new DocFields(true, r.Kind, r.GemeenteId, r.WijkId, r.ActivityType is { } t ? (int)t : DocFields.NoType,
                    (int)r.AgeBands, r.DayMask, r.IsFree, r.LastDate is { } d ? d.DayNumber : DocFields.NoLastDay, r.Latitude ?? double.NaN, r.Longitude ?? double.NaN);
                row(r.Id, fields, withTerms ? Terms(r.TitleText, r.BodyText) : null);
            }
        }

        private TermIndex.DocTerms Terms(string title, string body)
        {
            _title.Clear();
            _body.Clear();
            Split(title, _title);
            Split(body, _body);
            return TermIndex.DocTerms.From(_title, _body);
        }

        private void Split(string text, List<string> terms)
        {
            var lookup = _termOf.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var range in text.AsSpan().Split(' '))
            {
                var word = text.AsSpan(range);
                if (word.IsEmpty)
                    continue;
                if (!lookup.TryGetValue(word, out var term))
                {
                    var w = word.ToString();
                    term = engine.TermOf(w);
                    _termOf[w] = term;
                }

                if (term is not null)
                    terms.Add(term);
            }
        }
    }
}

/// <summary>
/// Holds the latest <see cref="SearchIndexSnapshot"/> (one per app instance: a singleton) and, with it,
/// the recent answers (of its in-memory index, or of the engine) for that index version. Each search reads the version from the
/// database (one primary-key read); a snapshot and its cached answers are used only while the
/// database still holds their version, so a publish by this or another instance, committed at any
/// moment, is never mixed with older facet fields or older matches.
/// </summary>
/// <remarks>
/// The match cache is bounded by <see cref="SearchOptions.MatchCacheMegabytes"/> (the ids and relevance
/// values it holds) and forgets the oldest answers first. At a new index version the engine's answers are carried
/// over with the changed ids marked, and each is brought up to date when next asked for
/// (<see cref="CachedMatches.Patch"/>), so there is nothing to invalidate by hand; the in-memory index's answers are
/// not carried over (computing one anew costs less than a patch).
/// </remarks>
public sealed class SearchIndexSnapshotCache(int matchCacheMegabytes = SearchOptions.DefaultMatchCacheMegabytes, bool inMemoryIndex = true)
{
    private const int Attempts = 3;

    /// <summary>Whether searches are answered by the snapshot's <see cref="TermIndex"/> (<see cref="SearchOptions.InMemoryIndex"/>) rather than the engine.</summary>
    internal bool InMemoryIndex { get; } = inMemoryIndex;

    private readonly long _matchCacheBytes = Math.Max(0, matchCacheMegabytes) * 1024L * 1024L;

    private SearchIndexSnapshot? _current;
    private MatchCache? _matches;

    /// <summary>The start-up build (<see cref="WarmAsync"/>), completed when it is done (or failed); null when none was started.</summary>
    private Task? _warming;

    /// <summary>
    /// The matches for <paramref name="plan"/> and a snapshot of the same index version. A cached answer of the current
    /// version is used as is. With the in-memory index (the default) the snapshot's <see cref="TermIndex"/> answers,
    /// with every match's relevance; the database is not asked. Otherwise the engine answers, and the version is read
    /// again after its query: a cached answer carried over from an earlier version is brought up to date by asking the
    /// engine about the changed rows only, or the engine is asked for everything. When a publish committed in
    /// between, it is asked again (after a few attempts the last answer is accepted: a search racing a
    /// stream of publishes shows one of them).
    /// </summary>
    internal async Task<(SearchIndexSnapshot Snapshot, CachedMatches? Matches)> MatchAsync(
        AppDbContext db, SearchPlan plan, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (snapshot, cache) = await CurrentAsync(db, ct);
            if (plan.IsEmpty)
                return (snapshot, null);
            var cached = cache?.TryGet(plan.Key);
            if (cached is { Pending: null })
                return (snapshot, cached.Matches);

            if (snapshot.Terms is { } terms)
            {
                // In memory, of the snapshot's own version: no engine query, nothing to check against the database.
                var answer = new CachedMatches(terms.MatchAll(plan));
                if (cache is not null && db.Database.CurrentTransaction is null)
                    cache.Set(plan.Key, answer);
                return (snapshot, answer);
            }

            var engine = db.SearchEngine;
            var found = cached is { Pending: { } pending } && engine.PatchIsCheaper(pending.Count, plan.Groups.Count, cached.Matches.Matches.Ids.Count)
                ? cached.Matches.Patch(pending, await engine.MatchAsync(db, plan, pending, ct), engine.RelevanceIsPerDocument)
                : new CachedMatches(await engine.MatchAsync(db, plan, among: null, ct));
            var consistent = await SearchIndexState.ReadAsync(db, ct) == snapshot.Version;
            if (consistent && cache is not null && db.Database.CurrentTransaction is null)
                cache.Set(plan.Key, found);
            if (consistent || attempt == Attempts)
                return (snapshot, found);
        }
    }

    /// <summary>
    /// The snapshot of the database's current index version, and its match cache when it is the one kept
    /// for later searches. A new version is read as the changes since the kept snapshot (see
    /// <see cref="SearchIndexSnapshot.UpdateAsync"/>), and the kept answers are carried over, marked with
    /// the ids they must be checked again for.
    /// </summary>
    private async Task<(SearchIndexSnapshot Snapshot, MatchCache? Matches)> CurrentAsync(AppDbContext db, CancellationToken ct)
    {
        // The start-up build (WarmAsync) under way: share it rather than build a second snapshot beside it. Then the
        // version is read as always, so what it built is used only while the database still holds its version.
        if (Volatile.Read(ref _current) is null && Volatile.Read(ref _warming) is { IsCompleted: false } warming)
            await warming.WaitAsync(ct);
        return await LatestAsync(db, ct);
    }

    /// <summary>
    /// Builds the snapshot of the database's current index version (with its in-memory index) before any search asks for
    /// it, as the first search would: at app start (<see cref="SearchIndexWarmup"/>), so no parent waits for the build.
    /// Searches that arrive meanwhile wait for this build and then check its version as usual. Only the first call builds.
    /// </summary>
    /// <returns>The snapshot's version and row count, or null when another call already built or is building one.</returns>
    internal async Task<(long Version, int Count)?> WarmAsync(AppDbContext db, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _warming, done.Task, null) is not null)
            return null;
        try
        {
            var (snapshot, _) = await LatestAsync(db, ct);
            return (snapshot.Version, snapshot.Count);
        }
        finally
        {
            done.SetResult();
        }
    }

    /// <summary>The version of the snapshot kept for later searches; null before the first is built (for tests).</summary>
    internal long? KeptVersion => Volatile.Read(ref _current)?.Version;

    private async Task<(SearchIndexSnapshot Snapshot, MatchCache? Matches)> LatestAsync(AppDbContext db, CancellationToken ct)
    {
        var version = await SearchIndexState.ReadAsync(db, ct);
        var current = Volatile.Read(ref _current);
        var matches = Volatile.Read(ref _matches);
        if (current is not null && current.Version == version)
            return (current, matches?.Version == version ? matches : null);

        SearchIndexSnapshot loaded;
        HashSet<int>? changed = null;
        if (current is not null && current.Version < version)
            (loaded, changed) = await current.UpdateAsync(db, version, ct);
        else
            loaded = await SearchIndexSnapshot.LoadAsync(db, version, InMemoryIndex, ct);

        // Kept only when nothing committed during the load, and never when the caller's own transaction is
        // open: its uncommitted version number may be rolled back and then reused for other rows.
        if (db.Database.CurrentTransaction is not null || await SearchIndexState.ReadAsync(db, ct) != version)
            return (loaded, null);
        var next = new MatchCache(version, _matchCacheBytes);
        // With the in-memory index an answer costs less to compute anew than to bring up to date: none is carried over.
        if (!InMemoryIndex && changed is not null && matches?.Version == current!.Version)
            next.CarryOver(matches, changed);
        Volatile.Write(ref _matches, next);
        Volatile.Write(ref _current, loaded);
        return (loaded, next);
    }

}

/// <summary>
/// The engine's answers of one index version by plan key, within a budget of bytes: the oldest answers
/// are forgotten first (first in, first out); a budget of 0 keeps nothing. Answers carried over from the
/// previous version hold the ids they must be checked again for (<see cref="Entry.Pending"/>).
/// </summary>
internal sealed class MatchCache(long version, long budgetBytes)
{
    /// <summary>
    /// Carried-over answers with more changed ids than this are dropped: asking the engine about each of
    /// them would cost more than asking it anew (an import or a rebuild changes thousands of rows).
    /// </summary>
    public const int MaxPending = 256;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _order = new();
    private long _bytes;

    public long Version { get; } = version;

    /// <summary>An answer; <see cref="Pending"/> non-null: carried over, and these ids may have changed since.</summary>
    internal sealed class Entry(CachedMatches matches, HashSet<int>? pending, LinkedListNode<string> node, long charged)
    {
        public CachedMatches Matches { get; } = matches;

        public HashSet<int>? Pending { get; } = pending;

        public LinkedListNode<string> Node { get; } = node;

        /// <summary>The bytes counted against the budget for this answer (it grows as relevance values are added).</summary>
        public long Charged { get; set; } = charged;
    }

    public Entry? TryGet(string key)
    {
        lock (_entries)
            return _entries.GetValueOrDefault(key);
    }

    /// <summary>Stores (or replaces, e.g. once brought up to date) the answer for <paramref name="key"/>.</summary>
    public void Set(string key, CachedMatches matches) => Put(key, matches, pending: null);

    /// <summary>Takes over <paramref name="previous"/>'s answers, each to be checked again for <paramref name="changed"/> (oldest first, as they were).</summary>
    public void CarryOver(MatchCache previous, IReadOnlySet<int> changed)
    {
        List<(string Key, Entry Entry)> entries;
        lock (previous._entries)
            entries = previous._order.Select(k => (k, previous._entries[k])).ToList();
        foreach (var (key, entry) in entries)
        {
            var pending = entry.Pending is null ? new HashSet<int>(changed) : new HashSet<int>(entry.Pending.Concat(changed));
            if (pending.Count <= MaxPending)
                Put(key, entry.Matches, pending.Count == 0 ? null : pending);
        }
    }

    private void Put(string key, CachedMatches matches, HashSet<int>? pending)
    {
        if (budgetBytes == 0 || matches.Bytes > budgetBytes)
            return; // off, or one answer larger than the whole budget
        lock (_entries)
        {
            if (_entries.Remove(key, out var old))
            {
                _order.Remove(old.Node);
                _bytes -= old.Charged;
            }

            var charged = matches.Bytes;
            _entries[key] = new Entry(matches, pending, _order.AddLast(key), charged);
            _bytes += charged;
            // The last cache that took the answer counts its growth (an answer carried over moves on).
            matches.Grew = delta => Grow(key, matches, delta);
            EvictOverBudget();
        }
    }

    private void Grow(string key, CachedMatches matches, long delta)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out var entry) || !ReferenceEquals(entry.Matches, matches))
                return;
            entry.Charged += delta;
            _bytes += delta;
            EvictOverBudget();
        }
    }

    /// <summary>Oldest first, until within budget. Called under the lock.</summary>
    private void EvictOverBudget()
    {
        while (_bytes > budgetBytes && _order.First is { } oldest)
        {
            _order.RemoveFirst();
            if (_entries.Remove(oldest.Value, out var gone))
                _bytes -= gone.Charged;
        }
    }

    /// <summary>The bytes counted now (for tests).</summary>
    internal long Bytes
    {
        get
        {
            lock (_entries)
                return _bytes;
        }
    }
}

/// <summary>
/// The engine's matches for one plan at one index version, with the relevance values asked for so
/// far (relevance is asked only for the page's ties; a next page of the same search reuses them).
/// </summary>
internal sealed class CachedMatches
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, double> _relevance = new();

    private readonly long _idBytes;

    private SearchMatches? _matches;

    /// <summary>The engine's answer (relevance is asked for as pages need it).</summary>
    public CachedMatches(SearchMatches matches)
    {
        _matches = matches;
        _idBytes = 128 + (4L * (matches.Ids.Capacity + matches.TitleIds.Sum(t => (long)t.Capacity)));
    }

    /// <summary>The in-memory index's answer (<see cref="TermIndex.MatchAll"/>): every match's relevance is known.</summary>
    public CachedMatches(MemoryMatches memory)
    {
        Memory = memory;
        _idBytes = 128 + memory.Bytes;
    }

    /// <summary>From the in-memory index: the matches with their title bits and relevance, in arrays; null for the engine's answer.</summary>
    public MemoryMatches? Memory { get; }

    /// <summary>The matches as lists (for the in-memory index's answer made only when asked for: a search reads <see cref="Memory"/>).</summary>
    public SearchMatches Matches => _matches ?? LazyInitializer.EnsureInitialized(ref _matches, Memory!.ToSearchMatches);

    /// <summary>What one relevance value costs in memory: a dictionary node with an int key and a double value.</summary>
    public const int RelevanceBytes = 48;

    /// <summary>The memory held, for the cache's budget: the id lists (four bytes an id, spare capacity included; twelve bytes a match in memory), the relevance values, and a little for the entry.</summary>
    public long Bytes => _idBytes + ((long)RelevanceBytes * _relevance.Count);

    /// <summary>Told how many bytes were added when relevance values are stored (set by the cache that holds this answer).</summary>
    public Action<long>? Grew { get; set; }

    /// <summary>
    /// This answer brought up to date: the <paramref name="changed"/> ids out, the ones of them that
    /// <paramref name="found"/> (the engine's answer among those ids) says match back in. Relevance values
    /// of the other ids are kept only when <paramref name="keepRelevance"/> (the engine's relevance of a
    /// document does not depend on the others); otherwise the page asks for them again, so the order is
    /// exactly that of a fresh search.
    /// </summary>
    public CachedMatches Patch(IReadOnlySet<int> changed, SearchMatches found, bool keepRelevance)
    {
        var ids = Matches.Ids.Where(id => !changed.Contains(id)).Concat(found.Ids).ToList();
        var titles = Matches.TitleIds.Select((t, i) => t.Where(id => !changed.Contains(id)).Concat(found.TitleIds[i]).ToList()).ToList();
        var patched = new CachedMatches(new SearchMatches(ids, titles));
        if (!keepRelevance)
            return patched;
        foreach (var (id, r) in _relevance)
        {
            if (!changed.Contains(id))
                patched._relevance.TryAdd(id, r);
        }

        return patched;
    }

    /// <summary>Relevance for <paramref name="ids"/>: known values from earlier pages, the rest from <paramref name="ask"/>.</summary>
    public async Task<Dictionary<int, double>> RelevanceAsync(IReadOnlyCollection<int> ids, Func<List<int>, Task<Dictionary<int, double>>> ask)
    {
        var result = new Dictionary<int, double>(ids.Count);
        if (Memory is { } memory)
        {
            // Every match's value is known: nothing to ask (ids that are no match have none, as the engine's answer has none).
            var sorted = memory.Ids.AsSpan();
            foreach (var id in ids)
            {
                var at = sorted.BinarySearch(id);
                if (at >= 0)
                    result[id] = memory.Relevance[at];
            }

            return result;
        }

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
            var added = 0;
            foreach (var (id, r) in await ask(missing))
            {
                result[id] = r;
                if (_relevance.TryAdd(id, r))
                    added++;
            }

            if (added > 0)
                Grew?.Invoke((long)RelevanceBytes * added);
        }

        return result;
    }
}
