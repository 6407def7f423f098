using System.Security.Cryptography;

namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// A secret kept in the data folder when none is configured: 32 random bytes as base64, created on first
/// start, readable by the site's own user only. Shared by every signer that needs a stable key across
/// restarts and app instances (photo URLs, preview links).
/// </summary>
public static class KeyFile
{
    /// <summary>
    /// The base64 text in <paramref name="path"/>, after creating it when it is missing. CreateNew, so two
    /// instances starting at once cannot both write one: the second reads the first one's key.
    /// <paramref name="created"/> is called when this call made the file.
    /// </summary>
    public static string ReadOrCreate(string path, Action? created = null)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using (var file = new FileStream(path, create))
                    file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
                created?.Invoke();
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        return File.ReadAllText(path).Trim();
    }
}
