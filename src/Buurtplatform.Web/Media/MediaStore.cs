using System.Text.RegularExpressions;

namespace Buurtplatform.Web.Media;

/// <summary>
/// Where photo files live, under the data folder (never under wwwroot): <c>originals/</c> (private, never
/// served), <c>cache/{key}/{version}/</c> (renditions, kept across restarts) and <c>work/</c> (files in progress).
/// Every name on disk is generated here; no name from an upload or a URL is ever used as a path.
/// </summary>
public sealed partial class MediaStore
{
    public MediaStore(IOptions<MediaOptions> options, IOptions<SiteOptions> site, IWebHostEnvironment env)
    {
        Root = Path.Combine(SiteOptions.Resolve(env, site.Value.DataPath), options.Value.StoragePath);
        Originals = Path.Combine(Root, "originals");
        Cache = Path.Combine(Root, "cache");
        Work = Path.Combine(Root, "work");
        foreach (var dir in new[] { Originals, Cache, Work })
            Directory.CreateDirectory(dir);

        // Leftovers of a run that was stopped half-way: nothing else uses the work folder this early.
        foreach (var file in Directory.EnumerateFiles(Work).Where(f => File.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddHours(-1)))
            File.Delete(file);
    }

    public string Root { get; }

    public string Originals { get; }

    public string Cache { get; }

    public string Work { get; }

    /// <summary>A new, unused name for a stored original: 32 random hex digits and the format's extension.</summary>
    public static string NewStorageName(string extension) => Guid.NewGuid().ToString("N") + extension;

    public string OriginalPath(string storageName) =>
        StorageNamePattern().IsMatch(storageName)
            ? Path.Combine(Originals, storageName)
            : throw new InvalidOperationException("Not a storage name this site generated.");

    public string NewWorkFile(string extension) => Path.Combine(Work, Guid.NewGuid().ToString("N") + extension);

    public string RenditionFolder(Guid key, int version) => Path.Combine(Cache, key.ToString("N"), version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Removes every rendition of a photo (all versions): after consent is withdrawn, on delete and on replace.</summary>
    public void DeleteRenditions(Guid key, int? exceptVersion = null)
    {
        var folder = Path.Combine(Cache, key.ToString("N"));
        if (!Directory.Exists(folder))
            return;
        foreach (var dir in Directory.GetDirectories(folder))
        {
            if (exceptVersion is null || Path.GetFileName(dir) != exceptVersion.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
                Directory.Delete(dir, recursive: true);
        }

        if (exceptVersion is null)
            Directory.Delete(folder, recursive: true);
    }

    public void DeleteOriginal(string storageName)
    {
        var path = OriginalPath(storageName);
        if (File.Exists(path))
            File.Delete(path);
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.(jpg|png)$")]
    private static partial Regex StorageNamePattern();
}
