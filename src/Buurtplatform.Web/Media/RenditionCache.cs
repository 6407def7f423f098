using System.Collections.Concurrent;

namespace Buurtplatform.Web.Media;

/// <summary>
/// Renditions on this node's disk, made from the stored original on first request and kept (also across restarts): <c>cache/{key}/{version}/{name}</c>.
/// Two requests for the same missing rendition wait for one vips run; a file appears only when complete.
/// </summary>
public sealed class RenditionCache(IImageProcessor processor, MediaStore store)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>The path of the rendition, made now if it is not there yet.</summary>
    public async Task<string> GetOrCreateAsync(MediaItem item, string fileName, RenditionJob job, CancellationToken ct)
    {
        var folder = store.RenditionFolder(item.Key, item.Version);
        var path = Path.Combine(folder, fileName);
        if (File.Exists(path))
            return path;

        var work = new Lazy<Task>(() => CreateAsync(item.StorageName, job, folder, path));
        var task = _inFlight.GetOrAdd(path, work);
        try
        {
            await task.Value.WaitAsync(ct);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task>>(path, task));
        }

        return path;
    }

    private async Task CreateAsync(string storageName, RenditionJob job, string folder, string path)
    {
        Directory.CreateDirectory(folder);

        // From the shared original (a work copy of it with the database store); the request's token is not used, as below.
        using var original = await store.OriginalFileAsync(storageName, CancellationToken.None);

        // vips picks the format by the extension, so the work file ends like the target; the move is atomic.
        var temporary = Path.Combine(folder, "." + Guid.NewGuid().ToString("N") + Path.GetExtension(path));
        try
        {
            // Not the request's token: others may be waiting for the same file; vips has its own time limit.
            await processor.RenderAsync(original.Path, job, temporary, CancellationToken.None);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
