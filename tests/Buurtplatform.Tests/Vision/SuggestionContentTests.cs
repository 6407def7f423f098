using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Vision.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Vision;

/// <summary>The seed's example ideas: imported, shown marked as examples, and never mixed with parents' own ideas in an export.</summary>
public sealed class SuggestionContentTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("bp-ideas-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task TheSchilderswijkVisionShowsItsExampleIdeasMarkedAsExamplesAndWhatChangedBecauseOfThem()
    {
        using var site = SuggestionKit.Site();
        var page = await site.HttpsClient().GetDocumentAsync("/den-haag/schilderswijk/visie");

        var ideas = page.QuerySelectorAll(".idea").ToList();
        Assert.Equal(3, ideas.Count); // the fourth example is still "new"
        Assert.All(ideas, i => Assert.Equal("(voorbeeld)", i.QuerySelector(".example-mark").Text()));
        Assert.Equal("ar", page.QuerySelector("#deel-2 ~ .ideas blockquote")!.GetAttribute("lang"));
        Assert.Contains("Ideeën met (voorbeeld) zijn geen echte ideeën van ouders", page.MainText());
        var changes = page.QuerySelector("#veranderd")!.ParentElement!;
        Assert.Contains("21 oktober 2026", changes.Text());
        Assert.Contains("liedjes en boekjes", changes.Text());
        Assert.DoesNotContain("zaterdag", page.MainText());
    }

    [Fact]
    public async Task TheExportWritesTheExamplesButNeverAParentsOwnIdea()
    {
        using var site = SuggestionKit.Site();
        await site.SendIdeaAsync(site.HttpsClient(), SuggestionKit.Idea("Mijn eigen idee", email: "ouder@example.nl", name: "Sanne"));
        var files = await site.WithDbAsync(db => new ContentExporter(db).RenderAsync());

        var examples = files["den-haag/schilderswijk/visie-ideeen.md"];
        Assert.Equal(4, examples.Split("example: true").Length - 1);
        Assert.DoesNotContain("den-haag/moerwijk/visie-ideeen.md", files.Keys);
        Assert.DoesNotContain(files.Values, f => f.Contains("Mijn eigen idee", StringComparison.Ordinal) || f.Contains("ouder@example.nl", StringComparison.Ordinal));
    }

    [Fact]
    public void AFileWithAnIdeaNotMarkedAsAnExampleOrForAnUnknownSectionIsRefusedNamingFileAndField()
    {
        CopyTree(TestEnvironment.SeedContent, _work);
        var path = Path.Combine(_work, "den-haag", "schilderswijk", SuggestionFile.FileName);
        File.WriteAllText(path, File.ReadAllText(path)
            .Replace("section: Samen sterker\n    text: Kan de spelinloop", "section: Bestaat niet\n    text: Kan de spelinloop", StringComparison.Ordinal)
            .Replace("    example: true\n    text: Fijn dat", "    example: false\n    text: Fijn dat", StringComparison.Ordinal));

        var e = Assert.Throws<ContentImportException>(() => ContentTreeReader.Read(_work));

        Assert.Contains(e.Errors, x => x.File == "den-haag/schilderswijk/visie-ideeen.md" && x.Field == "suggestions[2].example");
        Assert.Contains(e.Errors, x => x.File == "den-haag/schilderswijk/visie-ideeen.md" && x.Field == "suggestions[3].section" && x.Message.Contains("Bestaat niet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportingTheSeedAgainChangesNoExampleIdea()
    {
        using var site = SuggestionKit.Site();
        _ = site.CreateClient();
        var before = await site.WithDbAsync(db => db.VisionSuggestions.AsNoTracking().Where(s => s.IsExample).OrderBy(s => s.Id).Select(s => new { s.Id, s.Key, s.Text, s.State }).ToListAsync());
        await using (var scope = site.Scope())
            await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ContentImporter>(scope.ServiceProvider).ImportAsync(TestEnvironment.SeedContent);
        var after = await site.WithDbAsync(db => db.VisionSuggestions.AsNoTracking().Where(s => s.IsExample).OrderBy(s => s.Id).Select(s => new { s.Id, s.Key, s.Text, s.State }).ToListAsync());
        Assert.Equal(4, before.Count);
        Assert.Equal(before, after);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }
}
