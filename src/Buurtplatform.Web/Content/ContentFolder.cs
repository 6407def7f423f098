namespace Buurtplatform.Web.Content;

/// <summary>
/// The content folder on disk, for <see cref="ContentTreeReader"/>: listing it in a stable order, loading a file
/// within the size limit, and the checks on names, links and stray files that hold for every node kind.
/// </summary>
internal static class ContentFolder
{
    /// <summary>Images may sit beside the node files (a node's photo, or one not used yet).</summary>
    internal static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".gif", ".svg"];

    /// <summary>The subfolders in name order, hidden ones left out.</summary>
    internal static IEnumerable<string> SortedDirectories(string dir) =>
        Directory.GetDirectories(dir).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal);

    /// <summary>A path as messages name it: relative to the content root, with forward slashes.</summary>
    internal static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>A file split into front matter and body; null (with errors) when it is too large or malformed.</summary>
    internal static FrontMatterFile? Load(string root, string path, List<ContentError> errors, bool mayBeEmpty = false)
    {
        // Checked before reading: a huge file would otherwise be read whole into memory first.
        var size = new FileInfo(path).Length;
        if (size > ContentLimits.MaxFileBytes)
        {
            errors.Add(new ContentError(Relative(root, path), 0, "", FrontMatterFile.Invariant($"the file is {size} bytes; a content file may be at most {ContentLimits.MaxFileBytes} bytes")));
            return null;
        }

        return FrontMatterFile.Parse(Relative(root, path), File.ReadAllText(path), errors, mayBeEmpty);
    }

    /// <summary>Every symbolic link below the content folder (file or folder, hidden ones too) is an error; links are not followed.</summary>
    internal static void RejectSymlinks(string root, string dir, List<ContentError> errors)
    {
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry.LinkTarget is not null)
                errors.Add(new ContentError(Relative(root, entry.FullName), 0, "", "this is a symbolic link; the content folder must hold real files and folders (links are not followed)"));
            else if (entry is DirectoryInfo)
                RejectSymlinks(root, entry.FullName, errors);
        }
    }

    /// <summary>A folder's or file's name is the node's slug; a gemeente's may not be a word the site uses itself.</summary>
    internal static void CheckSlug(string root, string path, bool topLevel, List<ContentError> errors)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (!Slugs.IsValid(name))
            errors.Add(new ContentError(Relative(root, path), 0, "", $"'{name}' is not a valid slug: use a-z, 0-9 and single hyphens (at most 80 characters)"));
        else if (topLevel && Slugs.Reserved.Contains(name))
            errors.Add(new ContentError(Relative(root, path), 0, "", $"'{name}' is a word the site uses itself; choose another slug"));
    }

    /// <summary>
    /// Files that are neither one of <paramref name="allowed"/> nor an image, nor a translation of one of
    /// <paramref name="translatable"/> (<c>wijk.ar.md</c>: read by the tree's reader), are errors.
    /// </summary>
    internal static void RejectStrayFiles(string root, string dir, string[] allowed, List<ContentError> errors, string[]? translatable = null)
    {
        foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith('.') || allowed.Contains(name) || ImageExtensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
                continue;
            if (translatable is not null && Translations.TranslationFile.TryParseName(name, out var of, out _) && translatable.Contains(of))
                continue;
            errors.Add(new ContentError(Relative(root, file), 0, "", $"unexpected file here; this folder holds {string.Join(", ", allowed)} and images"));
        }
    }
}
