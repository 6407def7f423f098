using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Buurtplatform.Web.Search;

/// <summary>The content nodes a SaveChanges touched, noted before the save (deleted rows and owned parts vanish after it).</summary>
internal sealed class PendingIndexChanges
{
    public List<ContentNode> Saved { get; } = [];

    public List<(Type Type, int Id)> OwnedChanged { get; } = [];

    public HashSet<Guid> Deleted { get; } = [];

    /// <summary>A content translation was added, changed or deleted, or a node was deleted (its translations go with it).</summary>
    public bool TranslationsChanged { get; set; }

    public bool NodesChanged => Saved.Count > 0 || OwnedChanged.Count > 0 || Deleted.Count > 0;

    public bool IsEmpty => !NodesChanged && !TranslationsChanged;
}

/// <summary>
/// Keeps the search index in step with the content. <see cref="AppDbContext"/> calls it from
/// SaveChanges, inside the same transaction as the content change, so a publish, unpublish or
/// delete and its index update commit or roll back together: there is no second store to drift.
/// </summary>
/// <remarks>
/// A change to a node reindexes what depends on it: a gemeente or wijk everything below it (its
/// publish state and name are part of each row), a meeting place its activities (their location and
/// public state). Every content write must go through SaveChanges: ExecuteUpdate/ExecuteDelete on
/// content tables would bypass this, and the operator's <c>reindex</c> command would be needed.
/// </remarks>
internal static class SearchIndexer
{
    private const int Chunk = 500;

    public static PendingIndexChanges Collect(ChangeTracker tracker)
    {
        var pending = new PendingIndexChanges();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;
            if (entry.Entity is ContentNode node)
            {
                if (entry.State == EntityState.Deleted)
                {
                    pending.Deleted.Add(node.Key);
                    pending.TranslationsChanged = true;
                }
                else
                {
                    pending.Saved.Add(node);
                }
            }
            else if (entry.Entity is ContentTranslation)
            {
                pending.TranslationsChanged = true;
            }
            else if (entry.Metadata.FindOwnership() is { } ownership
                && typeof(ContentNode).IsAssignableFrom(ownership.PrincipalEntityType.ClrType)
                && ownership.Properties.Count == 1)
            {
                // An owned part (an activity's schedule, a place's opening hours) can change while its
                // owner stays Unchanged; its foreign key names the owner. A temporary key means the
                // owner is new, and then the owner itself is in the list already.
                var fk = entry.Property(ownership.Properties[0].Name);
                if (!fk.IsTemporary && fk.CurrentValue is int ownerId)
                    pending.OwnedChanged.Add((ownership.PrincipalEntityType.ClrType, ownerId));
            }
        }

        return pending;
    }

    /// <summary>
    /// Updates the index rows for the saved changes, then (after, always in this order) raises the translations'
    /// version when translations changed. Runs inside the caller's transaction.
    /// </summary>
    public static async Task ApplyAsync(AppDbContext db, PendingIndexChanges pending, CancellationToken ct)
    {
        if (pending.NodesChanged)
            await ApplyNodesAsync(db, pending, ct);
        if (pending.TranslationsChanged)
            await SearchIndexState.RaiseTranslationsAsync(db, ct);
    }

    private static async Task ApplyNodesAsync(AppDbContext db, PendingIndexChanges pending, CancellationToken ct)
    {
        var ids = new NodeIds();
        foreach (var node in pending.Saved)
            ids.Add(node.GetType(), node.Id);
        foreach (var (type, id) in pending.OwnedChanged)
            ids.Add(type, id);
        await ids.CascadeAsync(db, ct);
        await ReindexAsync(db, ids, pending.Deleted, ct);
    }

    /// <summary>Rebuilds the whole index from the content (the operator's <c>reindex</c> command). Returns the number of rows.</summary>
    public static async Task<int> RebuildAsync(AppDbContext db, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The version row first, as every index write takes it (ReindexAsync): a publish overlapping the
            // rebuild then waits for it instead of deadlocking on the rows deleted here.
            await SearchIndexState.RaiseAsync(db, ct);
            await db.SearchDocuments.ExecuteDeleteAsync(ct);
            await db.SearchTerms.ExecuteDeleteAsync(ct);
            var ids = new NodeIds();
            ids.Wijken.UnionWith(await db.Wijken.Select(x => x.Id).ToListAsync(ct));
            ids.Places.UnionWith(await db.MeetingPlaces.Select(x => x.Id).ToListAsync(ct));
            ids.Activities.UnionWith(await db.Activities.Select(x => x.Id).ToListAsync(ct));
            ids.Partners.UnionWith(await db.Partners.Select(x => x.Id).ToListAsync(ct));
            ids.Visions.UnionWith(await db.Visions.Select(x => x.Id).ToListAsync(ct));
            await ReindexAsync(db, ids, [], ct);
            await db.SearchEngine.AfterRebuildAsync(db, ct);
            var count = await db.SearchDocuments.CountAsync(ct);
            await tx.CommitAsync(ct);
            return count;
        });
    }

    private static async Task ReindexAsync(AppDbContext db, NodeIds ids, HashSet<Guid> deleted, CancellationToken ct)
    {
        // The new index version first, in the caller's transaction: every row written below is stamped with
        // it. On PostgreSQL the UPDATE's row lock makes a concurrent index write wait until this one commits,
        // so versions commit in order and "rows with IndexVersion > v" is exactly what changed since v. A
        // search that sees these rows also sees the new version, so every in-memory copy of the index
        // (SearchIndexSnapshot), in this or another app instance, catches up.
        var version = await SearchIndexState.RaiseAsync(db, ct);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var engine = db.SearchEngine;
        // Activities that skip school holidays end later than their rule alone says.
        var holidays = ids.Activities.Count == 0 ? null
            : await db.SchoolHolidays.AsNoTracking().FirstOrDefaultAsync(h => h.State == PublishState.Published, ct);
        foreach (var chunk in ids.Wijken.Chunk(Chunk))
        {
            var rows = await db.Wijken.AsNoTracking().Include(x => x.Gemeente).Where(x => chunk.Contains(x.Id)).ToListAsync(ct);
            await ApplyRowsAsync(db, version, rows.Select(w => (w.Key, IsPublic(w) ? SearchDocumentBuilder.Build(w, engine) : null)), vocabulary, ct);
        }

        foreach (var chunk in ids.Places.Chunk(Chunk))
        {
            var rows = await db.MeetingPlaces.AsNoTracking().Include(x => x.Wijk).ThenInclude(w => w.Gemeente).Where(x => chunk.Contains(x.Id)).ToListAsync(ct);
            await ApplyRowsAsync(db, version, rows.Select(p => (p.Key, IsPublic(p) ? SearchDocumentBuilder.Build(p, engine) : null)), vocabulary, ct);
        }

        foreach (var chunk in ids.Activities.Chunk(Chunk))
        {
            var rows = await db.Activities.AsNoTracking().Include(x => x.Wijk).ThenInclude(w => w.Gemeente).Include(x => x.MeetingPlace)
                .Where(x => chunk.Contains(x.Id)).ToListAsync(ct);
            await ApplyRowsAsync(db, version, rows.Select(a => (a.Key, IsPublic(a) ? SearchDocumentBuilder.Build(a, engine, holidays) : null)), vocabulary, ct);
        }

        foreach (var chunk in ids.Partners.Chunk(Chunk))
        {
            var rows = await db.Partners.AsNoTracking().Include(x => x.Wijk).ThenInclude(w => w.Gemeente).Where(x => chunk.Contains(x.Id)).ToListAsync(ct);
            await ApplyRowsAsync(db, version, rows.Select(p => (p.Key, IsPublic(p) ? SearchDocumentBuilder.Build(p, engine) : null)), vocabulary, ct);
        }

        foreach (var chunk in ids.Visions.Chunk(Chunk))
        {
            var rows = await db.Visions.AsNoTracking().Include(x => x.Wijk).ThenInclude(w => w.Gemeente).Where(x => chunk.Contains(x.Id)).ToListAsync(ct);
            await ApplyRowsAsync(db, version, rows.Select(v => (v.Key, IsPublic(v) ? SearchDocumentBuilder.Build(v, engine) : null)), vocabulary, ct);
        }

        if (deleted.Count > 0)
            await ApplyRowsAsync(db, version, deleted.Select(k => (k, (SearchDocument?)null)), vocabulary, ct);

        await ApplyVocabularyAsync(db, vocabulary, ct);
    }

    // The same rule as PublicContent: a node is public when it and every node above it are published.
    private static bool IsPublic(Wijk w) => w.IsPublished && w.Gemeente.IsPublished;

    private static bool IsPublic(MeetingPlace p) => p.IsPublished && IsPublic(p.Wijk);

    private static bool IsPublic(Activity a) => a.IsPublished && IsPublic(a.Wijk) && a.MeetingPlace.IsPublished;

    private static bool IsPublic(Partner p) => p.IsPublished && IsPublic(p.Wijk);

    private static bool IsPublic(Vision.Vision v) => v.IsPublished && IsPublic(v.Wijk);

    /// <summary>Adds, updates or removes the rows for these keys (null: not public, so no row), and notes vocabulary changes.</summary>
    private static async Task ApplyRowsAsync(AppDbContext db, long version, IEnumerable<(Guid Key, SearchDocument? Doc)> wanted, Dictionary<string, int> vocabulary, CancellationToken ct)
    {
        var list = wanted.ToList();
        if (list.Count == 0)
            return;
        var keys = list.Select(x => x.Key).ToList();
        var existing = await db.SearchDocuments.Where(d => keys.Contains(d.NodeKey)).ToDictionaryAsync(d => d.NodeKey, ct);
        var touched = new List<SearchDocument>();
        foreach (var (key, doc) in list)
        {
            existing.TryGetValue(key, out var row);
            if (doc is not null)
                doc.IndexVersion = version;
            Count(vocabulary, row?.Words, -1);
            Count(vocabulary, doc?.Words, +1);
            if (doc is null)
            {
                if (row is not null)
                {
                    db.SearchDocuments.Remove(row);
                    touched.Add(row);
                }
            }
            else if (row is null)
            {
                db.SearchDocuments.Add(doc);
                touched.Add(doc);
            }
            else
            {
                doc.Id = row.Id;
                db.Entry(row).CurrentValues.SetValues(doc);
                touched.Add(row);
            }
        }

        await db.SaveIndexChangesAsync(ct);
        // Leave the caller's change tracker as it was: index rows are ours alone.
        foreach (var row in touched)
            db.Entry(row).State = EntityState.Detached;
    }

    private static void Count(Dictionary<string, int> vocabulary, string? words, int delta)
    {
        if (string.IsNullOrEmpty(words))
            return;
        foreach (var word in words.Split(' '))
            vocabulary[word] = vocabulary.GetValueOrDefault(word) + delta;
    }

    /// <summary>
    /// Applies the counts as increments in SQL (UPDATE … SET n = n + d), not read-modify-write, so two
    /// publishes at the same time cannot lose each other's counts. Words at zero are removed.
    /// </summary>
    private static async Task ApplyVocabularyAsync(AppDbContext db, Dictionary<string, int> vocabulary, CancellationToken ct)
    {
        var changed = vocabulary.Where(kv => kv.Value != 0).ToList();
        if (changed.Count == 0)
            return;
        foreach (var chunk in changed.Chunk(Chunk * 4))
        {
            var words = chunk.Select(kv => kv.Key).ToList();
            var known = (await db.SearchTerms.Where(t => words.Contains(t.Word)).Select(t => t.Word).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var added = chunk.Where(kv => kv.Value > 0 && !known.Contains(kv.Key)).Select(kv => new SearchTerm { Word = kv.Key, Documents = kv.Value }).ToList();
            if (added.Count > 0)
            {
                db.SearchTerms.AddRange(added);
                await db.SaveIndexChangesAsync(ct);
                foreach (var term in added)
                    db.Entry(term).State = EntityState.Detached;
            }

            foreach (var group in chunk.Where(kv => known.Contains(kv.Key)).GroupBy(kv => kv.Value))
            {
                var delta = group.Key;
                var groupWords = group.Select(kv => kv.Key).ToList();
                await db.SearchTerms.Where(t => groupWords.Contains(t.Word))
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Documents, t => t.Documents + delta), ct);
            }

            await db.SearchTerms.Where(t => words.Contains(t.Word) && t.Documents <= 0).ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>Node ids per type, widened to everything whose index row depends on them.</summary>
    private sealed class NodeIds
    {
        public HashSet<int> Gemeenten { get; } = [];

        public HashSet<int> Wijken { get; } = [];

        public HashSet<int> Places { get; } = [];

        public HashSet<int> Activities { get; } = [];

        public HashSet<int> Partners { get; } = [];

        public HashSet<int> Visions { get; } = [];

        /// <summary>The school holidays changed: activities that skip them may end on another date.</summary>
        public bool Holidays { get; private set; }

        public void Add(Type type, int id)
        {
            if (type == typeof(Web.Calendar.SchoolHolidays))
                Holidays = true;
            var set = type == typeof(Gemeente) ? Gemeenten
                : type == typeof(Wijk) ? Wijken
                : type == typeof(MeetingPlace) ? Places
                : type == typeof(Activity) ? Activities
                : type == typeof(Partner) ? Partners
                : type == typeof(Vision.Vision) ? Visions
                : null;
            set?.Add(id);
        }

        public async Task CascadeAsync(AppDbContext db, CancellationToken ct)
        {
            if (Gemeenten.Count > 0)
            {
                var g = Gemeenten.ToList();
                Wijken.UnionWith(await db.Wijken.Where(w => g.Contains(w.GemeenteId)).Select(w => w.Id).ToListAsync(ct));
            }

            if (Wijken.Count > 0)
            {
                var w = Wijken.ToList();
                Places.UnionWith(await db.MeetingPlaces.Where(x => w.Contains(x.WijkId)).Select(x => x.Id).ToListAsync(ct));
                Activities.UnionWith(await db.Activities.Where(x => w.Contains(x.WijkId)).Select(x => x.Id).ToListAsync(ct));
                Partners.UnionWith(await db.Partners.Where(x => w.Contains(x.WijkId)).Select(x => x.Id).ToListAsync(ct));
                Visions.UnionWith(await db.Visions.Where(x => w.Contains(x.WijkId)).Select(x => x.Id).ToListAsync(ct));
            }

            if (Holidays)
                Activities.UnionWith(await db.Activities.Where(x => x.Schedule.SkipSchoolHolidays != null).Select(x => x.Id).ToListAsync(ct));

            if (Places.Count > 0)
            {
                var p = Places.ToList();
                Activities.UnionWith(await db.Activities.Where(x => p.Contains(x.MeetingPlaceId)).Select(x => x.Id).ToListAsync(ct));
            }
        }
    }
}
