using System.Text.RegularExpressions;

namespace Buurtplatform.Web.Content;

/// <summary>
/// Writes front matter in one fixed layout, so an export is byte-for-byte stable and diffs stay small.
/// Choices: A) YamlDotNet's serializer — its layout and quoting change between versions;
/// B) this small writer for the handful of shapes the format has — stable, and read back by YamlDotNet.
/// </summary>
internal sealed partial class YamlText
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public YamlText Field(string key, string? value)
    {
        if (value is not null)
            Line($"{key}: {Scalar(value)}");
        return this;
    }

    public YamlText Field(string key, bool value) => Raw(key, value ? "true" : "false");

    public YamlText Field(string key, int value) => Raw(key, value.ToString(CultureInfo.InvariantCulture));

    public YamlText Field(string key, double value) => Raw(key, value.ToString("0.0#####", CultureInfo.InvariantCulture));

    public YamlText Field(string key, DateOnly value) => Raw(key, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public YamlText Field(string key, DateTime utc) => Raw(key, utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    public YamlText Raw(string key, string plain)
    {
        Line($"{key}: {plain}");
        return this;
    }

    public YamlText List(string key, IEnumerable<string> values, bool always = false)
    {
        var items = values.ToList();
        if (items.Count > 0 || always)
            Line($"{key}: [{string.Join(", ", items.Select(v => Scalar(v, inFlow: true)))}]");
        return this;
    }

    /// <summary>A list of values written as they are (numbers, dates), <c>[2525, 2526]</c>.</summary>
    public YamlText RawList(string key, IEnumerable<string> values)
    {
        var items = values.ToList();
        if (items.Count > 0)
            Line($"{key}: [{string.Join(", ", items)}]");
        return this;
    }

    public YamlText Group(string key, Action<YamlText> body)
    {
        Line(key + ":");
        _indent += 2;
        body(this);
        _indent -= 2;
        return this;
    }

    public YamlText GroupList<T>(string key, IReadOnlyList<T> items, Action<YamlText, T> body)
    {
        if (items.Count == 0)
            return this;
        Line(key + ":");
        foreach (var item in items)
        {
            var start = _sb.Length;
            _indent += 4;
            body(this, item);
            _indent -= 4;

            // Turn the first line of the item into "  - key: value".
            var prefix = new string(' ', _indent + 4);
            _sb.Remove(start, prefix.Length).Insert(start, new string(' ', _indent + 2) + "- ");
        }

        return this;
    }

    /// <summary>A time as the files write it, <c>09:30</c> (a value for <see cref="Field(string, string?)"/>, which quotes it).</summary>
    public static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    private void Line(string text) => _sb.Append(' ', _indent).Append(text).Append('\n');

    public override string ToString() => _sb.ToString();

    /// <summary>Plain when YAML reads it back as the same string, double-quoted otherwise.</summary>
    public static string Scalar(string value, bool inFlow = false)
    {
        var plain = PlainSafe().IsMatch(value)
            && !value.Contains(": ", StringComparison.Ordinal)
            && !value.Contains(" #", StringComparison.Ordinal)
            && !(inFlow && value.Contains(',', StringComparison.Ordinal))
            && !LooksLikeOtherType().IsMatch(value);
        if (plain)
            return value;
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }

    [GeneratedRegex(@"^[\p{L}\p{N}€(][^\n\r\t""\[\]{}#&*!|>%@`]*(?<![ :])$")]
    private static partial Regex PlainSafe();

    [GeneratedRegex(@"^(true|false|yes|no|on|off|null|~|y|n|[-+]?[0-9][0-9_.:eE+-]*)$", RegexOptions.IgnoreCase)]
    private static partial Regex LooksLikeOtherType();
}
