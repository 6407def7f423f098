using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Content;

/// <summary>A whole content tree: the gemeenten with everything below them, the school holidays, and the photos nodes show.</summary>
/// <remarks>A vision's example ideas (<c>visie-ideeen.md</c>) are not nodes: they ride along by vision, as photos do by node.</remarks>
public sealed record ContentTreeData(IReadOnlyList<Gemeente> Gemeenten, Calendar.SchoolHolidays? Holidays, IReadOnlyDictionary<ContentNode, PhotoReference>? Photos = null,
    IReadOnlyDictionary<Vision.Vision, List<Vision.Suggestions.VisionSuggestion>>? Suggestions = null)
{
    public IReadOnlyDictionary<ContentNode, PhotoReference> PhotosByNode => Photos ?? new Dictionary<ContentNode, PhotoReference>();

    public IReadOnlyDictionary<Vision.Vision, List<Vision.Suggestions.VisionSuggestion>> SuggestionsByVision =>
        Suggestions ?? new Dictionary<Vision.Vision, List<Vision.Suggestions.VisionSuggestion>>();

    /// <summary>The nodes' translations (<c>babybootcamp.ar.md</c> beside <c>babybootcamp.md</c>), detached, in reading order.</summary>
    public IReadOnlyList<Translations.ContentTranslation> Translations { get; init; } = [];

    /// <summary>What the reader warned about (file, line, field), in reading order; the tree is imported all the same.</summary>
    public IReadOnlyList<ContentWarning> Warnings { get; init; } = [];
}

/// <summary>
/// A node's <c>photo:</c> group: an image file beside the node's file, with its key and details. The import
/// runs the file through the same checks and processing as an upload.
/// </summary>
/// <param name="File">The node's file, relative to the content root (for error messages).</param>
/// <param name="Line">The line of <c>photo.file</c> in it.</param>
/// <param name="FullPath">The image file on disk.</param>
public sealed record PhotoReference(string File, int Line, string FullPath, Guid Key, Media.PhotoDetails Details);

/// <summary>Where each node lives in the content folder.</summary>
public static class ContentTree
{
    public static IEnumerable<(ContentNode Node, string Path)> Walk(ContentTreeData tree)
    {
        if (tree.Holidays is not null)
            yield return (tree.Holidays, ContentTreeReader.HolidaysFile);
        foreach (var g in tree.Gemeenten)
        {
            yield return (g, $"{g.Slug}/gemeente.md");
            foreach (var w in g.Wijken)
            {
                var dir = $"{g.Slug}/{w.Slug}";
                yield return (w, $"{dir}/wijk.md");
                if (w.Vision is not null)
                    yield return (w.Vision, $"{dir}/visie.md");
                foreach (var p in w.Partners)
                    yield return (p, $"{dir}/partners/{p.Slug}.md");
                foreach (var p in w.MeetingPlaces)
                    yield return (p, $"{dir}/ontmoetingsplekken/{p.Slug}.md");
                foreach (var a in w.Activities)
                    yield return (a, $"{dir}/activiteiten/{a.Slug}.md");
            }
        }
    }
}
