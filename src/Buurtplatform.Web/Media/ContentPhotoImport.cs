using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Media;

/// <summary>
/// The photos of a content import. Before the import's transaction, every new or changed image file goes
/// through the media library's checks and libvips, exactly as an upload does; a refused file fails the
/// whole import with file, line and field. Inside the transaction, the library rows and the node links are
/// brought in line with the files. A file whose bytes are unchanged is not processed again.
/// </summary>
public sealed class ContentPhotoImport(AppDbContext db, MediaLibrary library, MediaStore store, IOptions<MediaOptions> options, TimeProvider clock, ILogger<ContentPhotoImport> logger)
{
    /// <summary>Photos checked and processed, waiting for the transaction.</summary>
    public sealed class Prepared(MediaStore store)
    {
        internal Dictionary<Guid, PhotoReference> ByKey { get; } = [];

        internal Dictionary<Guid, StoredOriginal> Processed { get; } = [];

        internal List<(string StorageName, Guid Key)> Superseded { get; } = [];

        /// <summary>How many files went through libvips.</summary>
        public int ProcessedCount => Processed.Count;

        /// <summary>The import failed: the new originals go.</summary>
        public async Task DiscardAsync()
        {
            foreach (var original in Processed.Values)
                await store.DeleteOriginalAsync(original.StorageName);
        }

        /// <summary>The import is committed: the originals (and renditions) that were replaced go.</summary>
        public async Task CommittedAsync()
        {
            foreach (var (name, key) in Superseded)
            {
                await store.DeleteOriginalAsync(name);
                store.DeleteRenditions(key);
            }
        }
    }

    public async Task<Prepared> PrepareAsync(ContentTreeData tree, CancellationToken ct)
    {
        var errors = new List<ContentError>();
        var prepared = new Prepared(store);
        var hashes = new Dictionary<Guid, string>();
        foreach (var photo in tree.PhotosByNode.Values.OrderBy(p => p.File, StringComparer.Ordinal))
        {
            if (new FileInfo(photo.FullPath).Length > options.Value.MaxBytes)
            {
                errors.Add(new ContentError(photo.File, photo.Line, "photo.file", Text(UploadProblem.TooLarge, null)));
                continue;
            }

            var hash = MediaLibrary.Sha256(await File.ReadAllBytesAsync(photo.FullPath, ct));
            if (prepared.ByKey.TryGetValue(photo.Key, out var other))
            {
                if (hashes[photo.Key] != hash || other.Details != photo.Details)
                {
                    errors.Add(new ContentError(photo.File, photo.Line, "photo.key",
                        $"{photo.Key} is also the key of the photo in {other.File}, with another file or other details; one key is one photo"));
                }

                continue;
            }

            if (photo.Details.ConsentDate > library.Today)
                errors.Add(new ContentError(photo.File, photo.Line, "photo.consent.date", "must not be in the future"));
            prepared.ByKey[photo.Key] = photo;
            hashes[photo.Key] = hash;
        }

        var keys = prepared.ByKey.Keys.ToList();
        var existing = await db.MediaItems.AsNoTracking().Where(m => keys.Contains(m.Key)).ToDictionaryAsync(m => m.Key, ct);
        try
        {
            foreach (var (key, photo) in prepared.ByKey)
            {
                if (errors.Count > 0)
                    break; // the import fails anyway: process nothing more
                if (existing.TryGetValue(key, out var item) && (item.SourceSha256 == hashes[key] || item.StoredSha256 == hashes[key]))
                    continue;
                var intake = await library.IntakeAsync(await File.ReadAllBytesAsync(photo.FullPath, ct), ct);
                if (intake.Original is null)
                    errors.Add(new ContentError(photo.File, photo.Line, "photo.file", Text(intake.Problem!.Value, intake.Detail)));
                else
                    prepared.Processed[key] = intake.Original;
            }
        }
        catch
        {
            await prepared.DiscardAsync();
            throw;
        }

        if (errors.Count > 0)
        {
            await prepared.DiscardAsync();
            throw new ContentImportException(errors);
        }

        return prepared;
    }

    /// <summary>Inside the import's transaction, after the nodes are saved. True when anything changed.</summary>
    public async Task<bool> ApplyAsync(ContentTreeData tree, Prepared prepared, CancellationToken ct)
    {
        var changed = false;
        var keys = prepared.ByKey.Keys.ToList();
        var items = await db.MediaItems.Where(m => keys.Contains(m.Key)).ToDictionaryAsync(m => m.Key, ct);
        foreach (var (key, photo) in prepared.ByKey)
        {
            prepared.Processed.TryGetValue(key, out var original);
            var itemChanged = false;
            if (!items.TryGetValue(key, out var item))
            {
                items[key] = library.NewItem(original!, photo.Details, key);
                changed = true;
                continue;
            }

            if (original is not null)
            {
                prepared.Superseded.Add((item.StorageName, item.Key));
                MediaLibrary.SetOriginal(item, original);
                item.Version++;
                itemChanged = true;
            }

            if (PhotoDetails.From(item) != photo.Details)
            {
                var (x, y) = (item.FocalX, item.FocalY);
                photo.Details.ApplyTo(item);
                if (original is null && (x != item.FocalX || y != item.FocalY))
                    item.Version++;
                itemChanged = true;
            }

            if (itemChanged)
                item.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
            changed |= itemChanged;
            if (item.ConsentWithdrawnUtc is not null)
                logger.LogWarning("Photo {Key} in {File}: its consent was withdrawn, and an import does not undo that; it stays off the site", key, photo.File);
        }

        await db.SaveChangesAsync(ct);
        changed |= await LinkAsync(tree, items, ct);
        changed |= await SetOwningWijkAsync(tree, items, ct);
        return changed;
    }

    /// <summary>Each wijk, meeting place and activity in the tree shows the photo its file names, or none.</summary>
    private async Task<bool> LinkAsync(ContentTreeData tree, Dictionary<Guid, MediaItem> items, CancellationToken ct)
    {
        var nodes = ContentTree.Walk(tree).Select(x => x.Node).Where(n => n is Wijk or MeetingPlace or Activity).ToList();
        var wijkKeys = nodes.OfType<Wijk>().Select(n => n.Key).ToList();
        var placeKeys = nodes.OfType<MeetingPlace>().Select(n => n.Key).ToList();
        var activityKeys = nodes.OfType<Activity>().Select(n => n.Key).ToList();
        var wijken = await db.Wijken.Where(w => wijkKeys.Contains(w.Key)).ToDictionaryAsync(w => w.Key, w => w.Id, ct);
        var places = await db.MeetingPlaces.Where(p => placeKeys.Contains(p.Key)).ToDictionaryAsync(p => p.Key, p => p.Id, ct);
        var activities = await db.Activities.Where(a => activityKeys.Contains(a.Key)).ToDictionaryAsync(a => a.Key, a => a.Id, ct);
        var (wijkIds, placeIds, activityIds) = (wijken.Values.ToList(), places.Values.ToList(), activities.Values.ToList());
        var usages = await db.MediaUsages
            .Where(u => (u.WijkId != null && wijkIds.Contains(u.WijkId.Value))
                || (u.MeetingPlaceId != null && placeIds.Contains(u.MeetingPlaceId.Value))
                || (u.ActivityId != null && activityIds.Contains(u.ActivityId.Value)))
            .ToListAsync(ct);

        var changed = false;
        foreach (var node in nodes)
        {
            var current = node switch
            {
                Wijk => usages.FirstOrDefault(u => u.WijkId == wijken[node.Key]),
                MeetingPlace => usages.FirstOrDefault(u => u.MeetingPlaceId == places[node.Key]),
                _ => usages.FirstOrDefault(u => u.ActivityId == activities[node.Key]),
            };
            var wanted = tree.PhotosByNode.TryGetValue(node, out var photo) ? items[photo.Key] : null;
            if (wanted is null)
            {
                if (current is not null)
                {
                    db.MediaUsages.Remove(current);
                    changed = true;
                }

                continue;
            }

            if (current is null)
            {
                current = new MediaUsage
                {
                    WijkId = node is Wijk ? wijken[node.Key] : null,
                    MeetingPlaceId = node is MeetingPlace ? places[node.Key] : null,
                    ActivityId = node is Activity ? activities[node.Key] : null,
                };
                db.MediaUsages.Add(current);
            }
            else if (current.MediaItemId == wanted.Id)
            {
                continue;
            }

            current.MediaItem = wanted;
            changed = true;
        }

        await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>A photo from the content belongs to the media library of the wijk of the (first) node that shows it.</summary>
    private async Task<bool> SetOwningWijkAsync(ContentTreeData tree, Dictionary<Guid, MediaItem> items, CancellationToken ct)
    {
        var wijkKeys = new Dictionary<Guid, Guid>();
        foreach (var (node, photo) in tree.PhotosByNode.OrderBy(p => p.Value.File, StringComparer.Ordinal))
        {
            var wijk = node switch { Wijk w => w, MeetingPlace p => p.Wijk, Activity a => a.Wijk, _ => null };
            if (wijk is not null)
                wijkKeys.TryAdd(photo.Key, wijk.Key);
        }

        var keys = wijkKeys.Values.Distinct().ToList();
        var ids = await db.Wijken.Where(w => keys.Contains(w.Key)).ToDictionaryAsync(w => w.Key, w => w.Id, ct);
        var changed = false;
        foreach (var (photoKey, wijkKey) in wijkKeys)
        {
            if (items[photoKey].WijkId is null)
            {
                items[photoKey].WijkId = ids[wijkKey];
                changed = true;
            }
        }

        await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>Why a content file's photo was refused, in the content format's language (English) and with the way out.</summary>
    private string Text(UploadProblem problem, string? detail) => problem switch
    {
        UploadProblem.Empty => "the image file is empty",
        UploadProblem.TooLarge => $"the image file is larger than {options.Value.MaxBytes / (1024 * 1024)} MB (Media:MaxBytes); make it smaller",
        UploadProblem.NotAccepted => "is not a photo the site accepts: JPEG, PNG, WebP or HEIC, recognised by its content (not by its name)",
        UploadProblem.Unreadable => "the image's header cannot be read; the file is damaged or not a photo",
        UploadProblem.TooManyPixels => $"the image has more than {options.Value.MaxMegapixels:0.#} megapixels (Media:MaxMegapixels); make it smaller",
        UploadProblem.ProcessorMissing => $"photos cannot be processed: libvips is not available ({detail}). Install it with: {ImageProcessorUnavailableException.InstallCommand}",
        _ => $"libvips could not process the image ({detail})",
    };
}
