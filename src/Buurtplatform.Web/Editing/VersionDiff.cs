using System.Text.RegularExpressions;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Vision;
using YamlDotNet.RepresentationModel;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// Compares two versions field by field: both texts are flattened to "field → value" (the front matter's keys
/// as paths such as <c>schedule.days</c> or <c>openingHours[1].from</c>, plus the slug and the body; a vision's
/// body as its introduction and sections), and only the fields whose values differ are shown.
/// </summary>
public static partial class VersionDiff
{
    /// <summary>Bookkeeping, not content: the key never changes; time, status and SEQUENCE are set by publishing.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "key", "updated", "status", "sequence" };

    public sealed record FieldChange(string Path, string? Old, string? New);

    public static List<FieldChange> Compare(NodeKind kind, ContentVersion older, ContentVersion newer)
    {
        var a = Flatten(kind, older.Slug, older.Text);
        var b = Flatten(kind, newer.Slug, newer.Text);
        var paths = a.Select(p => p.Key).Concat(b.Select(p => p.Key)).Distinct().ToList();
        var oldMap = a.ToDictionary(p => p.Key, p => p.Value);
        var newMap = b.ToDictionary(p => p.Key, p => p.Value);
        return paths
            .Select(p => new FieldChange(p, oldMap.GetValueOrDefault(p), newMap.GetValueOrDefault(p)))
            .Where(c => c.Old != c.New)
            .ToList();
    }

    /// <summary>The version's fields in file order (slug first, body last).</summary>
    public static List<KeyValuePair<string, string>> Flatten(NodeKind kind, string slug, string text)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (kind != NodeKind.Vision)
            result.Add(new("slug", slug));
        var file = FrontMatterFile.Parse("version.md", text, []);
        if (file is null)
        {
            result.Add(new("text", text));
            return result;
        }

        Walk(file.Map, "", result);
        if (kind == NodeKind.Vision)
        {
            var (intro, sections) = VisionMarkdown.Split(file.Body);
            result.Add(new("intro", intro));
            for (var i = 0; i < sections.Count; i++)
            {
                result.Add(new($"sections[{i}].heading", sections[i].Heading));
                result.Add(new($"sections[{i}].body", sections[i].Body));
            }
        }
        else
        {
            result.Add(new("body", file.Body));
        }

        return result;
    }

    private static void Walk(YamlNode node, string path, List<KeyValuePair<string, string>> into)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? "";
                    if (path.Length == 0 && Ignored.Contains(name))
                        continue;
                    Walk(value, path.Length == 0 ? name : $"{path}.{name}", into);
                }

                break;
            case YamlSequenceNode seq when seq.Children.All(c => c is YamlScalarNode):
                into.Add(new(path, string.Join(", ", seq.Children.Select(c => ((YamlScalarNode)c).Value))));
                break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++)
                    Walk(seq.Children[i], $"{path}[{i}]", into);
                break;
            case YamlScalarNode scalar:
                into.Add(new(path, scalar.Value ?? ""));
                break;
        }
    }

    /// <summary>The field's name without positions, for its label: <c>openingHours[1].from</c> → <c>openingHours.from</c>.</summary>
    public static string LabelPath(string path) => IndexPattern().Replace(path, "");

    /// <summary>The 1-based positions in a path, for "(2)" after the label.</summary>
    public static IEnumerable<int> Positions(string path) => IndexPattern().Matches(path).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1);

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex IndexPattern();
}
