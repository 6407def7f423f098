using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Infrastructure;
using Buurtplatform.Web.Languages;

namespace Buurtplatform.Tests.Languages;

/// <summary>
/// Every text a parent can see is in every interface language, with the same placeholders and every plural form the
/// language needs; the texts only staff see (<c>Resources/staff-keys.txt</c>) stay Dutch and are used by no public page.
/// </summary>
public sealed partial class LanguageResourceTests
{
    private static readonly string Resources = Path.Combine(TestEnvironment.RepoRoot, "src", "Buurtplatform.Web", "Resources");
    private static readonly string WebRoot = Path.Combine(TestEnvironment.RepoRoot, "src", "Buurtplatform.Web");

    /// <summary>Folders (and single files) whose texts only staff read; the same list as in docs/languages.md.</summary>
    private static readonly string[] StaffSources =
    [
        "Accounts/", "Backoffice/", "Editing/", "Audit/", "Staff/", "Media/Library/", "PartnerCalendars/",
        "Calendar/SchoolHolidayImport.cs", "Media/UploadForm.cs", "Media/UploadValidator.cs", "Media/MediaLibrary.cs",
    ];

    private static readonly string[] PluralCategories = ["zero", "one", "two", "few", "many", "other"];

    public static TheoryData<string> Translations => new(SiteLanguages.DefaultCultures.Skip(1).Select(c => CultureInfo.GetCultureInfo(c).TwoLetterISOLanguageName));

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(file).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "", StringComparer.Ordinal);

    private static Dictionary<string, string> Dutch => Read(Path.Combine(Resources, "SharedResource.resx"));

    private static HashSet<string> StaffKeys => [.. File.ReadAllLines(Path.Combine(Resources, "staff-keys.txt")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    private static (string Base, string Category)? PluralOf(string key, IReadOnlyDictionary<string, string> dutch)
    {
        var dot = key.LastIndexOf('.');
        if (dot < 0 || !PluralCategories.Contains(key[(dot + 1)..]))
            return null;
        var b = key[..dot];
        return dutch.ContainsKey(b + ".other") ? (b, key[(dot + 1)..]) : null;
    }

    /// <summary>The categories the site's plural rule (<see cref="Plurals.Category"/>) gives for whole numbers in this language.</summary>
    private static HashSet<string> CategoriesOf(string code)
    {
        var culture = CultureInfo.GetCultureInfo(code);
        return [.. Enumerable.Range(0, 1000).Select(n => Plurals.Category(culture, n))];
    }

    private static SortedSet<int> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [Theory]
    [MemberData(nameof(Translations))]
    public void EveryTextParentsSeeIsInTheLanguageWithTheSamePlaceholdersAndEveryPluralForm(string code)
    {
        var dutch = Dutch;
        var staff = StaffKeys;
        var file = Path.Combine(Resources, $"SharedResource.{code}.resx");
        Assert.True(File.Exists(file), $"{code}: no SharedResource.{code}.resx");
        var translated = Read(file);
        var culture = CultureInfo.GetCultureInfo(code);
        var needed = CategoriesOf(code);
        var problems = new List<string>();

        foreach (var (key, nl) in dutch.Where(p => !staff.Contains(p.Key)))
        {
            if (PluralOf(key, dutch) is { } plural)
            {
                if (plural.Category != "other")
                    continue; // the family is checked once, from its .other
                var family = dutch.Keys.Where(k => PluralOf(k, dutch)?.Base == plural.Base).ToList();
                var all = new SortedSet<int>(family.SelectMany(k => Placeholders(dutch[k])));
                foreach (var category in needed)
                {
                    if (!translated.TryGetValue(plural.Base + "." + category, out var form) || form.Trim().Length == 0)
                    {
                        problems.Add($"{plural.Base}.{category}: missing (the {code} plural rule uses it)");
                        continue;
                    }

                    var have = Placeholders(form);
                    var required = new SortedSet<int>(all.Where(i => i != 0)); // a form for one number may write it as a word
                    if (!required.IsSubsetOf(have) || !have.IsSubsetOf(all))
                        problems.Add($"{plural.Base}.{category}: placeholders {{{string.Join(",", have)}}}, Dutch has {{{string.Join(",", all)}}}");
                    problems.AddRange(FormatProblem(plural.Base + "." + category, form, dutch[plural.Base + ".other"], culture));
                }

                continue;
            }

            if (!translated.TryGetValue(key, out var text) || text.Trim().Length == 0)
            {
                problems.Add($"{key}: missing");
                continue;
            }

            if (!Placeholders(text).SetEquals(Placeholders(nl)))
                problems.Add($"{key}: placeholders {{{string.Join(",", Placeholders(text))}}}, Dutch has {{{string.Join(",", Placeholders(nl))}}}");
            problems.AddRange(FormatProblem(key, text, nl, culture));
        }

        foreach (var key in translated.Keys)
        {
            var known = dutch.ContainsKey(key) || (PluralOf(key, translated) is { } p && dutch.ContainsKey(p.Base + ".other"));
            if (!known)
                problems.Add($"{key}: not a Dutch key (renamed or removed?)");
            else if (staff.Contains(key))
                problems.Add($"{key}: a staff text, which stays Dutch (Resources/staff-keys.txt)");
        }

        Assert.True(problems.Count == 0, $"SharedResource.{code}.resx:\n" + string.Join("\n", problems));
    }

    /// <summary>The text must format with the arguments the Dutch one takes (a date where Dutch formats a date).</summary>
    private static IEnumerable<string> FormatProblem(string key, string text, string dutch, CultureInfo culture)
    {
        var max = Placeholders(dutch).Concat(Placeholders(text)).DefaultIfEmpty(-1).Max();
        var args = Enumerable.Range(0, max + 1)
            .Select(i => Regex.IsMatch(dutch, "\\{" + i + ":[^}]*[dMyHhm]") ? (object)new DateTime(2026, 12, 8, 9, 30, 0, DateTimeKind.Unspecified) : 7)
            .ToArray();
        string? problem = null;
        try
        {
            _ = string.Format(culture, text, args);
        }
        catch (FormatException e)
        {
            problem = $"{key}: not a valid format text ({e.Message})";
        }

        return problem is null ? [] : [problem];
    }

    [Fact]
    public void StaffTextsAreListedCorrectlyAndNoPublicPageOrMailUsesOne()
    {
        var dutch = Dutch;
        var staff = StaffKeys;
        Assert.Empty(staff.Where(k => !dutch.ContainsKey(k)).Select(k => $"{k}: in staff-keys.txt, not in SharedResource.resx"));

        var publicSources = Directory.EnumerateFiles(WebRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(WebRoot, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("Data/Migrations/", StringComparison.Ordinal))
            .Where(f => !StaffSources.Any(s => ("/" + f).Contains("/" + s, StringComparison.Ordinal)))
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(WebRoot, f)));
        var misused = (from key in staff
                       let name = PluralOf(key, dutch)?.Base ?? key
                       from source in publicSources
                       where source.Value.Contains('"' + name + '"', StringComparison.Ordinal)
                       select $"{key} is a staff text but {source.Key} (a public page or mail) uses it").ToList();
        Assert.True(misused.Count == 0, string.Join("\n", misused));
    }

    [Fact]
    public void EveryConfiguredLanguageHasItsResourcesAndItsOwnName()
    {
        foreach (var name in SiteLanguages.DefaultCultures.Skip(1))
        {
            var code = CultureInfo.GetCultureInfo(name).TwoLetterISOLanguageName;
            Assert.True(File.Exists(Path.Combine(Resources, $"SharedResource.{code}.resx")), code);
        }
    }

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
