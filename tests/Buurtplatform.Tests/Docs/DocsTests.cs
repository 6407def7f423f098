using System.Reflection;
using System.Text.RegularExpressions;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Infrastructure;

namespace Buurtplatform.Tests.Docs;

/// <summary>The docs are the map: every folder of the web project and every setting is named there, in tables that render.</summary>
public sealed class DocsTests
{
    private static readonly string DocsFolder = Path.Combine(TestEnvironment.RepoRoot, "docs");

    [Fact]
    public void EverySettingIsNamedAsSectionColonNameInTheDocs()
    {
        var docs = string.Join("\n", Directory.GetFiles(DocsFolder, "*.md").Select(File.ReadAllText));
        var settings = Settings().ToList();
        Assert.NotEmpty(settings);

        // "Mail:From" must not pass because "Mail:FromName" is documented.
        var missing = settings.Where(s => !Regex.IsMatch(docs, $@"(?<![\w:]){Regex.Escape(s)}(?![\w])")).ToList();
        Assert.True(missing.Count == 0,
            "Settings not named in docs/*.md (write them as Section:Name in the feature's settings table): " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryFolderOfTheWebProjectIsInTheArchitectureMap()
    {
        var architecture = File.ReadAllText(Path.Combine(DocsFolder, "architecture.md"));
        var folders = Directory.GetDirectories(Path.Combine(TestEnvironment.RepoRoot, "src", "Buurtplatform.Web"))
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj" or "App_Data")) // build output; runtime data (Site:DataPath's default)
            .ToList();
        Assert.NotEmpty(folders);
        var missing = folders.Where(f => !architecture.Contains($"`{f}/`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Folders of src/Buurtplatform.Web missing from the parts table in docs/architecture.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryTableInTheDocsStartsWithAHeaderRow()
    {
        // A blank line inside a table ends it; the rows after it render as plain text.
        var broken = new List<string>();
        foreach (var file in Directory.GetFiles(DocsFolder, "*.md"))
        {
            var lines = File.ReadAllLines(file);
            var inCode = false;
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
                    inCode = !inCode;
                var startsTable = !inCode && IsRow(lines[i]) && (i == 0 || !IsRow(lines[i - 1]));
                if (startsTable && (i + 1 >= lines.Length || !Regex.IsMatch(lines[i + 1], @"^\|(\s*:?-+:?\s*\|)+\s*$")))
                    broken.Add($"{Path.GetFileName(file)}:{i + 1}");
            }
        }

        Assert.True(broken.Count == 0, "Table rows without a header row above them (a blank line in a table?): " + string.Join(", ", broken));

        static bool IsRow(string line) => line.StartsWith('|');
    }

    /// <summary>
    /// Every settable property of every options class, as <c>Section:Name</c>. A class with a <c>Section</c>
    /// constant is bound to that section; an options class that is a property of it is bound to a
    /// subsection named after the property (<c>Accounts:Passkeys:Origins</c>).
    /// </summary>
    private static IEnumerable<string> Settings()
    {
        var optionsTypes = typeof(SiteOptions).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Name.EndsWith("Options", StringComparison.Ordinal))
            .ToHashSet();
        var reached = new HashSet<Type>();
        var settings = new List<string>();
        foreach (var type in optionsTypes)
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } section)
                Walk(type, (string)section.GetRawConstantValue()!);
        }

        var unbound = optionsTypes.Except(reached).Select(t => t.FullName).ToList();
        Assert.True(unbound.Count == 0,
            "Options classes without a configuration section (give them public const string Section, or make them a property of one that has it): " + string.Join(", ", unbound));
        return settings;

        void Walk(Type type, string path)
        {
            reached.Add(type);
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            {
                if (optionsTypes.Contains(p.PropertyType))
                    Walk(p.PropertyType, $"{path}:{p.Name}");
                else
                    settings.Add($"{path}:{p.Name}");
            }
        }
    }
}
