using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Tests.Content;

/// <summary>The content import against malformed, oversized and escaping input (issue 16): a clear error, never a crash.</summary>
public sealed class ContentHardeningTests : IDisposable
{
    private const string Activity = "den-haag/schilderswijk/activiteiten/babybootcamp.md";

    private readonly string _work = Directory.CreateTempSubdirectory("bp-hardening-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    private string CopyOfSeed()
    {
        var target = Path.Combine(_work, "content");
        foreach (var file in Directory.GetFiles(TestEnvironment.SeedContent, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(TestEnvironment.SeedContent, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    /// <summary>The seed with one line of the activity replaced; returns the folder.</summary>
    private string SeedWith(string find, string replace)
    {
        var content = CopyOfSeed();
        var path = Path.Combine(content, Activity);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        return content;
    }

    public static TheoryData<string, string, int, string> MalformedYaml => new()
    {
        // text to replace, replacement, expected line, expected field ("" when the YAML gives none)
        { "languages: [nl, ar]", "languages: [nl, ar", 9, "languages" },
        { "summary: Bewegen en spelen met uw baby, met uitleg van een jeugdverpleegkundige.", "summary: {Bewegen en spelen", 6, "summary" },
        { "  capacity: 10", "\tcapacity: 10", 14, "signUp" },
        { "title: Babybootcamp", "title: \"Babybootcamp", 4, "title" },
        { "cost: gratis", "cost: gratis\ncost: 5", 11, "cost" },
    };

    [Theory]
    [MemberData(nameof(MalformedYaml))]
    public void MalformedYamlIsAnImportErrorWithFileLineAndFieldNotACrash(string find, string replace, int line, string field)
    {
        var content = SeedWith(find, replace);

        var error = Assert.Throws<ContentImportException>(() => ContentTreeReader.Read(content));

        var match = Assert.Single(error.Errors, e => e.File == Activity);
        Assert.StartsWith("this is not valid YAML", match.Message, StringComparison.Ordinal);
        Assert.Equal((line, field), (match.Line, match.Field));
    }

    [Fact]
    public void AnOpeningDashLineWithoutItsEndIsAnImportError()
    {
        var content = CopyOfSeed();
        File.WriteAllText(Path.Combine(content, Activity), "---\ntitle: Babybootcamp\n");

        var error = Assert.Throws<ContentImportException>(() => ContentTreeReader.Read(content));

        var match = Assert.Single(error.Errors, e => e.File == Activity);
        Assert.Equal(1, match.Line);
        Assert.Contains("not closed", match.Message);
    }

    [Fact]
    public void TheBackofficeParserReportsAnUnclosedListInsteadOfThrowing()
    {
        var text = File.ReadAllText(Path.Combine(TestEnvironment.SeedContent, Activity)).Replace("languages: [nl, ar]", "languages: [nl, ar", StringComparison.Ordinal);
        var errors = new List<ContentError>();

        Assert.Null(ContentTreeReader.ParseNode(NodeKind.Activity, "babybootcamp", text, errors));

        Assert.Contains(errors, e => e.Field == "languages" && e.Line == 9);
    }

    [Fact]
    public async Task TheImportCommandExitsWithOneAndNamesTheFileForMalformedYaml()
    {
        var content = SeedWith("languages: [nl, ar]", "languages: [nl, ar");
        var data = Directory.CreateDirectory(Path.Combine(_work, "data")).FullName;

        var (code, _, error) = await InvitationTests.RunCommandAsync(data, "import", content);

        Assert.True(code == 1, $"exit code {code}: {error}");
        Assert.Contains($"{Activity}:9: field 'languages': this is not valid YAML", error);
    }

    [Fact]
    public void AFileLargerThanTheLimitIsRefusedNamingTheFile()
    {
        var content = CopyOfSeed();
        var path = Path.Combine(content, Activity);
        File.AppendAllText(path, "\n" + new string('x', ContentLimits.MaxFileBytes));

        var error = Assert.Throws<ContentImportException>(() => ContentTreeReader.Read(content));

        var match = Assert.Single(error.Errors, e => e.File == Activity);
        Assert.Contains($"at most {ContentLimits.MaxFileBytes} bytes", match.Message);
    }

    public static TheoryData<string, string, string> TooLongFields => new()
    {
        // text to replace, replacement, expected field
        { "title: Babybootcamp", "title: " + new string('B', ContentLimits.MaxTitleChars + 1), "title" },
        { "summary: Bewegen", "summary: " + new string('B', ContentLimits.MaxSummaryChars + 1), "summary" },
        { "\n---\n", "\n---\n" + new string('x', ContentLimits.MaxBodyChars + 1) + "\n", "body" },
    };

    [Theory]
    [MemberData(nameof(TooLongFields))]
    public void AFieldLongerThanItsLimitIsRefusedNamingFileAndField(string find, string replace, string field)
    {
        var content = SeedWith(find, replace);

        var error = Assert.Throws<ContentImportException>(() => ContentTreeReader.Read(content));

        var match = Assert.Single(error.Errors, e => e.File == Activity && e.Field == field);
        Assert.Contains("at most", match.Message);
        Assert.True(match.Line > 1);
    }

    [Fact]
    public void TheSeedContentFitsTheLimits() => Assert.NotEmpty(ContentTreeReader.Read(TestEnvironment.SeedContent).Gemeenten);

    [Fact]
    public void ASymlinkedFileOrFolderInTheContentIsRefusedNamingIt()
    {
        var content = CopyOfSeed();
        var outside = Directory.CreateDirectory(Path.Combine(_work, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "geheim.md"), File.ReadAllText(Path.Combine(content, Activity)));
        File.Delete(Path.Combine(content, Activity));
        File.CreateSymbolicLink(Path.Combine(content, Activity), Path.Combine(outside, "geheim.md"));
        Directory.CreateSymbolicLink(Path.Combine(content, "den-haag/schilderswijk/partners/extra"), outside);

        var error = Assert.Throws<ContentImportException>(() => ContentTreeReader.Read(content));

        Assert.Contains(error.Errors, e => e.File == Activity && e.Message.Contains("symbolic link", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.File == "den-haag/schilderswijk/partners/extra" && e.Message.Contains("symbolic link", StringComparison.Ordinal));
    }
}
