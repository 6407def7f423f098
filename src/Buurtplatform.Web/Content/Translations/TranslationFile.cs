using System.Text.RegularExpressions;
using Buurtplatform.Web.Vision;

namespace Buurtplatform.Web.Content.Translations;

/// <summary>
/// A translation's file: a sibling of its node's file, named after it with the language before <c>.md</c>
/// (<c>activiteiten/babybootcamp.ar.md</c>, <c>wijk.en.md</c>, <c>visie.ar.md</c>). Its front matter holds only the
/// translated fields, with the Dutch file's names and groups, and <c>source:</c> (the hash of the Dutch text it
/// translates, written by the export); the translated Markdown follows it. See docs/content.md.
/// </summary>
internal static partial class TranslationFile
{
    /// <summary>The front-matter key of <see cref="ContentTranslation.SourceHash"/>.</summary>
    public const string SourceKey = "source";

    /// <summary><c>babybootcamp.md</c> and <c>ar</c> → <c>babybootcamp.ar.md</c>.</summary>
    public static string NameFor(string nodeFileName, string culture) =>
        nodeFileName[..^".md".Length] + "." + culture + ".md";

    /// <summary>
    /// Whether a file name is a translation's (a dot before <c>.md</c>, which no slug has), and of which node file
    /// and language: <c>babybootcamp.ar.md</c> → <c>babybootcamp.md</c>, <c>ar</c>.
    /// </summary>
    public static bool TryParseName(string fileName, out string nodeFileName, out string culture)
    {
        (nodeFileName, culture) = ("", "");
        if (!fileName.EndsWith(".md", StringComparison.Ordinal))
            return false;
        var stem = fileName[..^".md".Length];
        var dot = stem.LastIndexOf('.');
        if (dot <= 0)
            return false;
        (nodeFileName, culture) = (stem[..dot] + ".md", stem[(dot + 1)..]);
        return true;
    }

    /// <summary>The file's language must be one the site has; otherwise an error (on line 1: the name is at fault, not a field).</summary>
    public static bool CheckCulture(string path, string nodeFileName, string culture, List<ContentError> errors)
    {
        if (ContentTranslation.Cultures.Contains(culture))
            return true;
        var names = string.Join(", ", ContentTranslation.Cultures.Select(c => NameFor(nodeFileName, c)));
        errors.Add(new ContentError(path, 1, "", culture == "nl"
            ? $"Dutch (nl) is the language of {nodeFileName} itself; a translation is named {names}"
            : $"'{culture}' is not one of the site's languages; a translation is named {names}", ContentErrorCodes.Language, [culture]));
        return false;
    }

    /// <summary>A translation of <paramref name="node"/> (read from <paramref name="nodeFileName"/> beside it); null with errors when it has any.</summary>
    public static ContentTranslation? Read(FrontMatterFile file, List<ContentError> errors, ContentNode node, string nodeFileName, string culture)
    {
        var before = errors.Count;
        var kind = NodeKinds.Of(node);
        var translatable = TranslatableFields.For(kind);
        var f = new FieldReader(file, errors);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        const string empty = "has no text: leave the line out to show the Dutch text";

        var source = f.OptionalText(SourceKey);
        if (source is not null && !SourcePattern().IsMatch(source))
            f.Error(SourceKey, null, $"must be the hash the export writes ({TranslatableFields.HashLength} characters 0-9 and a-f), not '{source}'; leave the line out when the translation is of the current Dutch text");

        var only = string.Join(", ", translatable.FrontMatterPaths);
        Func<IReadOnlySet<string>, string> notTranslated = _ =>
            $"is not translated; a translation of {nodeFileName} holds only {only} and the text below the front matter (everything else comes from {nodeFileName})";
        foreach (var group in translatable.FrontMatterPaths.Select(GroupOf).Distinct())
        {
            if (group.Length == 0)
                continue;
            if (f.Group(group, required: false) is { } g)
            {
                foreach (var path in translatable.FrontMatterPaths.Where(p => GroupOf(p) == group))
                {
                    if (g.OptionalNonEmptyText(path[(group.Length + 1)..], empty) is { } text)
                        fields[path] = text;
                }

                g.RejectUnknownKeys(notTranslated);
            }
        }

        foreach (var path in translatable.FrontMatterPaths.Where(p => GroupOf(p).Length == 0))
        {
            if (f.OptionalNonEmptyText(path, empty) is { } text)
                fields[path] = text;
        }

        f.RejectUnknownKeys(notTranslated);
        if (file.Body.Length > 0)
            fields[TranslatableFields.Body] = kind == NodeKind.Vision ? Canonical(file.Body) : file.Body;
        if (fields.Count == 0 && errors.Count == before)
            errors.Add(new ContentError(file.Path, 1, "", $"the translation is empty: give at least one of {only}, or a text below the front matter; or delete the file", ContentErrorCodes.Required));
        if (errors.Count > before)
            return null;
        return new ContentTranslation
        {
            NodeKey = node.Key,
            Kind = kind,
            Culture = culture,
            Fields = fields,
            SourceHash = source ?? translatable.SourceHash(node),
        };
    }

    /// <summary>A vision's translated body as the Dutch one is stored: an introduction, then its <c>## </c> sections.</summary>
    private static string Canonical(string body)
    {
        var (intro, sections) = VisionMarkdown.Split(body);
        return VisionMarkdown.Join(intro, sections);
    }

    /// <summary><c>accessibility.notes</c> → <c>accessibility</c>; <c>title</c> → "".</summary>
    private static string GroupOf(string path) => path.Contains('.', StringComparison.Ordinal) ? path[..path.IndexOf('.', StringComparison.Ordinal)] : "";

    /// <summary>The file text, as the export writes it: <c>source:</c>, the fields in the kind's order (grouped as in the Dutch file), the body.</summary>
    public static string Write(ContentTranslation t)
    {
        var translatable = TranslatableFields.For(t.Kind);
        var y = new YamlText().Raw(SourceKey, t.SourceHash);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in translatable.FrontMatterPaths)
        {
            var group = GroupOf(path);
            if (group.Length == 0)
            {
                y.Field(path, t.Fields.GetValueOrDefault(path));
                continue;
            }

            var inGroup = translatable.FrontMatterPaths.Where(p => GroupOf(p) == group && t.Fields.ContainsKey(p)).ToList();
            if (inGroup.Count > 0 && written.Add(group))
                y.Group(group, g => inGroup.ForEach(p => g.Field(p[(group.Length + 1)..], t.Fields[p])));
        }

        var body = t.Fields.GetValueOrDefault(TranslatableFields.Body) ?? "";
        var text = "---\n" + y + "---\n";
        return body.Length > 0 ? text + "\n" + body + "\n" : text;
    }

    /// <summary><see cref="TranslatableFields.HashLength"/> lowercase hex characters.</summary>
    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex SourcePattern();
}
