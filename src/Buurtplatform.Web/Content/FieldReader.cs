using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Buurtplatform.Web.Content;

/// <summary>
/// Reads typed fields from a front-matter mapping, recording an error with file, line and field
/// for every missing, malformed or unknown key instead of stopping at the first.
/// </summary>
internal sealed partial class FieldReader
{
    private readonly YamlMappingNode _map;
    private readonly string _file;
    private readonly string _prefix;
    private readonly List<ContentError> _errors;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <param name="warnings">Where warnings go; null when the caller wants none (they are then not even looked for).</param>
    public FieldReader(FrontMatterFile file, List<ContentError> errors, ContentWarnings? warnings = null)
        : this(file.Map, file.Path, "", errors, warnings)
    {
    }

    private FieldReader(YamlMappingNode map, string file, string prefix, List<ContentError> errors, ContentWarnings? warnings)
    {
        _map = map;
        _file = file;
        _prefix = prefix;
        _errors = errors;
        Warnings = warnings;
    }

    /// <summary>The warnings of this read and the school holidays they are judged against; null when none are wanted.</summary>
    public ContentWarnings? Warnings { get; }

    public int Line => FrontMatterFile.LineOf(_map);

    /// <summary>The file this reader reads, relative to the content root.</summary>
    public string FilePath => _file;

    /// <summary>The line of a field's value, or of the group when the field is missing.</summary>
    public int LineOf(string name) => Get(name) is { } node ? FrontMatterFile.LineOf(node) : Line;

    /// <summary>Records a problem at the value's line (or the group's first line when the field is missing).</summary>
    public void Error(string field, YamlNode? at, string message, string code = ContentErrorCodes.Format, params string[] args)
    {
        at ??= _map.Children.TryGetValue(new YamlScalarNode(field), out var value) ? value : null;
        _errors.Add(new ContentError(_file, at is null ? Line : FrontMatterFile.LineOf(at), _prefix + field, message, code, args));
    }

    /// <summary>Records a warning at the field's line (or the group's first line when the field is missing); reading goes on as if nothing happened.</summary>
    public void Warn(string field, string message, string code, params string[] args)
    {
        var at = _map.Children.TryGetValue(new YamlScalarNode(field), out var value) ? value : null;
        Warnings?.Add(new ContentWarning(_file, at is null ? Line : FrontMatterFile.LineOf(at), _prefix + field, message, code, args));
    }

    private YamlNode? Get(string name)
    {
        _known.Add(name);
        return _map.Children.TryGetValue(new YamlScalarNode(name), out var node) ? node : null;
    }

    private string? Scalar(string name, bool required)
    {
        var node = Get(name);
        if (node is null || node is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            if (required)
                Error(name, null, "is required", ContentErrorCodes.Required);
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Error(name, node, "must be a single value, not a list or a group");
            return null;
        }

        return scalar.Value!.Trim();
    }

    /// <summary>The fields every node has (key, status, updated), read onto <paramref name="node"/>: each kind's file reads them first.</summary>
    public T Node<T>(T node) where T : ContentNode
    {
        node.Key = Guid("key");
        node.State = Status();
        node.UpdatedUtc = UtcTimestamp("updated");
        node.CreatedUtc = node.UpdatedUtc;
        return node;
    }

    public string Text(string name) => Scalar(name, required: true) ?? "";

    public string? OptionalText(string name) => Scalar(name, required: false);

    /// <summary>An optional text that, when its key is there, must have a value (<paramref name="emptyMessage"/> when it has none).</summary>
    public string? OptionalNonEmptyText(string name, string emptyMessage)
    {
        var value = Scalar(name, required: false);
        if (value is null && Get(name) is YamlScalarNode)
            Error(name, null, emptyMessage, ContentErrorCodes.Required);
        return value;
    }

    public bool Bool(string name, bool? defaultValue = null)
    {
        var value = Scalar(name, defaultValue is null);
        if (value is null)
            return defaultValue ?? false;
        switch (value)
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                Error(name, Get(name), $"must be true or false, not '{value}'", ContentErrorCodes.Bool);
                return false;
        }
    }

    public int Int(string name, int min, int max)
    {
        var value = Scalar(name, required: true);
        if (value is null)
            return min;
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            Error(name, Get(name), $"must be a whole number from {min} to {max}, not '{value}'", ContentErrorCodes.WholeNumber,
                min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture));
            return min;
        }

        return n;
    }

    public int? OptionalInt(string name, int min, int max) => Get(name) is null ? null : Int(name, min, max);

    public double Double(string name, double min, double max)
    {
        var value = Scalar(name, required: true);
        if (value is null)
            return min;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d < min || d > max)
        {
            Error(name, Get(name), $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} with a decimal point, not '{value}'", ContentErrorCodes.Number,
                min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture));
            return min;
        }

        return d;
    }

    public Guid Guid(string name)
    {
        var value = Scalar(name, required: true);
        if (value is null)
            return System.Guid.Empty;
        if (!System.Guid.TryParseExact(value, "D", out var g) || g == System.Guid.Empty)
        {
            Error(name, Get(name), $"must be a GUID like 3f2504e0-4f89-41d3-9a0c-0305e82c3301, not '{value}'");
            return System.Guid.Empty;
        }

        return g;
    }

    public DateOnly Date(string name) => OptionalDate(name, required: true) ?? default;

    public DateOnly? OptionalDate(string name, bool required = false)
    {
        var value = Scalar(name, required);
        if (value is null)
            return null;
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            Error(name, Get(name), $"must be a date written as YYYY-MM-DD, not '{value}'", ContentErrorCodes.Date);
            return null;
        }

        return d;
    }

    public DateTime UtcTimestamp(string name)
    {
        var value = Scalar(name, required: true);
        if (value is null)
            return default;
        if (!DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
        {
            Error(name, Get(name), $"must be a UTC time written as 2026-11-01T09:00:00Z, not '{value}'");
            return default;
        }

        return DateTime.SpecifyKind(t, DateTimeKind.Utc);
    }

    public PublishState Status()
    {
        var value = Scalar("status", required: false);
        switch (value)
        {
            case null or "published":
                return PublishState.Published;
            case "draft":
                return PublishState.Draft;
            default:
                Error("status", Get("status"), $"must be 'published' or 'draft', not '{value}'");
                return PublishState.Draft;
        }
    }

    /// <summary>A time range <c>09:30-11:00</c>.</summary>
    public (TimeOnly Start, TimeOnly End) TimeRange(string name)
    {
        var value = Scalar(name, required: true);
        if (value is null)
            return default;
        var m = TimeRangePattern().Match(value);
        if (!m.Success
            || !TimeOnly.TryParseExact(m.Groups[1].Value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(m.Groups[2].Value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            Error(name, Get(name), $"must be a start and end time written as \"09:30-11:00\", not '{value}'", ContentErrorCodes.TimeRange);
            return default;
        }

        if (end <= start)
        {
            Error(name, Get(name), "the end time must be after the start time", ContentErrorCodes.EndAfterStart);
            return default;
        }

        return (start, end);
    }

    public TimeOnly Time(string name)
    {
        var value = Scalar(name, required: true);
        if (value is null)
            return default;
        if (!TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            Error(name, Get(name), $"must be a time written as \"09:30\", not '{value}'", ContentErrorCodes.Time);
            return default;
        }

        return t;
    }

    public DayOfWeek Day(string name)
    {
        var value = Scalar(name, required: true);
        if (value is null)
            return default;
        if (!Days.TryParse(value, out var day))
            Error(name, Get(name), $"must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday, not '{value}'", ContentErrorCodes.Day);
        return day;
    }

    public string Slug(string name)
    {
        var value = Text(name);
        if (value.Length > 0 && !Slugs.IsValid(value))
            Error(name, Get(name), $"must be a slug (a-z, 0-9 and hyphens), not '{value}'", ContentErrorCodes.Reference);
        return value;
    }

    /// <summary>A list of plain values, <c>[a, b]</c> or one per line.</summary>
    public List<string> List(string name, bool required = false)
    {
        var node = Get(name);
        if (node is null || node is YamlScalarNode { Value: null or "" or "~" })
        {
            if (required)
                Error(name, null, "is required: give at least one value, e.g. [nl]", ContentErrorCodes.Required);
            return [];
        }

        if (node is not YamlSequenceNode seq)
        {
            Error(name, node, "must be a list, written as [a, b]");
            return [];
        }

        var result = new List<string>();
        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } v })
                result.Add(v.Trim());
            else
                Error(name, item, "every item of the list must be a single value");
        }

        if (required && result.Count == 0)
            Error(name, node, "needs at least one value", ContentErrorCodes.Required);
        return result;
    }

    public FieldReader? Group(string name, bool required)
    {
        var node = Get(name);
        if (node is null)
        {
            if (required)
                Error(name, null, "is required", ContentErrorCodes.Required);
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            Error(name, node, "must be a group of 'key: value' lines, indented below it");
            return null;
        }

        return new FieldReader(map, _file, _prefix + name + ".", _errors, Warnings);
    }

    public IEnumerable<FieldReader> GroupList(string name)
    {
        var node = Get(name);
        if (node is null)
            yield break;
        if (node is not YamlSequenceNode seq)
        {
            Error(name, node, "must be a list of groups, each line starting with '- '");
            yield break;
        }

        var i = 0;
        foreach (var item in seq.Children)
        {
            if (item is YamlMappingNode map)
                yield return new FieldReader(map, _file, $"{_prefix}{name}[{i}].", _errors, Warnings);
            else
                Error($"{name}[{i}]", item, "must be a group of 'key: value' pairs");
            i++;
        }
    }

    /// <summary>Call after reading: every key the file has must be one this node type knows.</summary>
    public void RejectUnknownKeys() =>
        RejectUnknownKeys(known => $"is not a known field here; known fields are: {string.Join(", ", known.Order(StringComparer.Ordinal))}");

    /// <summary>The same, with the reader's own message (given the keys that are known here).</summary>
    public void RejectUnknownKeys(Func<IReadOnlySet<string>, string> message)
    {
        foreach (var (key, _) in _map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!_known.Contains(name))
                Error(name, key, message(_known), ContentErrorCodes.Unknown);
        }
    }

    [GeneratedRegex(@"^\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$")]
    private static partial Regex TimeRangePattern();
}
