namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// Files that hold parents' and staff's data (the SQLite database, mails in the pickup folder) are readable
/// by the site's own user only: files 0600, their folders 0700. The process umask (usually 022) would
/// otherwise make them 0644 and 0755, readable by every account on the server. A folder or file that
/// already exists is tightened, so an existing installation is fixed at its next start.
/// Windows has no such modes; there the folder's ACL decides, and these do nothing.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and missing parents) or tightens it to 0700.</summary>
    public static string EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return path;
        }

        Directory.CreateDirectory(path, FolderMode); // the mode applies to the folders it creates
        if (File.GetUnixFileMode(path) != FolderMode)
            File.SetUnixFileMode(path, FolderMode);
        return path;
    }

    /// <summary>
    /// Creates <paramref name="path"/> empty with 0600 when it is missing, or tightens it to 0600. SQLite then
    /// opens the empty file as a new database and gives its journal and WAL files the same mode.
    /// </summary>
    public static void EnsureFile(string path)
    {
        if (OperatingSystem.IsWindows())
            return;
        try
        {
            using var _ = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
        }
        catch (IOException) when (File.Exists(path))
        {
            // It was there already (or another instance made it just now): tighten it below.
        }

        if (File.GetUnixFileMode(path) != FileMode)
            File.SetUnixFileMode(path, FileMode);
    }

    /// <summary>Writes <paramref name="path"/> with mode 0600 through a temporary name, so nobody reads half a file.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = FileMode;
        try
        {
            await using (var file = new FileStream(temporary, options))
                await write(file, ct);
            File.Move(temporary, path);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
