using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Buurtplatform.Web.Content;

/// <summary>A content file split into its YAML front matter and Markdown body.</summary>
internal sealed class FrontMatterFile
{
    private FrontMatterFile(string path, YamlMappingNode map, string body)
    {
        Path = path;
        Map = map;
        Body = body;
    }

    /// <summary>Path relative to the content root, with forward slashes.</summary>
    public string Path { get; }

    public YamlMappingNode Map { get; }

    public string Body { get; }

    /// <summary>The YAML starts on line 2 of the file (after the opening <c>---</c>).</summary>
    public const int FirstYamlLine = 2;

    /// <param name="mayBeEmpty">True for a translation, whose front matter may be empty (a translated body alone).</param>
    public static FrontMatterFile? Parse(string relativePath, string text, List<ContentError> errors, bool mayBeEmpty = false)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            errors.Add(new ContentError(relativePath, 1, "", "the file must start with a line '---' that opens the front matter"));
            return null;
        }

        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
        if (close < 0)
        {
            errors.Add(new ContentError(relativePath, 1, "", "the front matter is not closed: add a line '---' after it"));
            return null;
        }

        var yaml = string.Join('\n', lines[1..close]);
        var body = string.Join('\n', lines[(close + 1)..]).Trim('\n', ' ', '\t');
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            var map = stream.Documents.Count == 0 && mayBeEmpty ? new YamlMappingNode() : stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
            if (map is null)
            {
                errors.Add(new ContentError(relativePath, FirstYamlLine, "", "the front matter must be a list of 'key: value' lines"));
                return null;
            }

            if (!WithinLimits(relativePath, map, body, lines, close, errors))
                return null;
            return new FrontMatterFile(relativePath, map, body);
        }
        catch (YamlException e)
        {
            // An unclosed bracket or quote is detected at the end of the YAML: point at its last line, not the closing '---'.
            var line = Math.Min((int)e.Start.Line + FirstYamlLine - 1, Math.Max(close, FirstYamlLine));
            var unclosed = UnclosedBracket(lines, close);
            if (unclosed is { } u && line >= close)
                line = u.Line;
            errors.Add(new ContentError(relativePath, line, KeyAt(lines, line) ?? "", "this is not valid YAML: " + FirstSentence(e)));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet reports some malformed input (an unclosed '[' or '{' at the end) with these and no position:
            // find the key whose bracket is never closed, or else point at the last YAML line.
            var (line, field) = UnclosedBracket(lines, close) ?? (Math.Max(close, FirstYamlLine), "");
            errors.Add(new ContentError(relativePath, line, field, "this is not valid YAML: a '[' or '{' is not closed, or the lines are malformed (" + e.Message + ")"));
            return null;
        }
    }

    private static bool WithinLimits(string relativePath, YamlMappingNode map, string body, string[] lines, int close, List<ContentError> errors)
    {
        var ok = true;
        if (body.Length > ContentLimits.MaxBodyChars)
        {
            errors.Add(new ContentError(relativePath, close + 2, "body", Invariant($"the text below the front matter is {body.Length} characters; at most {ContentLimits.MaxBodyChars} are allowed")));
            ok = false;
        }

        foreach (var (field, max) in new[] { ("title", ContentLimits.MaxTitleChars), ("name", ContentLimits.MaxTitleChars), ("summary", ContentLimits.MaxSummaryChars) })
        {
            if (map.Children.TryGetValue(new YamlScalarNode(field), out var node) && node is YamlScalarNode { Value: { } value } && value.Length > max)
            {
                errors.Add(new ContentError(relativePath, LineOf(node), field, Invariant($"is {value.Length} characters; at most {max} are allowed")));
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>The top-level key that a file line belongs to (the nearest unindented <c>key:</c> at or above it).</summary>
    private static string? KeyAt(string[] lines, int line)
    {
        for (var i = Math.Min(line - 1, lines.Length - 1); i >= 1; i--)
        {
            if (TopLevelKey(lines[i]) is { } key)
                return key;
        }

        return null;
    }

    private static string? TopLevelKey(string line)
    {
        if (line.Length == 0 || char.IsWhiteSpace(line[0]) || line[0] is '#' or '-')
            return null;
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? line[..colon].Trim() : null;
    }

    /// <summary>The first top-level key whose value opens more '[' or '{' than it closes (quotes skipped), with its line.</summary>
    private static (int Line, string Field)? UnclosedBracket(string[] lines, int close)
    {
        (int Line, string Field)? current = null;
        var depth = 0;
        for (var i = 1; i < close; i++)
        {
            if (TopLevelKey(lines[i]) is { } key)
            {
                if (depth > 0 && current is not null)
                    return current;
                current = (i + 1, key);
                depth = 0;
            }

            char? quote = null;
            foreach (var c in lines[i])
            {
                if (quote is not null)
                {
                    if (c == quote)
                        quote = null;
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '#')
                {
                    break;
                }
                else if (c is '[' or '{')
                {
                    depth++;
                }
                else if (c is ']' or '}')
                {
                    depth--;
                }
            }
        }

        return depth > 0 ? current : null;
    }

    private static string FirstSentence(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var i = message.IndexOf("):", StringComparison.Ordinal);
        return (i >= 0 ? message[(i + 2)..] : message).Trim();
    }

    /// <summary>The file line of a YAML node (YamlDotNet's marks are 1-based within the YAML).</summary>
    public static int LineOf(YamlNode node) => (int)node.Start.Line + FirstYamlLine - 1;

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
