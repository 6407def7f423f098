using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Calendar;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.Vision;
using Buurtplatform.Web.Vision.Suggestions;
using static Buurtplatform.Web.Content.ContentFolder;

namespace Buurtplatform.Web.Content;

/// <summary>
/// Reads an <c>umbraco-content/</c> folder into detached entity graphs (one <see cref="Gemeente"/>
/// per folder with everything below it), with references resolved. Throws
/// <see cref="ContentImportException"/> listing every problem found; returns only when there are none,
/// with the warnings found (<see cref="ContentTreeData.Warnings"/>), which stop nothing.
/// </summary>
/// <remarks>
/// This walks the folders and resolves references; each kind's file reads its own fields
/// (<see cref="GemeenteFile"/>, <see cref="WijkFile"/>, <see cref="PartnerFile"/>, <see cref="MeetingPlaceFile"/>,
/// <see cref="ActivityFile"/>, <see cref="VisionFile"/>, <see cref="SchoolHolidaysFile"/>, in their feature folders).
/// </remarks>
public static class ContentTreeReader
{
    public const string HolidaysFile = "schoolvakanties.md";

    public static ContentTreeData Read(string root)
    {
        if (!Directory.Exists(root))
            throw new ContentImportException([new ContentError(root, 0, "", "the content folder does not exist")]);

        // Reading follows links: one out of the folder could import any file the process can read. Refused before reading.
        var links = new List<ContentError>();
        RejectSymlinks(root, root, links);
        if (links.Count > 0)
            throw new ContentImportException(links);

        var errors = new List<ContentError>();
        var result = new List<Gemeente>();
        var photos = new Dictionary<ContentNode, PhotoReference>(ReferenceEqualityComparer.Instance);

        // The holidays first: the activities' warnings are judged against them (a moved date in skipped holidays).
        var holidaysPath = Path.Combine(root, HolidaysFile);
        var holidays = File.Exists(holidaysPath) && Load(root, holidaysPath, errors) is { } holidaysFile
            ? ReadWhole(holidaysFile, errors, null, SchoolHolidaysFile.Read)
            : null;
        var warnings = new ContentWarnings(holidays);
        var suggestions = new Dictionary<Vision.Vision, List<VisionSuggestion>>(ReferenceEqualityComparer.Instance);
        var translations = new List<ContentTranslation>();
        foreach (var dir in SortedDirectories(root))
        {
            var gemeente = ReadGemeente(root, dir, errors, warnings, photos, suggestions, translations);
            if (gemeente is not null)
                result.Add(gemeente);
        }

        RejectStrayFiles(root, root, ["README.md", HolidaysFile], errors);
        var tree = new ContentTreeData(result, holidays, photos, suggestions) { Warnings = warnings.All, Translations = translations };
        CheckUniqueKeys(tree, errors);
        if (errors.Count > 0)
            throw new ContentImportException(errors);
        return tree;
    }

    private static Gemeente? ReadGemeente(string root, string dir, List<ContentError> errors, ContentWarnings warnings, Dictionary<ContentNode, PhotoReference> photos,
        Dictionary<Vision.Vision, List<VisionSuggestion>> suggestions, List<ContentTranslation> translations)
    {
        CheckSlug(root, dir, topLevel: true, errors);
        var path = Path.Combine(dir, "gemeente.md");
        if (!File.Exists(path))
        {
            errors.Add(new ContentError(Relative(root, dir), 0, "", "a gemeente folder needs a file gemeente.md"));
            return null;
        }

        var file = Load(root, path, errors);
        if (file is null)
            return null;
        var gemeente = ReadWhole(file, errors, warnings, GemeenteFile.Read);
        gemeente.Slug = Path.GetFileName(dir);
        ReadTranslations(root, dir, "gemeente.md", gemeente, errors, translations);

        RejectStrayFiles(root, dir, ["gemeente.md"], errors, translatable: ["gemeente.md"]);
        foreach (var wijkDir in SortedDirectories(dir))
        {
            var wijk = ReadWijk(root, wijkDir, errors, warnings, photos, suggestions, translations);
            if (wijk is not null)
            {
                wijk.Gemeente = gemeente;
                gemeente.Wijken.Add(wijk);
            }
        }

        return gemeente;
    }

    private static Wijk? ReadWijk(string root, string dir, List<ContentError> errors, ContentWarnings warnings, Dictionary<ContentNode, PhotoReference> photos,
        Dictionary<Vision.Vision, List<VisionSuggestion>> suggestions, List<ContentTranslation> translations)
    {
        CheckSlug(root, dir, topLevel: false, errors);
        var path = Path.Combine(dir, "wijk.md");
        if (!File.Exists(path))
        {
            errors.Add(new ContentError(Relative(root, dir), 0, "", "a wijk folder needs a file wijk.md"));
            return null;
        }

        var file = Load(root, path, errors);
        if (file is null)
            return null;
        var wijk = ReadWhole(file, errors, warnings, WithPhoto(WijkFile.Read, dir, photos));
        wijk.Slug = Path.GetFileName(dir);
        ReadTranslations(root, dir, "wijk.md", wijk, errors, translations);
        RejectStrayFiles(root, dir, ["wijk.md", "visie.md", SuggestionFile.FileName], errors, translatable: ["wijk.md", "visie.md"]);

        foreach (var sub in SortedDirectories(dir))
        {
            var name = Path.GetFileName(sub);
            if (name is not ("ontmoetingsplekken" or "activiteiten" or "partners"))
                errors.Add(new ContentError(Relative(root, sub), 0, "", "unexpected folder; a wijk holds the folders ontmoetingsplekken, activiteiten and partners"));
        }

        var partners = ReadAll(root, Path.Combine(dir, "partners"), errors, warnings, translations, PartnerFile.Read);
        var places = ReadAll(root, Path.Combine(dir, "ontmoetingsplekken"), errors, warnings, translations, WithPhoto(MeetingPlaceFile.Read, Path.Combine(dir, "ontmoetingsplekken"), photos));
        var activities = ReadAll(root, Path.Combine(dir, "activiteiten"), errors, warnings, translations, WithPhoto(ActivityFile.Read, Path.Combine(dir, "activiteiten"), photos));

        // References between the wijk's nodes: the files name them by slug (read as stubs), resolved here.
        var partnerBySlug = partners.ToDictionary(p => p.Node.Slug, p => p.Node, StringComparer.Ordinal);
        var placeBySlug = places.ToDictionary(p => p.Node.Slug, p => p.Node, StringComparer.Ordinal);
        foreach (var (place, reader) in places)
        {
            var host = place.HostPartner.Slug;
            if (partnerBySlug.TryGetValue(host, out var partner))
                place.HostPartner = partner;
            else if (host.Length > 0)
                reader.Error("host", null, $"no partner '{host}' in this wijk; add partners/{host}.md or use one of: {string.Join(", ", partnerBySlug.Keys.Order(StringComparer.Ordinal))}", ContentErrorCodes.Reference);
        }

        foreach (var (activity, reader) in activities)
        {
            var (place, organiser) = (activity.MeetingPlace.Slug, activity.Organiser.Slug);
            if (placeBySlug.TryGetValue(place, out var mp))
                activity.MeetingPlace = mp;
            else if (place.Length > 0)
                reader.Error("place", null, $"no meeting place '{place}' in this wijk; use one of: {string.Join(", ", placeBySlug.Keys.Order(StringComparer.Ordinal))}", ContentErrorCodes.Reference);
            if (partnerBySlug.TryGetValue(organiser, out var org))
                activity.Organiser = org;
            else if (organiser.Length > 0)
                reader.Error("organiser", null, $"no partner '{organiser}' in this wijk; use one of: {string.Join(", ", partnerBySlug.Keys.Order(StringComparer.Ordinal))}", ContentErrorCodes.Reference);
        }

        wijk.Partners.AddRange(partners.Select(p => p.Node));
        wijk.MeetingPlaces.AddRange(places.Select(p => p.Node));
        wijk.Activities.AddRange(activities.Select(a => a.Node));
        foreach (var node in wijk.Partners)
            node.Wijk = wijk;
        foreach (var node in wijk.MeetingPlaces)
            node.Wijk = wijk;
        foreach (var node in wijk.Activities)
            node.Wijk = wijk;

        var visionPath = Path.Combine(dir, "visie.md");
        if (File.Exists(visionPath) && Load(root, visionPath, errors) is { } visionFile)
        {
            wijk.Vision = ReadWhole(visionFile, errors, warnings, VisionFile.Read);
            wijk.Vision.Wijk = wijk;
        }

        // A visie.ar.md without visie.md is reported; one beside a visie.md that failed to read waits for its fixes.
        if (wijk.Vision is not null || !File.Exists(visionPath))
            ReadTranslations(root, dir, "visie.md", wijk.Vision, errors, translations);

        var ideasPath = Path.Combine(dir, SuggestionFile.FileName);
        if (File.Exists(ideasPath) && Load(root, ideasPath, errors) is { } ideasFile)
        {
            var ideas = ReadWhole(ideasFile, errors, null, (file, f) => SuggestionFile.Read(file, f, wijk.Vision));
            if (wijk.Vision is not null)
                suggestions[wijk.Vision] = ideas;
        }

        return wijk;
    }

    /// <summary>
    /// Every node file of a kind's folder (<c>partners/</c>, …), in name order, each with its reader for later errors;
    /// then their translations (<c>{slug}.ar.md</c>).
    /// </summary>
    private static List<(T Node, FieldReader Reader)> ReadAll<T>(string root, string dir, List<ContentError> errors, ContentWarnings warnings,
        List<ContentTranslation> translations, Func<FrontMatterFile, FieldReader, T> read)
        where T : ContentNode
    {
        var result = new List<(T, FieldReader)>();
        if (!Directory.Exists(dir))
            return result;
        var files = Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToList();
        foreach (var path in files)
        {
            if (TranslationFile.TryParseName(Path.GetFileName(path), out _, out _))
                continue;
            if (!path.EndsWith(".md", StringComparison.Ordinal))
            {
                if (!ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()) && !Path.GetFileName(path).StartsWith('.'))
                    errors.Add(new ContentError(Relative(root, path), 0, "", "unexpected file here; this folder holds .md files and images"));
                continue;
            }

            CheckSlug(root, path, topLevel: false, errors);
            var file = Load(root, path, errors);
            if (file is null)
                continue;
            var f = new FieldReader(file, errors, warnings);
            var node = read(file, f);
            node.Slug = Path.GetFileNameWithoutExtension(path);
            f.RejectUnknownKeys();
            result.Add((node, f));
        }

        // Each node's translations; a node file that failed to read leaves its translations for after its fixes.
        var bySlug = result.ToDictionary(r => r.Item1.Slug, r => (ContentNode)r.Item1, StringComparer.Ordinal);
        foreach (var nodeFile in files.Select(p => TranslationFile.TryParseName(Path.GetFileName(p), out var of, out _) ? of : null).OfType<string>().Distinct())
        {
            var node = bySlug.GetValueOrDefault(Path.GetFileNameWithoutExtension(nodeFile));
            var unreadNode = File.Exists(Path.Combine(dir, nodeFile)) && !TranslationFile.TryParseName(nodeFile, out _, out _);
            if (node is not null || !unreadNode)
                ReadTranslations(root, dir, nodeFile, node, errors, translations);
        }

        return result;
    }

    /// <summary>
    /// The translations of one node file (<paramref name="nodeFileName"/>'s siblings <c>{name}.{culture}.md</c>) in
    /// <paramref name="dir"/>. Without its <paramref name="node"/> (no such file), each is an error.
    /// </summary>
    private static void ReadTranslations(string root, string dir, string nodeFileName, ContentNode? node, List<ContentError> errors, List<ContentTranslation> translations)
    {
        foreach (var path in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
        {
            if (!TranslationFile.TryParseName(Path.GetFileName(path), out var of, out var culture) || of != nodeFileName)
                continue;
            var rel = Relative(root, path);
            if (node is null)
            {
                errors.Add(new ContentError(rel, 1, "", TranslationFile.TryParseName(nodeFileName, out var node2, out _)
                    ? $"a translation is named after its node's file with one language ({TranslationFile.NameFor(node2, culture)}); {nodeFileName} is a translation itself"
                    : $"there is no {nodeFileName} beside this translation; a translation needs its node's Dutch file (or rename it after the node it translates)", ContentErrorCodes.Reference));
                continue;
            }

            if (TranslationFile.CheckCulture(rel, nodeFileName, culture, errors)
                && Load(root, path, errors, mayBeEmpty: true) is { } file
                && TranslationFile.Read(file, errors, node, nodeFileName, culture) is { } translation)
            {
                translations.Add(translation);
            }
        }
    }

    /// <summary>One node's file read by its kind's reader; then every key it has must have been one the kind knows.</summary>
    private static T ReadWhole<T>(FrontMatterFile file, List<ContentError> errors, ContentWarnings? warnings, Func<FrontMatterFile, FieldReader, T> read)
    {
        var f = new FieldReader(file, errors, warnings);
        var node = read(file, f);
        f.RejectUnknownKeys();
        return node;
    }

    /// <summary>A kind's reader that also reads the node's <c>photo:</c> group (wijken, meeting places, activities).</summary>
    private static Func<FrontMatterFile, FieldReader, T> WithPhoto<T>(Func<FrontMatterFile, FieldReader, T> read, string folder, Dictionary<ContentNode, PhotoReference> photos)
        where T : ContentNode => (file, f) =>
    {
        var node = read(file, f);
        Media.PhotoGroup.Read(f, folder, node, photos);
        return node;
    };

    private static void CheckUniqueKeys(ContentTreeData tree, List<ContentError> errors)
    {
        var seen = new Dictionary<Guid, string>();
        foreach (var (node, path) in ContentTree.Walk(tree))
        {
            if (node.Key == Guid.Empty)
                continue;
            if (!seen.TryAdd(node.Key, path))
                errors.Add(new ContentError(path, FrontMatterFile.FirstYamlLine, "key", $"{node.Key} is already the key of {seen[node.Key]}; every node needs its own key"));
        }

        foreach (var (vision, ideas) in tree.SuggestionsByVision)
        {
            var path = $"{vision.Wijk.Gemeente.Slug}/{vision.Wijk.Slug}/{SuggestionFile.FileName}";
            for (var i = 0; i < ideas.Count; i++)
            {
                if (ideas[i].Key != Guid.Empty && !seen.TryAdd(ideas[i].Key, $"{path} (suggestions[{i}])"))
                    errors.Add(new ContentError(path, FrontMatterFile.FirstYamlLine, $"suggestions[{i}].key", $"{ideas[i].Key} is already the key of {seen[ideas[i].Key]}; every idea needs its own key"));
            }
        }
    }

    /// <summary>
    /// Reads one node's file text with exactly the rules of the import (the backoffice's drafts use this,
    /// so the file format, the import and the editor share one validation). Returns null when there are
    /// errors; they are added to <paramref name="errors"/>. Warnings go to <paramref name="warnings"/> when given.
    /// </summary>
    /// <remarks>
    /// References to other nodes of the wijk (a place's host, an activity's place and organiser) come back
    /// as detached stubs that carry only the slug written in the file; the caller resolves them.
    /// </remarks>
    public static ContentNode? ParseNode(NodeKind kind, string slug, string text, List<ContentError> errors, string? path = null, ContentWarnings? warnings = null)
    {
        var before = errors.Count;
        path ??= NodeKinds.FileName(kind, slug);
        var file = FrontMatterFile.Parse(path, text, errors);
        if (file is null)
            return null;
        ContentNode node = kind switch
        {
            NodeKind.Gemeente => ReadWhole(file, errors, warnings, GemeenteFile.Read),
            NodeKind.Wijk => ReadWhole(file, errors, warnings, WijkFile.Read),
            NodeKind.Vision => ReadWhole(file, errors, warnings, VisionFile.Read),
            NodeKind.MeetingPlace => ReadWhole(file, errors, warnings, MeetingPlaceFile.Read),
            NodeKind.Activity => ReadWhole(file, errors, warnings, ActivityFile.Read),
            NodeKind.Partner => ReadWhole(file, errors, warnings, PartnerFile.Read),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        // A vision's slug is always its own ("visie").
        if (kind != NodeKind.Vision)
            node.Slug = slug;
        return errors.Count == before ? node : null;
    }
}
