using System.Security.Cryptography;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Media;

/// <summary>An accepted upload after processing: the original is stored (<see cref="MediaStore"/>) under a generated name.</summary>
public sealed record StoredOriginal(string StorageName, ImageFormat SourceFormat, string SourceSha256, string StoredSha256, int Width, int Height, long ByteSize);

/// <summary>The outcome of taking in a file: the stored original, or why not.</summary>
public sealed record Intake(StoredOriginal? Original, UploadProblem? Problem, string? Detail = null);

/// <summary>The outcome of adding or replacing a photo.</summary>
public sealed record MediaResult(MediaItem? Item, UploadProblem? Problem, IReadOnlyList<(string Field, DetailProblem Problem)> DetailProblems, string? Detail = null)
{
    public bool Succeeded => Item is not null;
}

public enum PhotoUsageKind
{
    Wijk,
    MeetingPlace,
    Activity,
}

/// <summary>A page a photo is shown on (<paramref name="UsageId"/>: the link, to take it off again).</summary>
public sealed record PhotoUsage(PhotoUsageKind Kind, Guid NodeKey, string Title, string Url, int UsageId = 0);

/// <summary>
/// The media library's operations, shared by the backoffice and the content import so both go through the
/// same checks and the same processing: add, replace, change details, withdraw consent, delete, where used.
/// </summary>
public sealed class MediaLibrary(
    AppDbContext db,
    UploadValidator validator,
    IImageProcessor processor,
    MediaStore store,
    TimeProvider clock,
    ILogger<MediaLibrary> logger,
    Infrastructure.Caching.CacheChanges? cacheChanges = null,
    AuditLog? audit = null)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Checks a file (size, format by content, pixel count from its header) and only then hands it to libvips.</summary>
    public async Task<Intake> IntakeAsync(Stream content, CancellationToken ct = default)
    {
        var (bytes, problem) = await validator.ReadAsync(content, ct);
        return problem is not null ? new Intake(null, problem) : await IntakeAsync(bytes!, ct);
    }

    public async Task<Intake> IntakeAsync(byte[] bytes, CancellationToken ct = default)
    {
        if (validator.Check(bytes, out var header) is { } problem)
            return new Intake(null, problem);

        // The upload is written under a generated name with the extension of what it really is.
        var upload = store.NewWorkFile(ImageHeader.Extension(header.Format));
        var extension = header.Format == ImageFormat.Png ? ".png" : ".jpg";
        var normalised = store.NewWorkFile(extension);
        try
        {
            await File.WriteAllBytesAsync(upload, bytes, ct);
            await processor.NormaliseAsync(upload, normalised, ct);
            var stored = await File.ReadAllBytesAsync(normalised, ct);
            if (ImageHeaderReader.Read(stored) is not { Width: > 0, Height: > 0 } result)
                return new Intake(null, UploadProblem.ProcessingFailed, "libvips wrote no readable image");
            var storageName = MediaStore.NewStorageName(extension);
            await store.PutOriginalAsync(storageName, normalised, ct);
            return new Intake(new StoredOriginal(storageName, header.Format, Sha256(bytes), Sha256(stored), result.Width, result.Height, stored.Length), null);
        }
        catch (ImageProcessorUnavailableException e)
        {
            return new Intake(null, UploadProblem.ProcessorMissing, e.Detail);
        }
        catch (ImageProcessingException e)
        {
            return new Intake(null, UploadProblem.ProcessingFailed, e.Message);
        }
        finally
        {
            File.Delete(upload);
            File.Delete(normalised);
        }
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A new library item for a stored original (added to the context, not yet saved).</summary>
    public MediaItem NewItem(StoredOriginal original, PhotoDetails details, Guid? key = null, int? wijkId = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var item = new MediaItem { Key = key ?? Guid.NewGuid(), CreatedUtc = now, UpdatedUtc = now, WijkId = wijkId };
        SetOriginal(item, original);
        details.ApplyTo(item);
        db.MediaItems.Add(item);
        return item;
    }

    /// <summary>Points the item at a newly stored original (file, hashes, size).</summary>
    internal static void SetOriginal(MediaItem item, StoredOriginal original)
    {
        item.StorageName = original.StorageName;
        item.SourceFormat = original.SourceFormat;
        item.SourceSha256 = original.SourceSha256;
        item.StoredSha256 = original.StoredSha256;
        item.Width = original.Width;
        item.Height = original.Height;
        item.ByteSize = original.ByteSize;
    }

    /// <summary>Adds a photo to the library. The details are checked first, so a refused form costs no processing.</summary>
    /// <param name="wijkId">The wijk whose media library gets the photo.</param>
    public async Task<MediaResult> AddAsync(Stream content, PhotoDetails details, int? wijkId = null, CancellationToken ct = default)
    {
        var detailProblems = details.Problems(Today).ToList();
        if (detailProblems.Count > 0)
            return new MediaResult(null, null, detailProblems);
        var intake = await IntakeAsync(content, ct);
        if (intake.Original is not { } original)
            return new MediaResult(null, intake.Problem, [], intake.Detail);
        var item = NewItem(original, details, wijkId: wijkId);
        audit?.Record(AuditAction.MediaUploaded, AuditTarget.Media(item.Key),
            FormattableString.Invariant($"{item.SourceFormat}, {item.Width}x{item.Height}, children recognisable: {(item.ChildrenRecognisable ? "yes, consent recorded" : "no")}"));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Photo {Key} added ({Format}, {Width}×{Height})", item.Key, item.SourceFormat, item.Width, item.Height);
        return new MediaResult(item, null, []);
    }

    /// <summary>Puts a new file in place of the old one; the version goes up, so every page gets the new URLs.</summary>
    public async Task<MediaResult> ReplaceAsync(MediaItem item, Stream content, CancellationToken ct = default)
    {
        var intake = await IntakeAsync(content, ct);
        if (intake.Original is not { } original)
            return new MediaResult(null, intake.Problem, [], intake.Detail);
        var old = item.StorageName;
        SetOriginal(item, original);
        item.Version++;
        item.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        audit?.Record(AuditAction.MediaReplaced, AuditTarget.Media(item.Key), FormattableString.Invariant($"version {item.Version}: {item.SourceFormat}, {item.Width}x{item.Height}"));
        await db.SaveChangesAsync(ct);
        await store.DeleteOriginalAsync(old, ct);
        store.DeleteRenditions(item.Key);
        await EvictPagesAsync(ct);
        return new MediaResult(item, null, []);
    }

    /// <summary>Changes alt text, description, focal point or consent; a new focal point means new crops, so a new version.</summary>
    public async Task<IReadOnlyList<(string Field, DetailProblem Problem)>> UpdateDetailsAsync(MediaItem item, PhotoDetails details, CancellationToken ct = default)
    {
        var problems = details.Problems(Today).ToList();
        if (problems.Count > 0)
            return problems;
        var (x, y) = (item.FocalX, item.FocalY);
        details.ApplyTo(item);
        if (item.FocalX != x || item.FocalY != y)
            item.Version++;
        item.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        audit?.Record(AuditAction.MediaChanged, AuditTarget.Media(item.Key), "alt text, description, focal point or consent");
        await db.SaveChangesAsync(ct);
        store.DeleteRenditions(item.Key, exceptVersion: item.Version);
        await EvictPagesAsync(ct);
        return [];
    }

    /// <summary>
    /// Consent withdrawn: from this moment the photo is on no public page or feed and its URLs answer 404.
    /// The renditions are deleted; the private original stays for the library until the photo is deleted.
    /// </summary>
    public async Task WithdrawConsentAsync(MediaItem item, string by, CancellationToken ct = default)
    {
        if (item.ConsentWithdrawnUtc is not null)
            return;
        item.ConsentWithdrawnUtc = clock.GetUtcNow().UtcDateTime;
        item.ConsentWithdrawnBy = by;
        item.UpdatedUtc = item.ConsentWithdrawnUtc.Value;
        var pages = await db.MediaUsages.CountAsync(u => u.MediaItemId == item.Id, ct);
        audit?.Record(AuditAction.ConsentWithdrawn, AuditTarget.Media(item.Key),
            FormattableString.Invariant($"taken off {pages} page(s) and every feed; renditions deleted"));
        await db.SaveChangesAsync(ct);
        store.DeleteRenditions(item.Key);
        await EvictPagesAsync(ct);
        logger.LogInformation("Consent for photo {Key} withdrawn; its renditions are deleted", item.Key);
    }

    /// <summary>Deletes a photo that is shown nowhere; returns the pages that still show it otherwise (and deletes nothing).</summary>
    public async Task<IReadOnlyList<PhotoUsage>> DeleteAsync(MediaItem item, CancellationToken ct = default)
    {
        var usages = await WhereUsedAsync(item.Id, ct);
        if (usages.Count > 0)
            return usages;
        db.MediaItems.Remove(item);
        audit?.Record(AuditAction.MediaDeleted, AuditTarget.Media(item.Key), "original and renditions deleted");
        await db.SaveChangesAsync(ct);
        await store.DeleteOriginalAsync(item.StorageName, ct);
        store.DeleteRenditions(item.Key);
        await EvictPagesAsync(ct);
        logger.LogInformation("Photo {Key} deleted with its original and renditions", item.Key);
        return [];
    }

    /// <summary>Every page that shows the photo (drafts too: they would show it once published).</summary>
    public async Task<IReadOnlyList<PhotoUsage>> WhereUsedAsync(int mediaItemId, CancellationToken ct = default)
    {
        var usages = await db.MediaUsages.AsNoTracking().Where(u => u.MediaItemId == mediaItemId).ToListAsync(ct);
        var wijkIds = usages.Where(u => u.WijkId != null).Select(u => u.WijkId!.Value).ToList();
        var placeIds = usages.Where(u => u.MeetingPlaceId != null).Select(u => u.MeetingPlaceId!.Value).ToList();
        var activityIds = usages.Where(u => u.ActivityId != null).Select(u => u.ActivityId!.Value).ToList();
        var wijken = await db.Wijken.AsNoTracking().Include(w => w.Gemeente).Where(w => wijkIds.Contains(w.Id)).OrderBy(w => w.Name).ToListAsync(ct);
        var places = await db.MeetingPlaces.AsNoTracking().Include(p => p.Wijk).ThenInclude(w => w.Gemeente)
            .Where(p => placeIds.Contains(p.Id)).OrderBy(p => p.Name).ToListAsync(ct);
        var activities = await db.Activities.AsNoTracking().Include(a => a.Wijk).ThenInclude(w => w.Gemeente)
            .Where(a => activityIds.Contains(a.Id)).OrderBy(a => a.Title).ToListAsync(ct);
        return
        [
            .. wijken.Select(w => new PhotoUsage(PhotoUsageKind.Wijk, w.Key, w.Name, Links.Wijk(w), usages.First(u => u.WijkId == w.Id).Id)),
            .. places.Select(p => new PhotoUsage(PhotoUsageKind.MeetingPlace, p.Key, p.Name, Links.MeetingPlace(p), usages.First(u => u.MeetingPlaceId == p.Id).Id)),
            .. activities.Select(a => new PhotoUsage(PhotoUsageKind.Activity, a.Key, a.Title, Links.Activity(a), usages.First(u => u.ActivityId == a.Id).Id)),
        ];
    }

    /// <summary>
    /// Shows the photo on a page of its own wijk (in place of the photo that page had). False when the page is
    /// not in the photo's wijk, or the photo may not be shown (consent withdrawn).
    /// </summary>
    public async Task<bool> PlaceAsync(MediaItem item, PhotoUsageKind kind, int nodeId, CancellationToken ct = default)
    {
        if (!item.IsPublic || item.WijkId is not { } wijkId)
            return false;
        var inWijk = kind switch
        {
            PhotoUsageKind.Wijk => nodeId == wijkId && await db.Wijken.AnyAsync(w => w.Id == nodeId, ct),
            PhotoUsageKind.MeetingPlace => await db.MeetingPlaces.AnyAsync(p => p.Id == nodeId && p.WijkId == wijkId, ct),
            _ => await db.Activities.AnyAsync(a => a.Id == nodeId && a.WijkId == wijkId, ct),
        };
        if (!inWijk)
            return false;
        var usage = await db.MediaUsages.FirstOrDefaultAsync(u => kind == PhotoUsageKind.Wijk ? u.WijkId == nodeId
            : kind == PhotoUsageKind.MeetingPlace ? u.MeetingPlaceId == nodeId : u.ActivityId == nodeId, ct);
        if (usage is null)
        {
            usage = new MediaUsage
            {
                WijkId = kind == PhotoUsageKind.Wijk ? nodeId : null,
                MeetingPlaceId = kind == PhotoUsageKind.MeetingPlace ? nodeId : null,
                ActivityId = kind == PhotoUsageKind.Activity ? nodeId : null,
            };
            db.MediaUsages.Add(usage);
        }

        usage.MediaItemId = item.Id;
        audit?.Record(AuditAction.MediaPlaced, AuditTarget.Media(item.Key), $"{Target(kind, nodeId)}");
        await db.SaveChangesAsync(ct);
        await EvictPagesAsync(ct);
        return true;
    }

    /// <summary>Takes the photo off one page.</summary>
    public async Task<bool> RemoveFromPageAsync(MediaItem item, int usageId, CancellationToken ct = default)
    {
        var usage = await db.MediaUsages.FirstOrDefaultAsync(u => u.Id == usageId && u.MediaItemId == item.Id, ct);
        if (usage is null)
            return false;
        db.MediaUsages.Remove(usage);
        var kind = usage.WijkId is not null ? PhotoUsageKind.Wijk : usage.MeetingPlaceId is not null ? PhotoUsageKind.MeetingPlace : PhotoUsageKind.Activity;
        audit?.Record(AuditAction.MediaRemovedFromPage, AuditTarget.Media(item.Key), Target(kind, usage.WijkId ?? usage.MeetingPlaceId ?? usage.ActivityId ?? 0));
        await db.SaveChangesAsync(ct);
        await EvictPagesAsync(ct);
        return true;
    }

    private static string Target(PhotoUsageKind kind, int id) => kind switch
    {
        PhotoUsageKind.Wijk => AuditTarget.Wijk(id),
        PhotoUsageKind.MeetingPlace => AuditTarget.MeetingPlace(id),
        _ => AuditTarget.Activity(id),
    };

    /// <summary>Pages show photos through the output cache: evict it on every node, so a change is visible at once.</summary>
    private async Task EvictPagesAsync(CancellationToken ct)
    {
        if (cacheChanges is not null)
            await cacheChanges.AnnounceAsync([CachePolicies.ContentTag], ct);
    }
}
