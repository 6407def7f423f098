using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurtplatform.Tests.Calendar.CalendarTestData;

namespace Buurtplatform.Tests.Calendar;

/// <summary>The rijksoverheid school holidays (open data, JSON per school year) imported into the holidays node (issue 17).</summary>
public sealed class SchoolHolidayImportTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Calendar", "SchoolHolidays");
    private static string Year2025 => File.ReadAllText(Path.Combine(Fixtures, "schoolvakanties-2025-2026.json"));
    private static string Year2026 => File.ReadAllText(Path.Combine(Fixtures, "schoolvakanties-2026-2027.json"));

    private readonly string _work = Directory.CreateTempSubdirectory("bp-holidays-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task BothSchoolYearsImportWithAPreviewPerRegionAndAnAuditEntry()
    {
        using var site = new SiteFactory();

        // 2025-2026 (with rijksoverheid's wrapper): five holidays, new in every region.
        var first = await PlanAsync(site, Year2025);
        Assert.Equal(["2025-2026"], first.SchoolYears);
        Assert.Equal(15, first.Changes.Count(c => c.Kind == HolidayChangeKind.Added));
        Assert.Contains(first.Changes, c => (c.Region, c.Name, c.NewFrom, c.NewTo) == (HolidayRegion.Zuid, "Herfstvakantie 2025", new DateOnly(2025, 10, 11), new DateOnly(2025, 10, 19)));
        Assert.Contains("noord: Zomervakantie 2026 toegevoegd (2026-07-04 t/m 2026-08-16)", first.Describe());
        Assert.Empty(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.SchoolHolidaysImported).ToListAsync())); // a preview changes nothing
        Assert.True(await ApplyAsync(site, first));

        // 2026-2027 (without the wrapper): the seed's Kerstvakantie 2026 has the same dates, so it is no change.
        var second = await PlanAsync(site, Year2026);
        Assert.Equal(12, second.Changes.Count);
        Assert.All(second.Changes, c => Assert.Equal(HolidayChangeKind.Added, c.Kind));
        Assert.DoesNotContain(second.Changes, c => c.Name == "Kerstvakantie 2026");
        Assert.True(await ApplyAsync(site, second));

        var holidays = await site.WithDbAsync(db => db.SchoolHolidays.SingleAsync());
        Assert.Equal(10, holidays.Periods.Count(p => p.AppliesTo(HolidayRegion.Midden)));
        Assert.Contains(holidays.Periods, p => (p.Name, p.Regions, p.From, p.To) == ("Kerstvakantie 2025", "noord,midden,zuid", new DateOnly(2025, 12, 20), new DateOnly(2026, 1, 4)));
        var audit = await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.SchoolHolidaysImported).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Contains("schooljaren 2026-2027", audit[1].Detail);
        Assert.Contains("zuid: Voorjaarsvakantie 2027 toegevoegd (2027-02-06 t/m 2027-02-14)", audit[1].Detail);

        // The same file again changes nothing; a changed date is a change, and the year's other holidays stay.
        Assert.Empty((await PlanAsync(site, Year2026)).Changes);
        var changed = await PlanAsync(site, Year2026.Replace("2027-02-06T00:00:00.000Z", "2027-02-13T00:00:00.000Z", StringComparison.Ordinal)
            .Replace("2027-02-14T00:00:00.000Z", "2027-02-21T00:00:00.000Z", StringComparison.Ordinal));
        var change = Assert.Single(changed.Changes);
        Assert.Equal((HolidayRegion.Zuid, HolidayChangeKind.Changed, new DateOnly(2027, 2, 13)), (change.Region, change.Kind, change.NewFrom));
    }

    [Fact]
    public async Task AHolidayLeavesTheFeedOfAnActivityThatSkipsItsRegion()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        const string feed = "/zwolle/holtenbroek/activiteiten/taalplezier.ics"; // Thursdays, skips the holidays of noord
        var voorjaarNoord = Days("2027-02-20", "2027-03-01");

        Assert.Single(IcalNetReading.Dates(IcalNetReading.Parse(await client.GetStringAsync(feed)), voorjaarNoord)); // Thursday 25 February

        Assert.True(await ApplyAsync(site, await PlanAsync(site, Year2026)));

        Assert.Empty(IcalNetReading.Dates(IcalNetReading.Parse(await client.GetStringAsync(feed)), voorjaarNoord));
        Assert.Single(IcalNetReading.Dates(IcalNetReading.Parse(await client.GetStringAsync(feed)), Days("2027-03-01", "2027-03-08")));
    }

    [Theory]
    [InlineData("{ \"vacations\": [", "geen geldig JSON-bestand")]
    [InlineData("{ \"title\": \"iets anders\" }", "niet de vorm van de schoolvakanties")]
    [InlineData("REGION:\"noord\"", "Onbekende regio 'noordoost'")]
    [InlineData("\"2027-02-28T00:00:00.000Z\"", "eindigt op 2027-02-10, voor het begin op 2027-02-20")]
    [InlineData("\"2027-07-10T00:00:00.000Z\"", "'morgen' bij Zomervakantie 2026-2027 (startdate) is geen datum")]
    [InlineData("SCHOOLYEAR", "'2026-2028' is geen schooljaar")]
    [InlineData("OVERLAP", "overlappen in regio noord")]
    [InlineData("TWICE", "Het schooljaar 2026-2027 staat twee keer in het bestand")]
    public async Task ABadFileIsRefusedWithItsDutchMessageAndChangesNothing(string what, string message)
    {
        using var site = new SiteFactory();
        var json = what switch
        {
            "REGION:\"noord\"" => Year2026.Replace("\"region\": \"noord\"", "\"region\": \"noordoost\"", StringComparison.Ordinal),
            "\"2027-02-28T00:00:00.000Z\"" => Year2026.Replace("2027-02-28T00:00:00.000Z", "2027-02-10T00:00:00.000Z", StringComparison.Ordinal),
            "\"2027-07-10T00:00:00.000Z\"" => Year2026.Replace("2027-07-10T00:00:00.000Z", "morgen", StringComparison.Ordinal),
            "SCHOOLYEAR" => Year2026.Replace("\"2026-2027\"", "\"2026-2028\"", StringComparison.Ordinal),
            "OVERLAP" => Year2026.Replace("2026-10-25T00:00:00.000Z", "2026-12-20T00:00:00.000Z", StringComparison.Ordinal),
            "TWICE" => $"{{\"content\": [{Year2026}, {Year2026}]}}",
            _ => what,
        };
        var before = await site.WithDbAsync(db => db.SchoolHolidays.AsNoTracking().SingleAsync());

        var error = await Assert.ThrowsAsync<SchoolHolidayFileException>(() => PlanAsync(site, json));

        Assert.Contains(message, error.Message);
        var after = await site.WithDbAsync(db => db.SchoolHolidays.AsNoTracking().SingleAsync());
        Assert.Equal(before.Periods.Select(p => (p.Name, p.Regions, p.From, p.To)), after.Periods.Select(p => (p.Name, p.Regions, p.From, p.To)));
        Assert.Equal(before.UpdatedUtc, after.UpdatedUtc);
    }

    [Fact]
    public async Task TheCommandLinePrintsTheChangesWritesThemAndRefusesABadFile()
    {
        var data = Directory.CreateDirectory(Path.Combine(_work, "data")).FullName;
        var file = Path.Combine(Fixtures, "schoolvakanties-2025-2026.json");

        var dry = await InvitationTests.RunCommandAsync(data, "import-schoolvakanties", file, "--dry-run");
        var (code, output, error) = await InvitationTests.RunCommandAsync(data, "import-schoolvakanties", file);
        var again = await InvitationTests.RunCommandAsync(data, "import-schoolvakanties", file);
        var bad = Path.Combine(_work, "kapot.json");
        await File.WriteAllTextAsync(bad, Year2026.Replace("\"region\": \"zuid\"", "\"region\": \"oost\"", StringComparison.Ordinal));
        var refused = await InvitationTests.RunCommandAsync(data, "import-schoolvakanties", bad);

        Assert.True(dry.Code == 0, dry.Error);
        Assert.Contains("15 wijziging(en)", dry.Output);
        Assert.True(code == 0, error);
        Assert.Contains("schooljaren 2025-2026, 15 wijziging(en)", output);
        Assert.Contains("  midden: Zomervakantie 2026 toegevoegd (2026-07-18 t/m 2026-08-30)", output);
        Assert.Contains("0 wijziging(en)", again.Output); // the dry run wrote nothing, the real run did
        Assert.Equal(1, refused.Code);
        Assert.Contains("Onbekende regio 'oost'", refused.Error);
    }

    private static async Task<SchoolHolidayPlan> PlanAsync(SiteFactory site, string json)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<SchoolHolidayImport>().PlanAsync(json);
    }

    private static async Task<bool> ApplyAsync(SiteFactory site, SchoolHolidayPlan plan)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<SchoolHolidayImport>().ApplyAsync(plan, "test.json", AuditActor.Command("import-schoolvakanties"));
    }
}
