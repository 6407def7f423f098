using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Calendar;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Infrastructure.Caching;
using Buurtplatform.Web.Media;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.Vision;
using Buurtplatform.Web.Vision.Suggestions;

namespace Buurtplatform.Web.Content;

/// <summary>Counts of what an import did (nodes; and how many photo files went through libvips), and what the reader warned about.</summary>
public sealed record ImportResult(int Added, int Updated, int Unchanged, int PhotosProcessed = 0)
{
    /// <summary>The content's warnings (<see cref="ContentTreeData.Warnings"/>): imported all the same, and logged.</summary>
    public IReadOnlyList<ContentWarning> Warnings { get; init; } = [];

    /// <summary>Translations added, changed or removed (a node's translations are replaced by the ones beside its file).</summary>
    public int TranslationsChanged { get; init; }

    // Two results are equal when they say the same, warnings compared by content (a record compares lists by reference).
    public bool Equals(ImportResult? other) =>
        other is not null && (Added, Updated, Unchanged, PhotosProcessed, TranslationsChanged) == (other.Added, other.Updated, other.Unchanged, other.PhotosProcessed, other.TranslationsChanged)
        && Warnings.SequenceEqual(other.Warnings);

    public override int GetHashCode() => HashCode.Combine(Added, Updated, Unchanged, PhotosProcessed, TranslationsChanged, Warnings.Count);

    /// <summary>What the command line and the audit log say about it.</summary>
    public string Summary => $"{Added} added, {Updated} updated, {Unchanged} unchanged, {TranslationsChanged} translations added, changed or removed";
}

/// <summary>
/// Imports a content folder into the database in one transaction, matching nodes by <c>Key</c>:
/// a node that exists is updated in place (its database id and children stay), a new one is added.
/// Importing the same folder twice changes nothing. Nodes that are not in the folder are left alone.
/// A node's translations are replaced by the translation files beside it (<see cref="ContentTranslation"/>).
/// </summary>
/// <remarks>
/// Photos (<c>photo:</c> groups) need <see cref="ContentPhotoImport"/>: their files are checked and processed
/// before the transaction, and their rows and links written inside it. Without it, a tree with photos is refused.
/// </remarks>
public sealed class ContentImporter(AppDbContext db, ILogger<ContentImporter> logger, CacheChanges? cache = null, ContentPhotoImport? photos = null, TimeProvider? clock = null)
{
    public async Task<ImportResult> ImportAsync(string root, CancellationToken ct = default)
    {
        var tree = ContentTreeReader.Read(root);
        foreach (var w in tree.Warnings)
            logger.LogWarning("Content warning, imported all the same: {File}:{Line}: field '{Field}': {Message}", w.File, w.Line, w.Field, w.Message);
        if (photos is null && tree.PhotosByNode.Values.FirstOrDefault() is { } photo)
            throw new ContentImportException([new ContentError(photo.File, photo.Line, "photo", "this import cannot process photos (it runs without the media feature)")]);

        // Processing photos takes seconds: done before the transaction, so the database is not held up meanwhile.
        var prepared = photos is null ? null : await photos.PrepareAsync(tree, ct);
        try
        {
            // The strategy makes the transaction retryable on providers with retrying strategies.
            var strategy = db.Database.CreateExecutionStrategy();
            var result = await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var nodes = await ApplyAsync(tree, ct);
                var photosChanged = photos is not null && await photos.ApplyAsync(tree, prepared!, ct);
                // Imported content may touch any page or feed: every node evicts them all, once this commits.
                var change = cache is not null && (nodes.Added + nodes.Updated + nodes.TranslationsChanged > 0 || photosChanged)
                    ? await cache.RecordAsync([CachePolicies.ContentTag], ct)
                    : null;
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
                return (Result: nodes with { PhotosProcessed = prepared?.ProcessedCount ?? 0, Warnings = tree.Warnings }, Change: change);
            });

            if (prepared is not null)
                await prepared.CommittedAsync();

            // After the commit, never before.
            if (result.Change is not null)
                await cache!.EvictAsync(result.Change, ct);
            logger.LogInformation("Content imported from {Root}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Translations} translations changed, {Photos} photos processed, {Warnings} warnings",
                root, result.Result.Added, result.Result.Updated, result.Result.Unchanged, result.Result.TranslationsChanged, result.Result.PhotosProcessed, result.Result.Warnings.Count);
            return result.Result;
        }
        catch
        {
            if (prepared is not null)
                await prepared.DiscardAsync();
            throw;
        }
    }

    private async Task<ImportResult> ApplyAsync(ContentTreeData data, CancellationToken ct)
    {
        var tree = data.Gemeenten;
        var gemeenten = await db.Gemeenten.ToDictionaryAsync(x => x.Key, ct);
        var wijken = await db.Wijken.ToDictionaryAsync(x => x.Key, ct);
        var partners = await db.Partners.ToDictionaryAsync(x => x.Key, ct);
        var places = await db.MeetingPlaces.ToDictionaryAsync(x => x.Key, ct);
        var activities = await db.Activities.ToDictionaryAsync(x => x.Key, ct);
        var visions = await db.Visions.ToDictionaryAsync(x => x.Key, ct);
        var holidays = await db.SchoolHolidays.ToDictionaryAsync(x => x.Key, ct);
        var examples = await db.VisionSuggestions.Where(x => x.IsExample).ToDictionaryAsync(x => x.Key, ct);
        var counter = new Counter();

        if (data.Holidays is { } h)
        {
            Merge(holidays, h, counter, SchoolHolidaysFile.Copy);
            await SaveAsync(ct);
        }

        foreach (var g in tree)
        {
            var gemeente = Merge(gemeenten, g, counter, GemeenteFile.Copy);
            await SaveAsync(ct);
            foreach (var w in g.Wijken)
            {
                var wijk = Merge(wijken, w, counter, (to, from) => WijkFile.Copy(to, from, gemeente));
                await SaveAsync(ct);
                var partnerMap = new Dictionary<Partner, Partner>(ReferenceEqualityComparer.Instance);
                foreach (var p in w.Partners)
                    partnerMap[p] = Merge(partners, p, counter, (to, from) => PartnerFile.Copy(to, from, wijk));

                await SaveAsync(ct);
                var placeMap = new Dictionary<MeetingPlace, MeetingPlace>(ReferenceEqualityComparer.Instance);
                foreach (var p in w.MeetingPlaces)
                    placeMap[p] = Merge(places, p, counter, (to, from) => MeetingPlaceFile.Copy(to, from, wijk, partnerMap[from.HostPartner]));

                await SaveAsync(ct);
                foreach (var a in w.Activities)
                {
                    Merge(activities, a, counter, (to, from) =>
                        ActivityFile.Copy(to, from, wijk, placeMap[from.MeetingPlace], partnerMap[from.Organiser],
                            to.Id == 0 ? null : ActivityFile.SchedulingFingerprint(to)));
                }

                if (w.Vision is { } v)
                {
                    var vision = Merge(visions, v, counter, (to, from) => VisionFile.Copy(to, from, wijk));
                    await SaveAsync(ct);
                    foreach (var idea in data.SuggestionsByVision.GetValueOrDefault(v) ?? [])
                    {
                        // Example ideas are not nodes: matched by key, added or updated, not counted.
                        if (!examples.TryGetValue(idea.Key, out var row))
                            db.VisionSuggestions.Add(examples[idea.Key] = row = new VisionSuggestion { Key = idea.Key });
                        SuggestionFile.Copy(row, idea, vision.Id);
                    }
                }

                await SaveAsync(ct);
            }
        }

        var translations = await ApplyTranslationsAsync(data, ct);
        return new ImportResult(counter.Added, counter.Updated, counter.Unchanged) { TranslationsChanged = translations };
    }

    /// <summary>
    /// Replaces the translations of every node in the tree with the ones read beside it: adds, updates (when text or
    /// source hash differ), removes those whose file is gone. Translations of nodes not in the tree are left alone.
    /// </summary>
    private async Task<int> ApplyTranslationsAsync(ContentTreeData data, CancellationToken ct)
    {
        var nodes = ContentTree.Walk(data).Select(n => n.Node.Key).ToHashSet();
        var incoming = data.Translations.ToDictionary(t => (t.NodeKey, t.Culture));
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var changed = 0;
        foreach (var row in (await db.ContentTranslations.ToListAsync(ct)).Where(r => nodes.Contains(r.NodeKey)))
        {
            if (!incoming.Remove((row.NodeKey, row.Culture), out var from))
            {
                db.ContentTranslations.Remove(row);
                changed++;
            }
            else if (row.Kind != from.Kind || row.SourceHash != from.SourceHash || !SameFields(row.Fields, from.Fields))
            {
                (row.Kind, row.Fields, row.SourceHash, row.UpdatedUtc) = (from.Kind, new(from.Fields, StringComparer.Ordinal), from.SourceHash, now);
                changed++;
            }
        }

        // In reading order, so a fresh database numbers them the same way every time.
        foreach (var t in data.Translations.Where(t => incoming.ContainsKey((t.NodeKey, t.Culture))))
        {
            db.ContentTranslations.Add(new ContentTranslation
            {
                NodeKey = t.NodeKey, Kind = t.Kind, Culture = t.Culture, Fields = new(t.Fields, StringComparer.Ordinal), SourceHash = t.SourceHash, UpdatedUtc = now,
            });
            changed++;
        }

        await SaveAsync(ct);
        return changed;
    }

    private static bool SameFields(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(x => b.TryGetValue(x.Key, out var v) && v == x.Value);

    private async Task SaveAsync(CancellationToken ct)
    {
        foreach (var entry in db.ChangeTracker.Entries<ContentNode>().Where(e => e.State == EntityState.Modified))
            entry.Property(x => x.CreatedUtc).IsModified = false;
        await db.SaveChangesAsync(ct);
    }

    private sealed class Counter
    {
        public int Added;
        public int Updated;
        public int Unchanged;
    }

    /// <param name="copy">Copies the content; returns true when it replaced an owned collection.</param>
    private T Merge<T>(Dictionary<Guid, T> existing, T from, Counter counter, Func<T, T, bool> copy)
        where T : ContentNode, new()
    {
        if (!existing.TryGetValue(from.Key, out var to))
        {
            to = new T { Key = from.Key, CreatedUtc = from.CreatedUtc };
            db.Add(to);
            existing[from.Key] = to;
            counter.Added++;
        }

        to.Slug = from.Slug;
        to.State = from.State;
        to.UpdatedUtc = from.UpdatedUtc;
        var ownedReplaced = copy(to, from);
        if (db.Entry(to).State == EntityState.Added)
            return to;

        db.ChangeTracker.DetectChanges();
        var changed = ownedReplaced
            || db.Entry(to).State == EntityState.Modified
            || db.Entry(to).References.Any(r => r.TargetEntry is { State: EntityState.Modified } && r.Metadata.TargetEntityType.IsOwned());
        if (changed)
            counter.Updated++;
        else
            counter.Unchanged++;
        return to;
    }
}
