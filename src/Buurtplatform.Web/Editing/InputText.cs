using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Editing;

/// <summary>Helpers for turning typed form input into a node's file text.</summary>
internal static class InputText
{
    /// <summary>Trimmed text, or null when empty (the reader then says what is missing).</summary>
    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>"2525, 2526 2527" → [2525, 2526, 2527].</summary>
    public static List<string> Split(string? s) =>
        (s ?? "").Split([',', ' ', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>One item per line (facilities).</summary>
    public static List<string> Lines(string? s) =>
        (s ?? "").Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>Front matter and body, as a content file.</summary>
    public static string Build(YamlText front, string? body)
    {
        var text = "---\n" + front + "---\n";
        var b = Clean(body);
        return b is null ? text : text + "\n" + b.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }
}
