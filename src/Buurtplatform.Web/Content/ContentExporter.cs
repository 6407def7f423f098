using System.Globalization;
using System.Text;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Data;
using Buurtplatform.Web.Neighbourhoods;
using Microsoft.EntityFrameworkCore;

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
            await using var source = File.OpenRead(media!.OriginalPath(storageName));
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
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var photos = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (node, path) in ContentTree.Walk(new ContentTreeData(gemeenten, holidays)))
        {
            var usage = node switch
            {
                Wijk w => usages.FirstOrDefault(u => u.WijkId == w.Id),
                MeetingPlaces.MeetingPlace p => usages.FirstOrDefault(u => u.MeetingPlaceId == p.Id),
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

        return (files, photos);
    }

    /// <summary>
    /// One node's file text, exactly as the export writes it, without its photo: the backoffice stores its
    /// versions in this form (photos are placed through the media library and take effect at once).
    /// References (host, place, organiser) must be loaded, or be stubs that carry the slug.
    /// </summary>
    public static string Render(ContentNode node) => Render(node, null, null);

    private static void RenderPhoto(YamlText y, Media.MediaItem? photo, string? file)
    {
        if (photo is null || file is null)
            return;
        y.Group("photo", p =>
        {
            p.Field("key", photo.Key.ToString("D")).Field("file", file);
            if (photo.IsDecorative)
                p.Field("decorative", true);
            else
                p.Field("alt", photo.AltText);
            p.Field("description", photo.Description)
                .RawList("focus", [photo.FocalX.ToString("0.0##", CultureInfo.InvariantCulture), photo.FocalY.ToString("0.0##", CultureInfo.InvariantCulture)])
                .Field("childrenRecognisable", photo.ChildrenRecognisable);
            if (photo.ChildrenRecognisable)
            {
                p.Group("consent", c =>
                {
                    c.Field("givenBy", photo.ConsentGivenBy);
                    if (photo.ConsentDate is { } date)
                        c.Field("date", date);
                    c.Raw("use", "website");
                });
            }
        });
    }

    private static string Render(ContentNode node, Media.MediaItem? photo, string? photoFile)
    {
        var y = new YamlText().Field("key", node.Key.ToString("D"));
        if (node.State == PublishState.Draft)
            y.Raw("status", "draft");
        y.Field("updated", node.UpdatedUtc);
        string body;
        switch (node)
        {
            case Gemeente g:
                y.Field("name", g.Name).Field("summary", g.Summary);
                body = g.Body;
                break;
            case Wijk w:
                y.Field("name", w.Name).Field("summary", w.Summary)
                    .RawList("postcodes", w.Postcodes.Select(p => p.ToString(CultureInfo.InvariantCulture)));
                RenderPhoto(y, photo, photoFile);
                body = w.Body;
                break;
            case Vision.Vision v:
                y.Field("title", v.Title).Field("summary", v.Summary)
                    .Field("writtenByParents", v.WrittenByParents)
                    .Field("writtenByProfessionals", v.WrittenByProfessionals)
                    .Field("lastReviewed", v.LastReviewed);
                body = VisionMarkdown.Join(v.Intro, v.Sections);
                break;
            case Partner p:
                y.Field("name", p.Name).Field("role", p.Role);
                if (p.Website is not null || p.Email is not null || p.Phone is not null)
                    y.Group("contact", c => c.Field("website", p.Website).Field("email", p.Email).Field("phone", p.Phone));
                body = p.Body;
                break;
            case MeetingPlaces.MeetingPlace m:
                y.Field("name", m.Name).Field("summary", m.Summary)
                    .Group("address", a =>
                    {
                        a.Field("street", m.Street).Field("postcode", m.Postcode).Field("city", m.City);
                        if (m.AddressIsPlaceholder)
                            a.Field("placeholder", true);
                    })
                    .Group("location", l => l.Field("lat", m.Latitude).Field("lon", m.Longitude))
                    .Group("accessibility", a => a.Field("wheelchair", m.WheelchairAccessible).Field("pram", m.PramAccessible).Field("notes", m.AccessibilityNotes))
                    .List("facilities", m.Facilities)
                    .Field("host", m.HostPartner.Slug)
                    .Field("professional", m.Professional)
                    .GroupList("openingHours", m.OpeningHours, (o, h) => o
                        .Raw("day", Days.Name(h.Day))
                        .Field("from", Time(h.From))
                        .Field("to", Time(h.To))
                        .Field("note", h.Note));
                RenderPhoto(y, photo, photoFile);
                body = m.Body;
                break;
            case Calendar.SchoolHolidays h:
                y.GroupList("periods", h.Periods, (p, period) => p
                    .Field("name", period.Name)
                    .RawList("regions", period.Regions.Split(','))
                    .Field("from", period.From)
                    .Field("to", period.To));
                body = h.Body;
                break;
            case Activity a:
                y.Field("title", a.Title).Raw("type", a.Type.ToSlug()).Field("summary", a.Summary)
                    .Field("ageFromMonths", a.AgeFromMonths).Field("ageToMonths", a.AgeToMonths)
                    .List("languages", a.Languages, always: true)
                    .Raw("cost", a.IsFree ? "gratis" : a.CostAmount!.Value.ToString("0.00", CultureInfo.InvariantCulture))
                    .Field("costNote", a.CostNote)
                    .Field("place", a.MeetingPlace.Slug)
                    .Field("organiser", a.Organiser.Slug)
                    .Group("signUp", s =>
                    {
                        s.Field("required", a.SignUpRequired);
                        if (a.Capacity is { } c)
                            s.Field("capacity", c);
                    })
                    .Group("schedule", s =>
                    {
                        var sc = a.Schedule;
                        s.Field("start", sc.StartDate)
                            .Field("time", $"{Time(sc.StartTime)}-{Time(sc.EndTime)}")
                            .Raw("repeat", sc.Repeat.ToString().ToLowerInvariant());
                        if (sc.Interval != 1)
                            s.Field("every", sc.Interval);
                        s.List("days", sc.Days.Select(Days.Name));
                        if (sc.WeekOfMonth is { } nth)
                            s.Field("weekOfMonth", nth);
                        if (sc.Until is { } until)
                            s.Field("until", until);
                        if (sc.Count is { } count)
                            s.Field("count", count);
                        if (sc.SkipSchoolHolidays is { } region)
                            s.Raw("skipSchoolHolidays", region.ToString().ToLowerInvariant());
                        s.RawList("dates", sc.ExtraDates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                        s.GroupList("cancelled", a.ScheduleChanges.Where(c => c.Cancelled).ToList(), (c, change) => c
                            .Field("date", change.Date)
                            .Field("reason", change.Reason));
                        s.GroupList("moved", a.ScheduleChanges.Where(c => !c.Cancelled).ToList(), (m, change) =>
                        {
                            m.Field("date", change.Date).Field("to", change.NewDate!.Value);
                            if (change.NewStartTime is { } ns && change.NewEndTime is { } ne)
                                m.Field("time", $"{Time(ns)}-{Time(ne)}");
                            m.Field("reason", change.Reason);
                        });
                    });
                if (a.Sequence > 0)
                    y.Field("sequence", a.Sequence);
                RenderPhoto(y, photo, photoFile);
                body = a.Body;
                break;
            default:
                throw new InvalidOperationException($"Unknown node type {node.GetType().Name}");
        }

        var text = "---\n" + y + "---\n";
        return body.Length > 0 ? text + "\n" + body + "\n" : text;
    }

    private static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
}
