using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Editing;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.Pages;
using Buurtplatform.Tests.SignUps;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Calendar;
using Buurtplatform.Web.Calendar.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurtplatform.Tests.Calendar.CalendarTestData;

namespace Buurtplatform.Tests.Calendar;

/// <summary>The backoffice page that imports rijksoverheid's school holidays: upload, preview per region, apply (issue 17).</summary>
public sealed class SchoolHolidayPageTests
{
    private const string Page = SchoolHolidayPaths.Import;
    private const string Feed = "/zwolle/holtenbroek/activiteiten/taalplezier.ics"; // Thursdays, skips the holidays of noord
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Calendar", "SchoolHolidays");
    private static string Year2026 => File.ReadAllText(Path.Combine(Fixtures, "schoolvakanties-2026-2027.json"));

    [Fact]
    public async Task AnAdministratorSeesTheChangesPerRegionAppliesThemAndTheFeedThenSkipsTheNewHoliday()
    {
        using var site = new SiteFactory();
        var admin = await site.SignedInClientAsync(await site.AdministratorAsync());
        var voorjaarNoord = Days("2027-02-20", "2027-03-01");
        Assert.Single(IcalNetReading.Dates(IcalNetReading.Parse(await admin.GetStringAsync(Feed)), voorjaarNoord));
        Assert.DoesNotContain("Voorjaarsvakantie 2027", (await admin.GetDocumentAsync(Page)).QuerySelector("table[data-region='noord']")!.TextContent);
        Assert.Contains(Page, (await admin.GetDocumentAsync("/backoffice")).QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));

        // The preview: every change, per region, and nothing written yet.
        var preview = await UploadAsync(admin, Year2026, "schoolvakanties-2026-2027.json");
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var doc = preview.Doc;
        Assert.Contains("schoolvakanties-2026-2027.json, schooljaren 2026-2027", doc.MainText());
        Assert.Contains("12 wijzigingen", doc.MainText());
        Assert.Equal(12, doc.QuerySelectorAll("#voorvertoning li[data-kind='Added']").Length);
        foreach (var region in new[] { "noord", "midden", "zuid" })
            Assert.NotEmpty(doc.QuerySelectorAll($"#voorvertoning ul[data-region='{region}'] li"));
        Assert.Contains(doc.QuerySelectorAll("#voorvertoning ul[data-region='noord'] li"), li => li.TextContent.StartsWith("Nieuw: Voorjaarsvakantie 2027, ", StringComparison.Ordinal));
        Assert.Empty(await AuditAsync(site));

        // Toepassen: written, audited with the file's name and the administrator, shown, and the feed skips the holiday.
        var applied = await ConfirmAsync(admin, doc);
        var after = await admin.FollowAsync(applied);
        Assert.Contains("De schoolvakanties zijn bijgewerkt", after.MainText());
        Assert.Contains("Voorjaarsvakantie 2027", after.QuerySelector("table[data-region='noord']")!.TextContent);
        var entry = Assert.Single(await AuditAsync(site));
        Assert.Equal("beheer@example.nl", entry.ActorName);
        Assert.StartsWith("schoolvakanties-2026-2027.json: schooljaren 2026-2027; ", entry.Detail, StringComparison.Ordinal);
        Assert.Empty(IcalNetReading.Dates(IcalNetReading.Parse(await admin.GetStringAsync(Feed)), voorjaarNoord));

        // The same file again: nothing to apply.
        var again = await UploadAsync(admin, Year2026, "schoolvakanties-2026-2027.json");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.NotNull(again.Doc.QuerySelector("#geen-wijzigingen"));
        Assert.Null(again.Doc.QuerySelector("#toepassen"));

        // A preview confirmed twice (a double click): the second applies nothing and says so.
        var twice = await admin.FollowAsync(await ConfirmAsync(admin, doc));
        Assert.Contains("Er is niets veranderd", twice.MainText());
        Assert.Single(await AuditAsync(site));
    }

    [Theory]
    [InlineData("oost", "Onbekende regio 'oost' bij ")]
    [InlineData("leeg", "Kies het JSON-bestand met de schoolvakanties.")]
    [InlineData("groot", "Het bestand is groter dan 1024 kB.")]
    [InlineData("binair", "Het bestand is geen tekst in UTF-8.")]
    [InlineData("json", "Dit is geen geldig JSON-bestand (regel 1).")]
    public async Task ABadFileGets400WithItsReasonAtTheFieldAndChangesNothing(string what, string message)
    {
        using var site = new SiteFactory();
        var admin = await site.SignedInClientAsync(await site.AdministratorAsync());
        var before = await SnapshotAsync(site);
        byte[] file = what switch
        {
            "oost" => Encoding.UTF8.GetBytes(Year2026.Replace("\"region\": \"zuid\"", "\"region\": \"oost\"", StringComparison.Ordinal)),
            "leeg" => [],
            "groot" => Encoding.UTF8.GetBytes(Year2026 + new string(' ', SchoolHolidaysPageModel.MaxFileBytes)),
            "binair" => [0x7B, 0xFF, 0xFE, 0x7D],
            _ => Encoding.UTF8.GetBytes("{ \"vacations\": ["),
        };

        var (status, doc, _) = await UploadAsync(admin, file, "schoolvakanties.json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, doc.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("#" + SchoolHolidaysPageModel.FileId, doc.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Contains(message, doc.QuerySelector($"#{SchoolHolidaysPageModel.FileId}-error")!.TextContent);
        Assert.Equal("true", doc.QuerySelector("#" + SchoolHolidaysPageModel.FileId)!.GetAttribute("aria-invalid"));
        Assert.Null(doc.QuerySelector("#toepassen"));
        Assert.Equal(before, await SnapshotAsync(site));
        Assert.Empty(await AuditAsync(site));
    }

    [Fact]
    public async Task AConfirmWithAChangedTextOrWithoutItsSealIsRefusedAndChangesNothing()
    {
        using var site = new SiteFactory();
        var admin = await site.SignedInClientAsync(await site.AdministratorAsync());
        var doc = (await UploadAsync(admin, Year2026, "schoolvakanties-2026-2027.json")).Doc;
        var before = await SnapshotAsync(site);
        var moved = Year2026.Replace("2027-02-06T00:00:00.000Z", "2027-02-13T00:00:00.000Z", StringComparison.Ordinal)
            .Replace("2027-02-14T00:00:00.000Z", "2027-02-21T00:00:00.000Z", StringComparison.Ordinal);

        foreach (var changed in new Dictionary<string, string>[] { new() { ["text"] = moved }, new() { ["seal"] = "" }, new() { ["seal"] = "CfDJ8-niet-echt" } })
        {
            var response = await ConfirmAsync(admin, doc, changed);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Kies het bestand opnieuw", (await response.ParseAsync()).QuerySelector(".error-summary")!.TextContent);
        }

        Assert.Equal(before, await SnapshotAsync(site));
        Assert.Empty(await AuditAsync(site));
    }

    [Fact]
    public async Task WhenTheHolidaysChangedAfterThePreviewConfirmingShowsTheNewPreviewInsteadOfApplying()
    {
        using var site = new SiteFactory();
        var admin = await site.SignedInClientAsync(await site.AdministratorAsync());
        var doc = (await UploadAsync(admin, Year2026, "schoolvakanties-2026-2027.json")).Doc;

        // Meanwhile the command line imports the same year with the voorjaarsvakantie of zuid a week later.
        await using (var scope = site.Scope())
        {
            var import = scope.ServiceProvider.GetRequiredService<SchoolHolidayImport>();
            var plan = await import.PlanAsync(Year2026.Replace("2027-02-06T00:00:00.000Z", "2027-02-13T00:00:00.000Z", StringComparison.Ordinal)
                .Replace("2027-02-14T00:00:00.000Z", "2027-02-21T00:00:00.000Z", StringComparison.Ordinal));
            Assert.True(await import.ApplyAsync(plan, "elders.json", AuditActor.Command("import-schoolvakanties")));
        }

        var response = await ConfirmAsync(admin, doc);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await response.ParseAsync();
        Assert.Contains("Intussen zijn de schoolvakanties veranderd", again.MainText());
        var change = Assert.Single(again.QuerySelectorAll("#voorvertoning li"));
        Assert.Equal("Changed", change.GetAttribute("data-kind"));
        Assert.Single(await AuditAsync(site)); // only the command line's
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(admin, again)).StatusCode);
        Assert.Equal(2, (await AuditAsync(site)).Count);
    }

    [Fact]
    public async Task AWijkEditorIsRefused()
    {
        using var site = new SiteFactory();
        var admin = await site.SignedInClientAsync(await site.AdministratorAsync());
        var doc = (await UploadAsync(admin, Year2026, "schoolvakanties-2026-2027.json")).Doc;
        var editor = await site.SignedInClientAsync(await site.EditorAsync());
        var token = (await editor.GetDocumentAsync("/backoffice")).AntiforgeryToken();

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(Page)).StatusCode);
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Year2026)), "file", "schoolvakanties.json" },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsync(Page + "?handler=Preview", upload)).StatusCode);
        var form = (IHtmlFormElement)doc.QuerySelector("#toepassen")!;
        var fields = Forms.Fields(form).Where(f => f.Key != "__RequestVerificationToken").Append(new("__RequestVerificationToken", token));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields))).StatusCode);
        Assert.Empty(await AuditAsync(site));
        Assert.DoesNotContain(Page, (await editor.GetDocumentAsync("/backoffice")).QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task TheUploadThePreviewAndTheRefusedFileAreValidHtml()
    {
        using var site = new SiteFactory();
        var admin = await site.SignedInClientAsync(await site.AdministratorAsync());
        var upload = await admin.GetStringAsync(Page, TestContext.Current.CancellationToken);
        var preview = (await UploadAsync(admin, Year2026, "schoolvakanties-2026-2027.json")).Html;
        var refused = (await UploadAsync(admin, Encoding.UTF8.GetBytes("{"), "kapot.json")).Html;
        var none = (await UploadAsync(admin, await CurrentYearAsJsonAsync(site), "zelfde.json")).Html;

        await NuChecker.AssertValidAsync([("upload", upload), ("preview", preview), ("refused file", refused), ("no changes", none)]);
    }

    /// <summary>The file whose holidays the seed already has (Kerstvakantie 2026 only): a preview without changes.</summary>
    private static async Task<byte[]> CurrentYearAsJsonAsync(SiteFactory site)
    {
        var holidays = await site.WithDbAsync(db => db.SchoolHolidays.AsNoTracking().SingleAsync());
        var kerst = holidays.Periods.Single(p => p.Name == "Kerstvakantie 2026");
        return Encoding.UTF8.GetBytes($$"""
            {"schoolyear": "2026-2027", "vacations": [{"type": "Kerstvakantie ", "regions": [{"region": "heel Nederland", "startdate": "{{kerst.From:yyyy-MM-dd}}", "enddate": "{{kerst.To:yyyy-MM-dd}}"}]}]}
            """);
    }

    private static Task<(HttpStatusCode Status, IDocument Doc, string Html)> UploadAsync(HttpClient client, string json, string fileName) =>
        UploadAsync(client, Encoding.UTF8.GetBytes(json), fileName);

    private static async Task<(HttpStatusCode Status, IDocument Doc, string Html)> UploadAsync(HttpClient client, byte[] file, string fileName)
    {
        var page = await client.GetDocumentAsync(Page);
        var form = page.QuerySelector("#importeren")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", fileName },
        };
        var response = await client.PostAsync(form.GetAttribute("action"), content);
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html), html);
    }

    /// <summary>Posts the preview's confirm form as the browser does (multipart), with <paramref name="changes"/> typed over its fields.</summary>
    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, IDocument preview, Dictionary<string, string>? changes = null)
    {
        var form = (IHtmlFormElement)preview.QuerySelector("#toepassen")!;
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in Forms.Fields(form))
            content.Add(new StringContent(changes?.GetValueOrDefault(name) ?? value), name);
        return await client.PostAsync(form.GetAttribute("action"), content);
    }

    private static Task<List<AuditEntry>> AuditAsync(SiteFactory site) =>
        site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Action == AuditAction.SchoolHolidaysImported).OrderBy(e => e.Id).ToListAsync());

    private static Task<string> SnapshotAsync(SiteFactory site) =>
        site.WithDbAsync(async db => string.Join('\n', (await db.SchoolHolidays.AsNoTracking().SingleAsync()).Periods.Select(p => $"{p.Name}|{p.Regions}|{p.From}|{p.To}")));
}
