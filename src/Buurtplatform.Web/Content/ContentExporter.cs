using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Calendar;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.Vision;
using Buurtplatform.Web.Vision.Suggestions;

namespace Buurtplatform.Web.Content;

/// <summary>
/// Writes the database back as an <c>umbraco-content/</c> folder, in the same format the importer
/// reads, so that importing an export gives the same content. Output is deterministic.
/// </summary>
/// <remarks>
/// A photo is written beside its node's file (its stored original: rotated, without metadata) with its
/// <c>photo:</c> group. A photo whose consent was withdrawn is not exported: it must not travel further.
/// </remarks>
public sealed class ContentExporter(AppDbContext db, Media.MediaStore? media = null)
{
    /// <summary>Writes every node (drafts included) and its photo under <paramref name="root"/>; returns the number of files.</summary>
    public Task<int> ExportAsync(string root, CancellationToken ct = default) => WriteAsync(path =>
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return File.Create(full);
    }, ct);

    /// <summary>
    /// The same export as a zip written to <paramref name="output"/>, every file under <c>umbraco-content/</c>
    /// with one fixed time (the same content gives the same zip); returns the number of files.
    /// </summary>
    public async Task<int> ExportZipAsync(Stream output, CancellationToken ct = default)
    {
        var stamp = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var archive = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true);
        return await WriteAsync(path =>
        {
            var entry = archive.CreateEntry("umbraco-content/" + path, System.IO.Compression.CompressionLevel.Optimal);
            entry.LastWriteTime = stamp;
            return entry.Open();
        }, ct);
    }

    /// <summary>Every text file and photo of the export, each written to the stream <paramref name="create"/> opens for its relative path.</summary>
    private async Task<int> WriteAsync(Func<string, Stream> create, CancellationToken ct)
    {
        var (files, photos) = await RenderAllAsync(ct);
        if (photos.Count > 0 && media is null)
            throw new InvalidOperationException("This export has photos but runs without the media feature.");
        foreach (var (path, text) in files)
        {
            await using var stream = create(path);
            await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text), ct);
        }

        foreach (var (path, storageName) in photos)
        {
            await using var source = await media!.OpenOriginalAsync(storageName, ct);
            await using var stream = create(path);
            await source.CopyToAsync(stream, ct);
        }

        return files.Count + photos.Count;
    }

    /// <summary>The text files of an export: relative path → text.</summary>
    public async Task<SortedDictionary<string, string>> RenderAsync(CancellationToken ct = default) => (await RenderAllAsync(ct)).Files;

    /// <summary>The text files, and the photo files (relative path → stored original's name).</summary>
    private async Task<(SortedDictionary<string, string> Files, SortedDictionary<string, string> Photos)> RenderAllAsync(CancellationToken ct)
    {
        var gemeenten = await db.Gemeenten.AsNoTracking()
            .Include(g => g.Wijken).ThenInclude(w => w.Partners)
            .Include(g => g.Wijken).ThenInclude(w => w.MeetingPlaces).ThenInclude(p => p.HostPartner)
            .Include(g => g.Wijken).ThenInclude(w => w.Activities).ThenInclude(a => a.MeetingPlace)
            .Include(g => g.Wijken).ThenInclude(w => w.Activities).ThenInclude(a => a.Organiser)
            .Include(g => g.Wijken).ThenInclude(w => w.Vision)
            .AsSplitQuery()
            .ToListAsync(ct);

        var holidays = await db.SchoolHolidays.AsNoTracking().FirstOrDefaultAsync(ct);
        var usages = await db.MediaUsages.AsNoTracking().Include(u => u.MediaItem)
            .Where(u => u.MediaItem.ConsentWithdrawnUtc == null).ToListAsync(ct);
        var translations = (await db.ContentTranslations.AsNoTracking().ToListAsync(ct)).ToLookup(t => t.NodeKey);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var photos = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (node, path) in ContentTree.Walk(new ContentTreeData(gemeenten, holidays)))
        {
            // Its translations beside it: babybootcamp.ar.md.
            foreach (var t in translations[node.Key])
                files[path[..(path.LastIndexOf('/') + 1)] + TranslationFile.NameFor(path[(path.LastIndexOf('/') + 1)..], t.Culture)] = TranslationFile.Write(t);

            var usage = node switch
            {
                Wijk w => usages.FirstOrDefault(u => u.WijkId == w.Id),
                MeetingPlace p => usages.FirstOrDefault(u => u.MeetingPlaceId == p.Id),
                Activity a => usages.FirstOrDefault(u => u.ActivityId == a.Id),
                _ => null,
            };
            string? photoFile = null;
            if (usage is not null)
            {
                // Beside the node's file, named after it: wijk.jpg, {slug}.jpg.
                photoFile = Path.GetFileNameWithoutExtension(path) + Path.GetExtension(usage.MediaItem.StorageName);
                photos[path[..(path.LastIndexOf('/') + 1)] + photoFile] = usage.MediaItem.StorageName;
            }

            files[path] = Render(node, usage?.MediaItem, photoFile);
        }

        // A vision's example ideas beside it; parents' own ideas are personal data, not content, and stay out.
        var examples = (await db.VisionSuggestions.AsNoTracking().Where(x => x.IsExample).OrderBy(x => x.Id).ToListAsync(ct))
            .GroupBy(x => x.VisionId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (g, w) in gemeenten.SelectMany(g => g.Wijken.Select(w => (g, w))))
        {
            if (w.Vision is { } vision && examples.TryGetValue(vision.Id, out var ideas))
                files[$"{g.Slug}/{w.Slug}/{SuggestionFile.FileName}"] = SuggestionFile.Write(ideas);
        }

        return (files, photos);
    }

    /// <summary>
    /// One node's file text, exactly as the export writes it, without its photo: the backoffice stores its
    /// versions in this form (photos are placed through the media library and take effect at once).
    /// References (host, place, organiser) must be loaded, or be stubs that carry the slug.
    /// </summary>
    public static string Render(ContentNode node) => Render(node, null, null);

    private static string Render(ContentNode node, Media.MediaItem? photo, string? photoFile)
    {
        var y = new YamlText().Field("key", node.Key.ToString("D"));
        if (node.State == PublishState.Draft)
            y.Raw("status", "draft");
        y.Field("updated", node.UpdatedUtc);
        var body = node switch
        {
            Gemeente g => GemeenteFile.Write(y, g),
            Wijk w => WijkFile.Write(y, w),
            Vision.Vision v => VisionFile.Write(y, v),
            Partner p => PartnerFile.Write(y, p),
            MeetingPlace m => MeetingPlaceFile.Write(y, m),
            SchoolHolidays h => SchoolHolidaysFile.Write(y, h),
            Activity a => ActivityFile.Write(y, a),
            _ => throw new InvalidOperationException($"Unknown node type {node.GetType().Name}"),
        };

        // Last in the front matter, after the kind's own fields.
        Media.PhotoGroup.Write(y, photo, photoFile);
        var text = "---\n" + y + "---\n";
        return body.Length > 0 ? text + "\n" + body + "\n" : text;
    }
}
