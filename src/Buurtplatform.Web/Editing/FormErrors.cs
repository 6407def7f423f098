using System.Text.RegularExpressions;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Editing;

/// <summary>One problem with a form, for the summary at the top (linked to the field) and the message next to the field.</summary>
public sealed record FormError(string FieldId, string Label, string Message);

/// <summary>
/// The form's problems (or, in <c>Warnings</c>, what it warns about without stopping anything). Content errors come from the reader (<see cref="ContentError"/>, field paths such as
/// <c>schedule.cancelled[1].date</c>); each is said in Dutch from its code (<c>Edit.Error.{code}</c>), labelled with
/// the field's own label (<c>Field.{path}</c>), and linked to the input whose id the path gives (<see cref="FieldIds.Of"/>).
/// </summary>
public sealed class FormErrors
{
    private readonly List<FormError> _errors = [];

    public IReadOnlyList<FormError> All => _errors;

    public int Count => _errors.Count;

    public string? For(string fieldId) => _errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    public void Add(string fieldId, string label, string message) => _errors.Add(new FormError(fieldId, label, message));

    /// <param name="idFor">The page's input id for a field path (most follow <see cref="FieldIds.Of"/>).</param>
    public void AddContentErrors(IEnumerable<ContentError> errors, IStringLocalizer T, NodeKind kind, Func<string, string> idFor)
    {
        foreach (var e in errors)
            Add(T, kind, idFor, e.Field, T["Edit.Error." + e.Code, (e.Args ?? []).Cast<object>().ToArray()], T["Edit.Error.Format"].Value);
    }

    /// <summary>The reader's warnings (<see cref="ContentWarning"/>), said in Dutch from their code (<c>Edit.Warning.{code}</c>).</summary>
    /// <param name="idFor">The page's input id for a field path (most follow <see cref="FieldIds.Of"/>).</param>
    public void AddContentWarnings(IEnumerable<ContentWarning> warnings, IStringLocalizer T, NodeKind kind, Func<string, string> idFor)
    {
        foreach (var w in warnings)
            Add(T, kind, idFor, w.Field, T["Edit.Warning." + w.Code, (w.Args ?? []).Cast<object>().ToArray()], w.Message);
    }

    private void Add(IStringLocalizer T, NodeKind kind, Func<string, string> idFor, string field, LocalizedString message, string fallback)
    {
        var text = message.ResourceNotFound ? fallback : message.Value;
        var path = field.Length == 0 ? "body" : field;
        var id = idFor(path);
        if (!_errors.Any(x => x.FieldId == id && x.Message == text))
            _errors.Add(new FormError(id, FieldLabels.Label(T, kind, path), text));
    }
}

/// <summary>Input ids from content field paths: <c>schedule.cancelled[1].date</c> → <c>f-schedule-cancelled-1-date</c>.</summary>
public static partial class FieldIds
{
    public static string Of(string path) => "f-" + Separators().Replace(path, "-").Trim('-');

    [GeneratedRegex(@"[.\[\]]+")]
    private static partial Regex Separators();
}

/// <summary>Field labels shared by the forms, their error messages and the version comparison.</summary>
public static class FieldLabels
{
    /// <summary><c>Field.{Kind}.{path}</c> when a type words it differently, else <c>Field.{path}</c>; positions as "(2)".</summary>
    public static string Label(IStringLocalizer T, NodeKind kind, string path)
    {
        var bare = VersionDiff.LabelPath(path);
        var text = T[$"Field.{kind}.{bare}"];
        if (text.ResourceNotFound)
            text = T["Field." + bare];
        var label = text.ResourceNotFound ? bare : text.Value;
        var positions = VersionDiff.Positions(path).ToList();
        return positions.Count == 0 ? label : $"{label} ({string.Join(", ", positions)})";
    }
}

/// <summary>Remembers, per list of rows, which form row each item of the text came from (empty rows are left out of the text).</summary>
public sealed class RowMap
{
    private readonly Dictionary<string, List<int>> _rows = new(StringComparer.Ordinal);

    public void Add(string list, int formRow)
    {
        if (!_rows.TryGetValue(list, out var rows))
            _rows[list] = rows = [];
        rows.Add(formRow);
    }

    /// <summary><c>schedule.cancelled[0].date</c> → <c>schedule.cancelled[2].date</c> when the text's first item is the form's third row.</summary>
    public string ToFormPath(string path)
    {
        foreach (var (list, rows) in _rows)
        {
            var prefix = list + "[";
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            var close = path.IndexOf(']', prefix.Length);
            if (close > 0 && int.TryParse(path[prefix.Length..close], out var i) && i < rows.Count)
                return $"{list}[{rows[i]}]{path[(close + 1)..]}";
        }

        return path;
    }
}

/// <summary>What the <c>_Field</c> partial renders: label, hint, error and the control, tied together for screen readers.</summary>
public sealed record FieldModel(string Id, string Name, string Label, string? Value)
{
    public string? Hint { get; init; }

    public string? Error { get; init; }

    /// <summary>text, number, date, time, email, url, tel, textarea, select.</summary>
    public string Type { get; init; } = "text";

    public bool Required { get; init; }

    public int Rows { get; init; } = 4;

    public string? Autocomplete { get; init; } = "off";

    public IReadOnlyList<(string Value, string Text)> Options { get; init; } = [];

    /// <summary>A Markdown field: shows the formatting help and, after "Bekijk de opmaak", the rendered text.</summary>
    public bool Markdown { get; init; }

    public Microsoft.AspNetCore.Html.IHtmlContent? Preview { get; init; }

    public string? InputMode { get; init; }

    /// <summary>The language of what is typed (a translation's <c>ar</c>), when it is not the page's.</summary>
    public string? Lang { get; init; }

    /// <summary><c>rtl</c> or <c>ltr</c> with <see cref="Lang"/>.</summary>
    public string? Dir { get; init; }

    public string? Min { get; init; }

    public string? Max { get; init; }

    public string DescribedBy => string.Join(' ', new[] { Hint is null ? null : Id + "-hint", Markdown ? Id + "-md" : null, Error is null ? null : Id + "-error" }.Where(x => x is not null));
}

/// <summary>The reader's warnings for the notice above a form or on a node's page.</summary>
/// <param name="Link">Where the fields are: empty on the form itself, the editor's address on the node's page.</param>
public sealed record WarningSummaryModel(FormErrors Warnings, string Link = "");

/// <summary>The slug field (null for a vision, whose address is fixed) and the note about the change.</summary>
public sealed record SlugAndCommentModel(FieldModel? Slug, string? Comment, bool IsNew);
