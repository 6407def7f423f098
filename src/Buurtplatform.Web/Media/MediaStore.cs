using System.Text.RegularExpressions;

namespace Buurtplatform.Web.Media;

/// <summary>
/// Where photo files live. Originals go to the store chosen by <c>Media:Store</c>: the file system
/// (<c>originals/</c> under the data folder, never under wwwroot, private, never served) or the database
/// (<see cref="MediaOriginal"/>), so every node of a cluster has every photo with nothing shared but
/// PostgreSQL. Renditions are always this node's own, in <c>cache/{key}/{version}/</c> (kept across
/// restarts, made from the shared original on first request), and <c>work/</c> holds files in progress.
/// Every name on disk is generated here; no name from an upload or a URL is ever used as a path.
/// </summary>
public sealed partial class MediaStore
{
    private readonly IServiceScopeFactory _scopes;

    public MediaStore(IOptions<MediaOptions> options, IOptions<SiteOptions> site, IWebHostEnvironment env, IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        Kind = options.Value.Store;
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

    /// <summary>Where originals are kept (<c>Media:Store</c>).</summary>
    public MediaStoreKind Kind { get; }

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

    /// <summary>Stores a finished file as the original named <paramref name="storageName"/>; the file is moved or consumed.</summary>
    public async Task PutOriginalAsync(string storageName, string file, CancellationToken ct)
    {
        var path = OriginalPath(storageName);
        if (Kind == MediaStoreKind.FileSystem)
        {
            File.Move(file, path);
            return;
        }

        var content = await File.ReadAllBytesAsync(file, ct);
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.MediaOriginals.Add(new MediaOriginal { StorageName = storageName, Content = content });
            await db.SaveChangesAsync(ct);
        }

        File.Delete(file);
    }

    /// <summary>The original's bytes as a stream (the export); <see cref="FileNotFoundException"/> when it is not stored.</summary>
    public async Task<Stream> OpenOriginalAsync(string storageName, CancellationToken ct)
    {
        var path = OriginalPath(storageName);
        if (Kind == MediaStoreKind.FileSystem)
            return File.OpenRead(path);
        return new MemoryStream(await ReadOriginalAsync(storageName, ct), writable: false);
    }

    /// <summary>
    /// The original as a file libvips can read: the stored file itself, or (database store) a work copy
    /// that goes when the returned handle is disposed. Not kept: a copy on one node would outlive a delete
    /// made on another, and renditions, which are kept, are what requests read.
    /// </summary>
    public async Task<OriginalFile> OriginalFileAsync(string storageName, CancellationToken ct)
    {
        var path = OriginalPath(storageName);
        if (Kind == MediaStoreKind.FileSystem)
            return new OriginalFile(path, temporary: false);
        var copy = NewWorkFile(Path.GetExtension(storageName));
        await File.WriteAllBytesAsync(copy, await ReadOriginalAsync(storageName, ct), ct);
        return new OriginalFile(copy, temporary: true);
    }

    public async Task DeleteOriginalAsync(string storageName, CancellationToken ct = default)
    {
        var path = OriginalPath(storageName);
        if (File.Exists(path))
            File.Delete(path);
        if (Kind == MediaStoreKind.FileSystem)
            return;
        await using var scope = _scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().MediaOriginals.Where(o => o.StorageName == storageName).ExecuteDeleteAsync(ct);
    }

    private async Task<byte[]> ReadOriginalAsync(string storageName, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().MediaOriginals.AsNoTracking()
            .Where(o => o.StorageName == storageName).Select(o => o.Content).SingleOrDefaultAsync(ct)
            ?? throw new FileNotFoundException($"No original {storageName} in the database.");
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.(jpg|png)$")]
    private static partial Regex StorageNamePattern();
}

/// <summary>Where photo originals are kept (<c>Media:Store</c>).</summary>
public enum MediaStoreKind
{
    /// <summary>Files under <c>Site:DataPath</c>/<c>Media:StoragePath</c>: one node, or nodes sharing that folder.</summary>
    FileSystem,

    /// <summary>Rows in the database (PostgreSQL <c>bytea</c>, SQLite blob): a cluster needs nothing shared but the database.</summary>
    Database,
}

/// <summary>An original as a local file for as long as this handle lives.</summary>
public sealed class OriginalFile(string path, bool temporary) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose()
    {
        if (temporary)
            File.Delete(Path);
    }
}
