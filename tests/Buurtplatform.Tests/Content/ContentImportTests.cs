using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Content;

/// <summary>Importing umbraco-content/: good trees, bad files (named with file, line and field), idempotence, the round trip.</summary>
public sealed class ContentImportTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("bp-content-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>A copy of the seed content to break on purpose.</summary>
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

    private static async Task<ImportResult> ImportAsync(SiteFactory site, string folder)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(folder);
    }

    private static int LineOf(string file, string startsWith) =>
        Array.FindIndex(File.ReadAllLines(file), l => l.TrimStart().StartsWith(startsWith, StringComparison.Ordinal)) + 1;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task FirstStartImportsTheSeedAndASecondImportChangesNothing(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind, seeded: false);
        _ = site.CreateClient(); // starts the app on an empty database

        var first = await ImportAsync(site, TestEnvironment.SeedContent);
        var (files, translations) = (SeedFiles.Nodes, SeedFiles.Translations);
        Assert.True(translations > 0);
        Assert.Equal(new ImportResult(files, 0, 0) { TranslationsChanged = translations }, first);
        Assert.Equal(translations, await site.WithDbAsync(db => db.ContentTranslations.CountAsync()));

        var counts = await site.WithDbAsync(async db => (await db.Gemeenten.CountAsync(), await db.Wijken.CountAsync(), await db.Activities.CountAsync()));
        Assert.Equal((4, 8), (counts.Item1, counts.Item2));

        var second = await ImportAsync(site, TestEnvironment.SeedContent);
        Assert.Equal(new ImportResult(0, 0, files), second);
        Assert.Equal(counts, await site.WithDbAsync(async db => (await db.Gemeenten.CountAsync(), await db.Wijken.CountAsync(), await db.Activities.CountAsync())));
    }

    [Fact]
    public async Task TheAppImportsTheContentFolderOnFirstStart()
    {
        using var site = new SiteFactory(seeded: true, contentPath: TestEnvironment.SeedContent);
        var doc = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk");
        Assert.Equal("Schilderswijk", doc.QuerySelector("h1").Text());
    }

    [Fact]
    public async Task AChangedFileUpdatesItsNodeInPlaceMatchedByKey()
    {
        var content = CopyOfSeed();
        using var site = new SiteFactory(seeded: false);
        _ = site.CreateClient();
        await ImportAsync(site, content);
        var file = Path.Combine(content, "den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters.md");
        var before = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Slug == "taalplezier-voor-peuters"));

        File.WriteAllText(file, File.ReadAllText(file).Replace("title: Taalplezier voor peuters", "title: Taalplezier voor peuters en ouders", StringComparison.Ordinal));
        File.Move(file, file.Replace("taalplezier-voor-peuters.md", "taalplezier.md", StringComparison.Ordinal));
        // Its translations (taalplezier-voor-peuters.ar.md, …) are named after the file, so they move with it.
        foreach (var translation in Directory.GetFiles(Path.GetDirectoryName(file)!, "taalplezier-voor-peuters.*.md"))
            File.Move(translation, translation.Replace("taalplezier-voor-peuters.", "taalplezier.", StringComparison.Ordinal));
        var result = await ImportAsync(site, content);

        Assert.Equal(1, result.Updated);
        Assert.Equal(0, result.Added);
        var after = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Key == before.Key));
        Assert.Equal(before.Id, after.Id);
        Assert.Equal("taalplezier", after.Slug);
        Assert.Equal("Taalplezier voor peuters en ouders", after.Title);
    }

    public static TheoryData<string, string, string, string, string> BadFiles => new()
    {
        // file, text to replace, replacement, expected field, expected message part
        { "den-haag/schilderswijk/activiteiten/babybootcamp.md", "ageToMonths: 12", "ageToMonths: twaalf", "ageToMonths", "whole number from 0 to 72" },
        { "den-haag/schilderswijk/activiteiten/babybootcamp.md", "type: babybootcamp", "type: bootcamp", "type", "must be one of babybootcamp" },
        { "den-haag/schilderswijk/activiteiten/babybootcamp.md", "ageFromMonths: 0", "ageFromMonts: 0", "ageFromMonts", "is not a known field" },
        { "den-haag/schilderswijk/activiteiten/babybootcamp.md", "cost: gratis", "cost: goedkoop", "cost", "'gratis' or an amount" },
        { "den-haag/schilderswijk/activiteiten/babybootcamp.md", "  repeat: weekly", "  repeat: soms", "schedule.repeat", "'once', 'weekly' or 'monthly'" },
        { "den-haag/schilderswijk/activiteiten/babybootcamp.md", "  days: [tuesday]", "  days: [dinsdag]", "schedule.days", "'dinsdag' is not one of monday" },
        { "den-haag/schilderswijk/activiteiten/babybootcamp.md", "  time: \"13:30-15:00\"", "  time: \"15:00-13:30\"", "schedule.time", "end time must be after" },
        { "den-haag/schilderswijk/activiteiten/babybootcamp.md", "place: ", "place: nergens\nplaceX: ", "place", "no meeting place 'nergens'" },
        { "den-haag/schilderswijk/ontmoetingsplekken/bibliotheek.md", "  postcode: ", "  postcode: 25\n  postcodeX: ", "address.postcode", "must be written as 1234 AB" },
        { "den-haag/schilderswijk/ontmoetingsplekken/bibliotheek.md", "  wheelchair: ", "  wheelchair: misschien\n  wheelchairX: ", "accessibility.wheelchair", "must be true or false" },
        { "den-haag/schilderswijk/visie.md", "lastReviewed: ", "lastReviewed: gisteren\nlastReviewedX: ", "lastReviewed", "YYYY-MM-DD" },
        { "den-haag/gemeente.md", "key: ", "key: niet-een-guid\nkeyX: ", "key", "must be a GUID" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ABadFileFailsTheWholeImportNamingFileLineAndField(string file, string find, string replace, string field, string message)
    {
        var content = CopyOfSeed();
        var path = Path.Combine(content, file);
        var text = File.ReadAllText(path);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' not in {file}");
        var lineEnd = text.IndexOf('\n', at);
        var original = text[at..lineEnd];
        File.WriteAllText(path, text[..at] + replace + (find.EndsWith(": ", StringComparison.Ordinal) ? original[find.Length..] : "") + text[lineEnd..]);
        var expectedLine = LineOf(path, replace.Split('\n')[0].Trim());

        using var site = new SiteFactory(seeded: false);
        _ = site.CreateClient();
        var error = await Assert.ThrowsAsync<ContentImportException>(() => ImportAsync(site, content));

        var match = Assert.Single(error.Errors, e => e.Field == field);
        Assert.Equal(file, match.File);
        Assert.Equal(expectedLine, match.Line);
        Assert.Contains(message, match.Message);
        Assert.Contains($"{file}:{expectedLine}: field '{field}'", error.Message);
        Assert.Equal(0, await site.WithDbAsync(db => db.Gemeenten.CountAsync()));
        Assert.Equal(0, await site.WithDbAsync(db => db.Activities.CountAsync()));
    }

    [Fact]
    public async Task BrokenYamlMissingFieldsAndBadNamesAreAllReportedAtOnce()
    {
        var content = CopyOfSeed();
        var place = Path.Combine(content, "zwolle/zwolle-zuid/activiteiten");
        var someActivity = Directory.GetFiles(place, "*.md").First();
        var lines = File.ReadAllLines(someActivity).ToList();
        lines.RemoveAll(l => l.StartsWith("title:", StringComparison.Ordinal));
        File.WriteAllLines(someActivity, lines);
        File.WriteAllText(Path.Combine(place, "kapot.md"), "---\nkey: [unclosed\n---\n");
        File.WriteAllText(Path.Combine(place, "Hoofdletters.md"), File.ReadAllText(someActivity));
        Directory.CreateDirectory(Path.Combine(content, "agenda"));
        File.WriteAllText(Path.Combine(content, "groningen/noord/notities.txt"), "vergeten");

        using var site = new SiteFactory(seeded: false);
        _ = site.CreateClient();
        var error = await Assert.ThrowsAsync<ContentImportException>(() => ImportAsync(site, content));

        var rel = Path.GetRelativePath(content, someActivity).Replace('\\', '/');
        Assert.Contains(error.Errors, e => e.File == rel && e.Field == "title" && e.Message == "is required");
        Assert.Contains(error.Errors, e => e.File == "zwolle/zwolle-zuid/activiteiten/kapot.md" && e.Line == 2 && e.Message.StartsWith("this is not valid YAML", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.File == "zwolle/zwolle-zuid/activiteiten/Hoofdletters.md" && e.Message.Contains("not a valid slug", StringComparison.Ordinal));
        // The copy has the same key as the original: whichever is read second is reported, naming the first.
        Assert.Contains(error.Errors, e => e.Field == "key" && e.Message.Contains("already the key of", StringComparison.Ordinal)
            && new[] { e.File, e.Message }.Any(t => t.Contains("Hoofdletters.md", StringComparison.Ordinal))
            && new[] { e.File, e.Message }.Any(t => t.Contains(rel, StringComparison.Ordinal)));
        Assert.Contains(error.Errors, e => e.File == "agenda" && e.Message.Contains("word the site uses itself", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.File == "groningen/noord/notities.txt" && e.Message.Contains("unexpected file", StringComparison.Ordinal));
        Assert.Equal(0, await site.WithDbAsync(db => db.Gemeenten.CountAsync()));
    }

    [Fact]
    public async Task AFailedImportLeavesExistingContentUntouched()
    {
        var content = CopyOfSeed();
        using var site = new SiteFactory(seeded: false);
        _ = site.CreateClient();
        await ImportAsync(site, content);
        var before = await new ContentExporter(await ResolveDb(site)).RenderAsync();

        var file = Path.Combine(content, "den-haag/gemeente.md");
        File.WriteAllText(file, File.ReadAllText(file).Replace("name: Den Haag", "name: Den Haag (nieuw)", StringComparison.Ordinal));
        var activity = Path.Combine(content, "den-haag/moerwijk/activiteiten");
        var broken = Directory.GetFiles(activity, "*.md").First();
        File.WriteAllText(broken, File.ReadAllText(broken).Replace("signUp:", "signUp: ja\nsignUpOld:", StringComparison.Ordinal));

        await Assert.ThrowsAsync<ContentImportException>(() => ImportAsync(site, content));

        Assert.Equal(before, await new ContentExporter(await ResolveDb(site)).RenderAsync());
    }

    private static Task<AppDbContext> ResolveDb(SiteFactory site) =>
        Task.FromResult(site.Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>());

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ImportThenExportThenImportGivesIdenticalContent(DatabaseKind kind)
    {
        // import (the seed) → export → import into a fresh database → export again
        using var first = new SiteFactory(kind);
        _ = first.CreateClient();
        var exportDir = Path.Combine(_work, "export");
        await first.WithDbAsync(db => new ContentExporter(db).ExportAsync(exportDir));

        using var second = new SiteFactory(kind, seeded: false);
        _ = second.CreateClient();
        await ImportAsync(second, exportDir);

        var a = await first.WithDbAsync(db => new ContentExporter(db).RenderAsync());
        var b = await second.WithDbAsync(db => new ContentExporter(db).RenderAsync());
        Assert.Equal(a.Keys, b.Keys);
        foreach (var path in a.Keys)
            Assert.Equal(a[path], b[path]);

        // The seed content itself is in the canonical form, so exporting it reproduces every file byte for byte.
        foreach (var (path, text) in a)
            Assert.Equal(File.ReadAllText(Path.Combine(TestEnvironment.SeedContent, path)), text);

        // And the rows agree field by field (not only through the exporter).
        var rowsA = await first.WithDbAsync(Snapshot);
        var rowsB = await second.WithDbAsync(Snapshot);
        Assert.Equal(rowsA, rowsB);
    }

    private static async Task<List<string>> Snapshot(AppDbContext db)
    {
        var activities = await db.Activities.AsNoTracking().Include(a => a.MeetingPlace).Include(a => a.Organiser).OrderBy(a => a.Key).ToListAsync();
        var places = await db.MeetingPlaces.AsNoTracking().Include(p => p.HostPartner).OrderBy(p => p.Key).ToListAsync();
        var visions = await db.Visions.AsNoTracking().OrderBy(v => v.Key).ToListAsync();
        return
        [
            .. activities.Select(a => System.Text.Json.JsonSerializer.Serialize(new
            {
                a.Key, a.Slug, a.State, a.UpdatedUtc, a.CreatedUtc, a.Title, a.Type, a.Summary, a.Body, a.AgeFromMonths, a.AgeToMonths,
                a.Languages, a.IsFree, a.CostAmount, a.CostNote, Place = a.MeetingPlace.Key, Organiser = a.Organiser.Key,
                a.SignUpRequired, a.Capacity, a.Schedule,
            })),
            .. places.Select(p => System.Text.Json.JsonSerializer.Serialize(new
            {
                p.Key, p.Slug, p.Name, p.Street, p.Postcode, p.Latitude, p.Longitude, p.Facilities, p.OpeningHours, Host = p.HostPartner.Key,
                p.WheelchairAccessible, p.PramAccessible, p.AccessibilityNotes, p.AddressIsPlaceholder,
            })),
            .. visions.Select(v => System.Text.Json.JsonSerializer.Serialize(new { v.Key, v.Title, v.Intro, v.Sections, v.LastReviewed, v.WrittenByParents })),
        ];
    }
}
