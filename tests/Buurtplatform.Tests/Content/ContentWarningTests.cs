using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Calendar;
using Buurtplatform.Web.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurtplatform.Tests.Content;

/// <summary>
/// Warnings (issue 16): content that is allowed but probably not meant is imported all the same and reported with
/// file, line and field: a time between 02:00 and 03:00, and a moved date whose original date is in skipped school holidays.
/// </summary>
public sealed class ContentWarningTests : IDisposable
{
    // Tuesdays 13.30–15.00, no school holidays skipped; "time" is on line 18.
    private const string Babybootcamp = "den-haag/schilderswijk/activiteiten/babybootcamp.md";

    // Thursdays 09.00–10.30, not in the school holidays of region noord (Kerstvakantie 2026: 19 December – 3 January).
    private const string Taalplezier = "zwolle/holtenbroek/activiteiten/taalplezier.md";

    private readonly string _work = Directory.CreateTempSubdirectory("bp-warnings-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    /// <summary>A copy of the seed with one text in one file replaced; returns the folder.</summary>
    private string SeedWith(string file, string find, string replace)
    {
        var target = Path.Combine(_work, "content");
        foreach (var source in Directory.GetFiles(TestEnvironment.SeedContent, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(TestEnvironment.SeedContent, source));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(source, to);
        }

        var path = Path.Combine(target, file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        return target;
    }

    private static int LineOf(string folder, string file, string startsWith) =>
        Array.FindIndex(File.ReadAllLines(Path.Combine(folder, file)), l => l.TrimStart().StartsWith(startsWith, StringComparison.Ordinal)) + 1;

    private string MovedOutOfTheHolidays(string date, string to) =>
        SeedWith(Taalplezier, "  skipSchoolHolidays: noord\n", $"  skipSchoolHolidays: noord\n  moved:\n    - date: {date}\n      to: {to}\n      reason: kerstfeest\n");

    [Fact]
    public void TheSeedContentHasNoWarnings() => Assert.Empty(ContentTreeReader.Read(TestEnvironment.SeedContent).Warnings);

    [Fact]
    public void ATimeBetweenTwoAndThreeAtNightIsAWarningWithFileLineAndFieldAndTheTreeIsStillRead()
    {
        var content = SeedWith(Babybootcamp, "time: \"13:30-15:00\"", "time: \"02:30-03:15\"");

        var tree = ContentTreeReader.Read(content);

        var warning = Assert.Single(tree.Warnings);
        Assert.Equal((Babybootcamp, 18, "schedule.time", ContentWarningCodes.ClockChangeHour), (warning.File, warning.Line, warning.Field, warning.Code));
        Assert.StartsWith($"{Babybootcamp}:18: field 'schedule.time': 02:30 is between 02:00 and 03:00", warning.ToString(), StringComparison.Ordinal);
        Assert.Contains(tree.Gemeenten.SelectMany(g => g.Wijken).SelectMany(w => w.Activities), a => a.Wijk.Slug == "schilderswijk" && a.Slug == "babybootcamp" && a.Schedule.StartTime == new TimeOnly(2, 30));
    }

    [Fact]
    public void AnEndAtTwoOClockWarnsAndAMovedDatesOwnTimeInThatHourWarnsOnThatEntry()
    {
        var end = ContentTreeReader.Read(SeedWith(Babybootcamp, "time: \"13:30-15:00\"", "time: \"00:30-02:00\""));
        Assert.Equal(["schedule.time"], end.Warnings.Select(w => w.Field));

        Directory.Delete(Path.Combine(_work, "content"), recursive: true);
        var content = SeedWith(Babybootcamp, "  until: 2027-07-06\n", "  until: 2027-07-06\n  moved:\n    - date: 2026-12-01\n      to: 2026-12-02\n      time: \"01:30-02:15\"\n");
        var moved = Assert.Single(ContentTreeReader.Read(content).Warnings);
        Assert.Equal((Babybootcamp, LineOf(content, Babybootcamp, "time: \"01:30"), "schedule.moved[0].time"), (moved.File, moved.Line, moved.Field));
    }

    [Fact]
    public async Task TheImportImportsContentWithAWarningAndLogsItWithFileLineAndField()
    {
        var content = SeedWith(Babybootcamp, "time: \"13:30-15:00\"", "time: \"02:30-03:15\"");
        using var site = new SiteFactory(seeded: false);
        _ = site.CreateClient();

        ImportResult result;
        await using (var scope = site.Scope())
            result = await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(content);

        Assert.Equal((Babybootcamp, 18, "schedule.time"), (result.Warnings.Single().File, result.Warnings.Single().Line, result.Warnings.Single().Field));
        Assert.Equal(new TimeOnly(2, 30), await site.WithDbAsync(db => db.Activities.Where(a => a.Wijk.Slug == "schilderswijk" && a.Slug == "babybootcamp").Select(a => a.Schedule.StartTime).SingleAsync()));
        Assert.Contains(site.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category == typeof(ContentImporter).FullName
            && e.Message.Contains($"{Babybootcamp}:18: field 'schedule.time': 02:30 is between 02:00 and 03:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheImportCommandPrintsTheWarningAndExitsWithZero()
    {
        var content = SeedWith(Babybootcamp, "time: \"13:30-15:00\"", "time: \"02:30-03:15\"");
        var data = Directory.CreateDirectory(Path.Combine(_work, "data")).FullName;

        var (code, output, error) = await InvitationTests.RunCommandAsync(data, "import", content);

        Assert.True(code == 0, $"exit code {code}: {error}");
        Assert.Contains("Imported ", output);
        Assert.Contains($"warning: {Babybootcamp}:18: field 'schedule.time': 02:30 is between 02:00 and 03:00", error);
    }

    [Fact]
    public void AMovedDateWhoseOriginalIsInSkippedSchoolHolidaysWarnsOnThatDate()
    {
        // Thursday 24 December is a date of the series, but the Kerstvakantie takes it out: the move has nothing to move.
        var content = MovedOutOfTheHolidays("2026-12-24", "2026-12-18");

        var tree = ContentTreeReader.Read(content);

        var warning = Assert.Single(tree.Warnings);
        Assert.Equal((Taalplezier, LineOf(content, Taalplezier, "- date: 2026-12-24"), "schedule.moved[0].date", ContentWarningCodes.MovedFromSchoolHoliday),
            (warning.File, warning.Line, warning.Field, warning.Code));
        Assert.Contains("'Kerstvakantie 2026'", warning.Message);
        Assert.Equal(["2026-12-24", "Kerstvakantie 2026", "2026-12-18"], warning.Args);
    }

    [Fact]
    public void AMovedDateOutsideTheHolidaysOrOfAnActivityThatKeepsTheHolidaysDoesNotWarn()
    {
        Assert.Empty(ContentTreeReader.Read(MovedOutOfTheHolidays("2026-12-17", "2026-12-18")).Warnings);

        Directory.Delete(Path.Combine(_work, "content"), recursive: true);
        var keepsHolidays = SeedWith(Babybootcamp, "  until: 2027-07-06\n", "  until: 2027-07-06\n  moved:\n    - date: 2026-12-22\n      to: 2026-12-23\n");
        Assert.Empty(ContentTreeReader.Read(keepsHolidays).Warnings);
    }

    [Fact]
    public void TheWarningsAreJudgedAgainstTheHolidaysGiven()
    {
        var activity = new Activity
        {
            Schedule = new ActivitySchedule { StartDate = new(2026, 9, 3), StartTime = new(9, 0), EndTime = new(10, 30), Repeat = Repeat.Weekly, Days = [DayOfWeek.Thursday], SkipSchoolHolidays = HolidayRegion.Zuid },
            ScheduleChanges = [new ScheduleChange { Date = new(2027, 2, 18), NewDate = new(2027, 2, 26) }],
        };
        var spring = new SchoolHolidays { Periods = [new HolidayPeriod { Name = "Voorjaarsvakantie 2027", Regions = "midden,zuid", From = new(2027, 2, 13), To = new(2027, 2, 21) }] };

        Assert.Empty(ActivityWarnings.For(activity, holidays: null));
        Assert.Equal("Voorjaarsvakantie 2027", ActivityWarnings.For(activity, spring).Single().Args[1]);
        activity.Schedule.SkipSchoolHolidays = HolidayRegion.Noord;
        Assert.Empty(ActivityWarnings.For(activity, spring));
    }
}
