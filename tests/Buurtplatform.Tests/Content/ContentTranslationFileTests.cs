using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Content;

/// <summary>
/// Translations in umbraco-content/ (<c>babybootcamp.ar.md</c> beside <c>babybootcamp.md</c>): read, imported as
/// <see cref="ContentTranslation"/> rows, replaced on import, exported back byte for byte; bad ones named with file, line and field.
/// </summary>
public sealed class ContentTranslationFileTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("bp-translations-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private const string Wijk = "den-haag/schilderswijk";

    /// <summary>One translation of every kind, written by hand (no <c>source:</c>: they translate the current Dutch text).</summary>
    private static readonly Dictionary<string, string> Handwritten = new()
    {
        [$"{Wijk}/activiteiten/babybootcamp.ar.md"] =
            "---\ntitle: معسكر الرضع\nsummary: تحركي والعبي مع طفلك، مع شرح من ممرضة الشباب.\n---\n\nفي معسكر الرضع يتحرك الآباء ويلعبون مع أطفالهم.\n",
        [$"{Wijk}/ontmoetingsplekken/clubhuis.tr.md"] =
            "---\nsummary: Ebeveynlerin buluştuğu geniş bir mahalle salonu.\naccessibility:\n  notes: Girişte bir eşik var.\ndirections:\n  transit: Tramvay 11, Hobbemaplein durağı.\n---\n",
        [$"{Wijk}/visie.ar.md"] =
            "---\ntitle: \"رؤيتنا: نكبر معًا في حي الرسامين\"\n---\n\nكتب هذه الرؤية آباء ومهنيون.\n\n## كل طفل يستحق الفرص\n\nمكان نشأة طفلك لا يحدد فرصه.\n",
        [$"{Wijk}/wijk.en.md"] = "---\nsummary: A busy, colourful neighbourhood close to Hollands Spoor station.\n---\n",
        ["den-haag/gemeente.ar.md"] = "---\n---\n\nفي لاهاي توجد فروق كبيرة بين الأحياء.\n",
        [$"{Wijk}/partners/cjg.ar.md"] = "---\nrole: ممرضات الشباب في مركز الشباب والأسرة.\n---\n",
    };

    /// <summary>A copy of the seed content without its own translations, with <paramref name="files"/> added (relative path → text).</summary>
    private string CopyOfSeed(IReadOnlyDictionary<string, string>? files = null)
    {
        var target = Path.Combine(_work, "content-" + Guid.NewGuid().ToString("N")[..6]);
        foreach (var file in Directory.GetFiles(TestEnvironment.SeedContent, "*", SearchOption.AllDirectories).Where(f => !SeedFiles.IsTranslation(f)))
        {
            var to = Path.Combine(target, Path.GetRelativePath(TestEnvironment.SeedContent, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        foreach (var (path, text) in files ?? new Dictionary<string, string>())
            File.WriteAllText(Path.Combine(target, path), text);
        return target;
    }

    private static async Task<ImportResult> ImportAsync(SiteFactory site, string folder)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(folder);
    }

    private static Task<List<ContentTranslation>> RowsAsync(SiteFactory site) =>
        site.WithDbAsync(db => db.ContentTranslations.AsNoTracking().OrderBy(t => t.NodeKey).ThenBy(t => t.Culture).ToListAsync());

    /// <summary>The text the export writes for a handwritten file: <c>source:</c> with the hash of the Dutch text, first.</summary>
    private static string WithSource(string text, string hash) => "---\nsource: " + hash + "\n" + text["---\n".Length..];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TranslationsAreImportedAsRowsAndExportedBackWithTheirSourceAndTheExportImportsToTheSameRows(DatabaseKind kind)
    {
        var content = CopyOfSeed(Handwritten);
        using var first = new SiteFactory(kind, seeded: false);
        _ = first.CreateClient();
        var result = await ImportAsync(first, content);
        Assert.Equal(Handwritten.Count, result.TranslationsChanged);

        var rows = await RowsAsync(first);
        Assert.Equal(Handwritten.Count, rows.Count);
        var activity = await first.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Slug == "babybootcamp" && a.Wijk.Slug == "schilderswijk"));
        var ar = Assert.Single(rows, r => r.NodeKey == activity.Key);
        Assert.Equal((NodeKind.Activity, "ar"), (ar.Kind, ar.Culture));
        Assert.Equal(["body", "summary", "title"], ar.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("معسكر الرضع", ar.Fields["title"]);
        Assert.Equal("في معسكر الرضع يتحرك الآباء ويلعبون مع أطفالهم.", ar.Fields["body"]);
        // Without source: the translation is of the Dutch text as it is now.
        Assert.Equal(TranslatableFields.For(NodeKind.Activity).SourceHash(activity), ar.SourceHash);
        Assert.Equal(first.Clock.GetUtcNow().UtcDateTime, ar.UpdatedUtc);

        var place = Assert.Single(rows, r => r.Kind == NodeKind.MeetingPlace);
        Assert.Equal("Girişte bir eşik var.", place.Fields["accessibility.notes"]);
        Assert.Equal("Tramvay 11, Hobbemaplein durağı.", place.Fields["directions.transit"]);
        var gemeente = Assert.Single(rows, r => r.Kind == NodeKind.Gemeente);
        Assert.Equal(["body"], gemeente.Fields.Keys);

        // The export writes each back beside its node, with the hash of the Dutch text it translates.
        var exported = await first.WithDbAsync(db => new ContentExporter(db).RenderAsync());
        foreach (var (path, text) in Handwritten)
        {
            var row = rows.Single(r => path.EndsWith($".{r.Culture}.md", StringComparison.Ordinal) && r.Kind == KindOf(path));
            Assert.Equal(WithSource(text, row.SourceHash), exported[path]);
        }

        // import(export) gives the same rows and the same files, byte for byte.
        var exportDir = Path.Combine(_work, "export");
        await first.WithDbAsync(db => new ContentExporter(db).ExportAsync(exportDir));
        using var second = new SiteFactory(kind, seeded: false);
        _ = second.CreateClient();
        Assert.Equal(Handwritten.Count, (await ImportAsync(second, exportDir)).TranslationsChanged);
        Assert.Equal(
            rows.Select(r => (r.NodeKey, r.Kind, r.Culture, r.SourceHash, string.Join('|', r.Fields.OrderBy(f => f.Key, StringComparer.Ordinal)))),
            (await RowsAsync(second)).Select(r => (r.NodeKey, r.Kind, r.Culture, r.SourceHash, string.Join('|', r.Fields.OrderBy(f => f.Key, StringComparer.Ordinal)))));
        var again = await second.WithDbAsync(db => new ContentExporter(db).RenderAsync());
        Assert.Equal(exported, again);
        foreach (var (path, text) in again)
            Assert.Equal(File.ReadAllText(Path.Combine(exportDir, path)), text);
    }

    private static NodeKind KindOf(string path) => path switch
    {
        _ when path.Contains("/activiteiten/", StringComparison.Ordinal) => NodeKind.Activity,
        _ when path.Contains("/ontmoetingsplekken/", StringComparison.Ordinal) => NodeKind.MeetingPlace,
        _ when path.Contains("/partners/", StringComparison.Ordinal) => NodeKind.Partner,
        _ when path.EndsWith("/visie.ar.md", StringComparison.Ordinal) => NodeKind.Vision,
        _ when path.EndsWith("/wijk.en.md", StringComparison.Ordinal) => NodeKind.Wijk,
        _ => NodeKind.Gemeente,
    };

    [Fact]
    public async Task ImportReplacesANodesTranslationsChangesOnlyWhatDiffersAndTwiceChangesNothing()
    {
        var content = CopyOfSeed(Handwritten);
        using var site = new SiteFactory(seeded: false);
        _ = site.CreateClient();
        await ImportAsync(site, content);
        Assert.Equal(0, (await ImportAsync(site, content)).TranslationsChanged);
        var before = await RowsAsync(site);

        // One file changed, one removed, one added: three changes; the rest keep their rows (ids) and times.
        File.WriteAllText(Path.Combine(content, $"{Wijk}/wijk.en.md"), "---\nsummary: A busy neighbourhood near the station.\n---\n");
        File.Delete(Path.Combine(content, $"{Wijk}/partners/cjg.ar.md"));
        File.WriteAllText(Path.Combine(content, $"{Wijk}/activiteiten/babybootcamp.tr.md"), "---\ntitle: Bebek kampı\n---\n");
        site.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(3, (await ImportAsync(site, content)).TranslationsChanged);

        var after = await RowsAsync(site);
        Assert.DoesNotContain(after, r => r.Kind == NodeKind.Partner);
        Assert.Equal("A busy neighbourhood near the station.", after.Single(r => r.Kind == NodeKind.Wijk).Fields["summary"]);
        Assert.Equal(site.Clock.GetUtcNow().UtcDateTime, after.Single(r => r.Kind == NodeKind.Wijk).UpdatedUtc);
        Assert.Equal("Bebek kampı", after.Single(r => r.Culture == "tr" && r.Kind == NodeKind.Activity).Fields["title"]);
        var unchanged = before.Single(r => r.Kind == NodeKind.Gemeente);
        var now = after.Single(r => r.Kind == NodeKind.Gemeente);
        Assert.Equal((unchanged.Id, unchanged.UpdatedUtc), (now.Id, now.UpdatedUtc));
    }

    [Fact]
    public async Task ATranslationWithAnOlderSourceIsStaleAndOneWithoutIsCurrent()
    {
        var files = new Dictionary<string, string>(Handwritten)
        {
            [$"{Wijk}/wijk.en.md"] = "---\nsource: 0123456789ab\nsummary: A busy, colourful neighbourhood.\n---\n",
        };
        using var site = new SiteFactory(seeded: false);
        _ = site.CreateClient();
        await ImportAsync(site, CopyOfSeed(files));

        await site.WithDbAsync(async db =>
        {
            var wijk = await db.Wijken.SingleAsync(w => w.Slug == "schilderswijk");
            var activity = await db.Activities.SingleAsync(a => a.Slug == "babybootcamp" && a.WijkId == wijk.Id);
            var en = await ContentTranslations.LoadAsync(db, "en", [wijk.Key, activity.Key]);
            Assert.True(en.IsStale(wijk));
            Assert.Equal(new TranslatedText("A busy, colourful neighbourhood.", "en", IsStale: true), en.Text(wijk, "summary"));
            Assert.Equal(new TranslatedText(wijk.Body, "nl", IsStale: false), en.Text(wijk, "body")); // not translated: Dutch
            Assert.Equal(new TranslatedText(activity.Title, "nl", IsStale: false), en.Text(activity, "title")); // no English translation

            var ar = await ContentTranslations.LoadAsync(db, "ar", [activity.Key]);
            Assert.Equal(new TranslatedText("معسكر الرضع", "ar", IsStale: false), ar.Text(activity, "title"));
            activity.Summary += " Nieuw.";
            Assert.True(ar.IsStale(activity)); // the Dutch changed since
            Assert.False((await ContentTranslations.LoadAsync(db, "nl", [activity.Key])).Has(activity)); // Dutch is the node itself
        });
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheSeedTranslatesSchilderswijkAndSlotervaartNoordIntoArabicTurkishAndEnglishAndTheSchilderswijkVisionIntoArabic(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind); // imported from umbraco-content/
        _ = site.CreateClient();
        await site.WithDbAsync(async db =>
        {
            var wijken = await db.Wijken.Where(w => w.Slug == "schilderswijk" || w.Slug == "slotervaart-noord").Select(w => w.Id).ToListAsync();
            Assert.Equal(2, wijken.Count);
            var activities = await db.Activities.Where(a => wijken.Contains(a.WijkId)).ToListAsync();
            var places = await db.MeetingPlaces.Where(p => wijken.Contains(p.WijkId)).ToListAsync();
            var vision = await db.Visions.SingleAsync(v => v.Wijk.Slug == "schilderswijk");
            Assert.True(activities.Count >= 10 && places.Count >= 5, $"{activities.Count} activities, {places.Count} places");

            foreach (var culture in new[] { "ar", "tr", "en" })
            {
                var translations = await ContentTranslations.LoadAsync(db, culture, [.. activities.Select(a => a.Key), .. places.Select(p => p.Key), vision.Key]);
                foreach (var a in activities)
                {
                    // Translated and current: made from the Dutch text as it is in the seed.
                    Assert.True(translations.Has(a) && !translations.IsStale(a), $"{a.Slug} in {culture}");
                    Assert.Equal(culture, translations.Text(a, "summary").Language);
                    Assert.Equal(culture, translations.Text(a, "body").Language);
                    Assert.NotEqual(a.Summary, translations.Text(a, "summary").Value);
                }

                foreach (var p in places)
                {
                    Assert.True(translations.Has(p) && !translations.IsStale(p), $"{p.Slug} in {culture}");
                    Assert.Equal(culture, translations.Text(p, "summary").Language);
                }

                Assert.Equal(culture == "ar", translations.Has(vision));
            }

            var ar = await ContentTranslations.LoadAsync(db, "ar", [vision.Key]);
            Assert.False(ar.IsStale(vision));
            // The Arabic vision has the Dutch one's sections, in its own words.
            var (_, sections) = Web.Vision.VisionMarkdown.Split(ar.Text(vision, "body").Value);
            Assert.Equal(vision.Sections.Count, sections.Count);
            Assert.DoesNotContain(sections, s => vision.Sections.Any(d => d.Heading == s.Heading));
        });
    }

    public static TheoryData<string, string, int, string, string> BadTranslations => new()
    {
        // file, text, expected line, expected field, expected message part
        { $"{Wijk}/activiteiten/bestaat-niet.ar.md", "---\ntitle: x\n---\n", 1, "", "there is no bestaat-niet.md beside this translation" },
        { $"{Wijk}/visie-ideeen.ar.md", "---\ntitle: x\n---\n", 0, "", "unexpected file here" },
        { $"{Wijk}/activiteiten/babybootcamp.ar.md", "---\ntitle: معسكر الرضع\nplace: elders\n---\n", 3, "place", "is not translated; a translation of babybootcamp.md holds only title, summary, costNote" },
        { $"{Wijk}/ontmoetingsplekken/clubhuis.ar.md", "---\nsummary: قاعة\naccessibility:\n  notes: عتبة\n  wheelchair: true\n---\n", 5, "accessibility.wheelchair", "is not translated" },
        { $"{Wijk}/ontmoetingsplekken/clubhuis.ar.md", "---\nname: النادي\n---\n", 2, "name", "is not translated" },
        { $"{Wijk}/activiteiten/babybootcamp.de.md", "---\ntitle: Babybootcamp\n---\n", 1, "", "'de' is not one of the site's languages; a translation is named babybootcamp.en.md, babybootcamp.ar.md" },
        { $"{Wijk}/wijk.nl.md", "---\nsummary: Een wijk\n---\n", 1, "", "Dutch (nl) is the language of wijk.md itself" },
        { $"{Wijk}/activiteiten/babybootcamp.ar.md", "---\n---\n", 1, "", "the translation is empty" },
        { $"{Wijk}/activiteiten/babybootcamp.ar.md", "---\ntitle: \"\"\nsummary: ملخص\n---\n", 2, "title", "has no text: leave the line out" },
        { $"{Wijk}/activiteiten/babybootcamp.ar.md", "---\nsource: gisteren\ntitle: معسكر\n---\n", 2, "source", "must be the hash the export writes" },
    };

    [Theory]
    [MemberData(nameof(BadTranslations))]
    public async Task ABadTranslationFailsTheImportNamingFileLineAndField(string file, string text, int line, string field, string message)
    {
        var content = CopyOfSeed(new Dictionary<string, string> { [file] = text });
        using var site = new SiteFactory(seeded: false);
        _ = site.CreateClient();

        var error = await Assert.ThrowsAsync<ContentImportException>(() => ImportAsync(site, content));

        var match = Assert.Single(error.Errors);
        Assert.Equal((file, line, field), (match.File, match.Line, match.Field));
        Assert.Contains(message, match.Message);
        Assert.Contains(field.Length == 0 ? $"{file}:{line}: " : $"{file}:{line}: field '{field}'", error.Message);
        Assert.Equal(0, await site.WithDbAsync(db => db.Gemeenten.CountAsync()));
        Assert.Equal(0, await site.WithDbAsync(db => db.ContentTranslations.CountAsync()));
    }

    [Fact]
    public void ATranslationOfATranslationIsAnErrorNotSkipped()
    {
        var content = CopyOfSeed(new Dictionary<string, string>
        {
            [$"{Wijk}/activiteiten/babybootcamp.ar.md"] = "---\ntitle: معسكر الرضع\n---\n",
            [$"{Wijk}/activiteiten/babybootcamp.ar.tr.md"] = "---\ntitle: Bebek kampı\n---\n",
        });

        var error = Assert.Throws<ContentImportException>(() => ContentTreeReader.Read(content));

        var match = Assert.Single(error.Errors);
        Assert.Equal(($"{Wijk}/activiteiten/babybootcamp.ar.tr.md", 1), (match.File, match.Line));
        Assert.Contains("named after its node's file with one language (babybootcamp.tr.md); babybootcamp.ar.md is a translation itself", match.Message);
    }

    [Fact]
    public async Task AVisionsTranslatedBodyIsStoredAsItsIntroductionAndSectionsLikeTheDutchOne()
    {
        var messy = "---\ntitle: رؤيتنا\n---\n\nمقدمة.\n\n\n## القسم الأول   \nنص القسم.\n## القسم الثاني\n";
        using var site = new SiteFactory(seeded: false);
        _ = site.CreateClient();
        await ImportAsync(site, CopyOfSeed(new Dictionary<string, string> { [$"{Wijk}/visie.ar.md"] = messy }));

        var row = Assert.Single(await RowsAsync(site));
        Assert.Equal("مقدمة.\n\n## القسم الأول\n\nنص القسم.\n\n## القسم الثاني", row.Fields["body"]);
    }

    [Fact]
    public async Task DeletingANodeDeletesItsTranslations()
    {
        using var site = new SiteFactory(seeded: false);
        _ = site.CreateClient();
        await ImportAsync(site, CopyOfSeed(new Dictionary<string, string> { [$"{Wijk}/activiteiten/taalplezier-voor-peuters.ar.md"] = "---\ntitle: متعة اللغة\n---\n" }));
        var activity = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Slug == "taalplezier-voor-peuters"));
        Assert.True(await site.WithDbAsync(db => db.ContentTranslations.AnyAsync(t => t.NodeKey == activity.Key)));

        await using (var scope = site.Scope())
        {
            var publisher = scope.ServiceProvider.GetRequiredService<Web.Editing.ContentPublisher>();
            Assert.True((await publisher.DeleteAsync(NodeKind.Activity, activity.Id, Web.Audit.AuditActor.System)).Ok);
        }

        Assert.False(await site.WithDbAsync(db => db.ContentTranslations.AnyAsync(t => t.NodeKey == activity.Key)));
    }
}
