using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.Editing.Translations;

/// <summary>One problem with a translation form's field: its path, a resource key (<c>Translation.Error.…</c>) and the key's arguments.</summary>
public sealed record TranslationProblem(string Path, string Key, params object[] Args);

/// <summary>
/// A translation as the backoffice stores it in a version: the translation file's text (<see cref="TranslationFile"/>), written
/// from the form's fields and read back with the import's own reader, under the size limits Dutch text has (<see cref="ContentLimits"/>).
/// </summary>
public static class TranslationText
{
    /// <summary>The most characters a field may have: a title and summary as in Dutch, the body as a Dutch body; other fields only the file's size limits.</summary>
    public static int? MaxChars(string path) => path switch
    {
        "title" => ContentLimits.MaxTitleChars,
        "summary" => ContentLimits.MaxSummaryChars,
        TranslatableFields.Body => ContentLimits.MaxBodyChars,
        _ => null,
    };

    /// <summary>The form's fields as stored: trimmed, line ends as <c>\n</c>, empty ones left out (shown in Dutch).</summary>
    public static Dictionary<string, string> Clean(TranslatableFields translatable, IReadOnlyDictionary<string, string?> input)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in translatable.Paths)
        {
            var text = input.GetValueOrDefault(path)?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            if (!string.IsNullOrEmpty(text))
                fields[path] = text;
        }

        return fields;
    }

    /// <summary>What is wrong with the cleaned fields: nothing translated at all, a field longer than Dutch allows, the whole text larger than a content file may be.</summary>
    public static List<TranslationProblem> Check(NodeKind kind, IReadOnlyDictionary<string, string> fields)
    {
        var problems = new List<TranslationProblem>();
        var translatable = TranslatableFields.For(kind);
        if (fields.Count == 0)
        {
            problems.Add(new TranslationProblem(translatable.Paths[0], "Translation.Error.Empty"));
            return problems;
        }

        foreach (var (path, text) in fields)
        {
            if (MaxChars(path) is { } max && text.Length > max)
                problems.Add(new TranslationProblem(path, "Translation.Error.TooLong", max, text.Length));
        }

        if (problems.Count == 0 && Encoding.UTF8.GetByteCount(Write(kind, fields, new string('0', TranslatableFields.HashLength))) > ContentLimits.MaxFileBytes)
            problems.Add(new TranslationProblem(fields.ContainsKey(TranslatableFields.Body) ? TranslatableFields.Body : fields.Keys.First(), "Translation.Error.FileTooLarge", ContentLimits.MaxFileBytes / 1024));
        return problems;
    }

    /// <summary>The translation file's text of these fields, translated from the Dutch text that hashes to <paramref name="sourceHash"/>.</summary>
    public static string Write(NodeKind kind, IReadOnlyDictionary<string, string> fields, string sourceHash) =>
        TranslationFile.Write(new ContentTranslation { Kind = kind, Fields = new Dictionary<string, string>(fields, StringComparer.Ordinal), SourceHash = sourceHash });

    /// <summary>A version's text read back as a translation of <paramref name="node"/> (null, with the reader's errors, when it is not one).</summary>
    public static ContentTranslation? Read(ContentNode node, string culture, string text, List<ContentError> errors)
    {
        var kind = NodeKinds.Of(node);
        var nodeFile = NodeKinds.FileName(kind, node.Slug);
        var nodeFileName = nodeFile[(nodeFile.LastIndexOf('/') + 1)..];
        var path = nodeFile[..(nodeFile.Length - nodeFileName.Length)] + TranslationFile.NameFor(nodeFileName, culture);
        var file = FrontMatterFile.Parse(path, text, errors, mayBeEmpty: true);
        return file is null ? null : TranslationFile.Read(file, errors, node, nodeFileName, culture);
    }
}
