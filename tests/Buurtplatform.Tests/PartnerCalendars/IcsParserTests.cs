using System.Globalization;
using System.Net;
using System.Text;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.PartnerCalendars;
using NodaTime;

namespace Buurtplatform.Tests.PartnerCalendars;

/// <summary>Real-world exports read into Amsterdam schedules, and hostile files refused with one clear reason.</summary>
public sealed class IcsParserTests
{
    /// <summary>The tests' clock: Monday 23 November 2026, 9.00 in Amsterdam.</summary>
    internal static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);

    internal static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "PartnerCalendars", "Fixtures", name));

    private static ParseResult Parse(byte[] bytes, PartnerCalendarOptions? options = null) => IcsParser.Parse(bytes, Now, options ?? new PartnerCalendarOptions());

    private static ParseResult Parse(string text, PartnerCalendarOptions? options = null) => Parse(Encoding.UTF8.GetBytes(text), options);

    [Fact]
    public void OutlookWithWindowsZoneNamesGivesAWeeklyScheduleWithTheExdateCancelled()
    {
        var result = Parse(Fixture("outlook.ics"));

        Assert.True(result.Ok, result.Problem?.Key);
        var series = result.Events.Single(e => e.Title == "Voorleesochtend");
        var s = series.Schedule.Schedule;
        Assert.Equal((Repeat.Weekly, new DateOnly(2026, 12, 2), new TimeOnly(9, 30), new TimeOnly(11, 0), 10), (s.Repeat, s.StartDate, s.StartTime, s.EndTime, s.Count!.Value));
        Assert.Equal([DayOfWeek.Wednesday], s.Days);
        Assert.Equal(new DateOnly(2026, 12, 23), Assert.Single(series.Schedule.Changes, c => c.Cancelled).Date);
        Assert.Equal("Bibliotheek Moerwijk, Zuiderpark", series.Location);
        Assert.Contains("Neem gerust", series.Description, StringComparison.Ordinal);
        var single = result.Events.Single(e => e.Title == "Winterboekenfeest").Schedule.Schedule;
        Assert.Equal((Repeat.Once, new DateOnly(2026, 12, 12), new TimeOnly(10, 0)), (single.Repeat, single.StartDate, single.StartTime));
    }

    [Fact]
    public void GoogleUtcTimesBecomeAmsterdamTimeAndTheMonthlyRuleANthWeekdaySchedule()
    {
        var result = Parse(Fixture("google.ics"));

        Assert.True(result.Ok, result.Problem?.Key);
        Assert.Equal(2, result.Events.Count); // the cancelled event is not taken in
        var single = result.Events.Single(e => e.Title == "Spreekuur jeugdverpleegkundige").Schedule.Schedule;
        Assert.Equal((new DateOnly(2026, 12, 5), new TimeOnly(10, 0), new TimeOnly(11, 30)), (single.StartDate, single.StartTime, single.EndTime));
        var gym = result.Events.Single(e => e.Title == "Peutergym").Schedule.Schedule;
        Assert.Equal((Repeat.Monthly, 1, DayOfWeek.Saturday, new TimeOnly(13, 0)), (gym.Repeat, gym.WeekOfMonth!.Value, gym.Days.Single(), gym.StartTime));
        Assert.Equal(new DateOnly(2027, 6, 1), gym.Until);
    }

    [Fact]
    public void ThunderbirdEveryTwoWeeksIsAnIntervalTwoSchedule()
    {
        var result = Parse(Fixture("thunderbird.ics"));

        var s = Assert.Single(result.Events).Schedule.Schedule;
        Assert.Equal((Repeat.Weekly, 2, DayOfWeek.Monday, new TimeOnly(9, 0), new DateOnly(2027, 2, 1)), (s.Repeat, s.Interval, s.Days.Single(), s.StartTime, s.Until!.Value));
    }

    [Fact]
    public void ADstCrossingSeriesKeepsItsLocalTimeWithTheOverrideMovedAndTheExdateCancelled()
    {
        var result = Parse(Fixture("dst-series.ics"));

        Assert.True(result.Ok, result.Problem?.Key);
        var series = result.Events.Single(e => e.Uid == "dst-weekly-0001@voorbeeld.nl" && e.RecurrenceId == "");
        Assert.Equal((Repeat.Weekly, 5, new TimeOnly(10, 0)), (series.Schedule.Schedule.Repeat, series.Schedule.Schedule.Count!.Value, series.Schedule.Schedule.StartTime));
        var moved = Assert.Single(series.Schedule.Changes, c => !c.Cancelled);
        Assert.Equal((new DateOnly(2027, 3, 23), new DateOnly(2027, 3, 25), new TimeOnly(14, 0)), (moved.Date, moved.NewDate!.Value, moved.NewStartTime!.Value));
        Assert.Equal(new DateOnly(2027, 3, 30), Assert.Single(series.Schedule.Changes, c => c.Cancelled).Date);
        var part = result.Events.Single(e => e.RecurrenceId.Length > 0);
        Assert.True(part.InSeries);
        Assert.Equal("2027-03-23T10:00", part.RecurrenceId);

        // A series in UTC is exact in UTC: after the clocks go forward it is at 11.00 in Amsterdam, so it is taken in as dates.
        var utc = result.Events.Single(e => e.Uid == "dst-utc-0002@voorbeeld.nl");
        Assert.Equal(Repeat.Once, utc.Schedule.Schedule.Repeat);
        Assert.Equal([new DateOnly(2027, 3, 23), new DateOnly(2027, 3, 30), new DateOnly(2027, 4, 6)], utc.Schedule.Schedule.ExtraDates);
        Assert.Equal(new TimeOnly(10, 0), utc.Schedule.Schedule.StartTime);
        Assert.Equal([new DateOnly(2027, 3, 30), new DateOnly(2027, 4, 6)], utc.Schedule.Changes.Select(c => c.Date));
        Assert.All(utc.Schedule.Changes, c => Assert.Equal(new TimeOnly(11, 0), c.NewStartTime));
    }

    [Fact]
    public void AFileOverTheSizeLimitIsRefused()
    {
        var big = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        while (big.Length < 10 * 1024 * 1024)
            big.Append("X-FILLER:").Append('a', 70).Append("\r\n");
        big.Append("END:VCALENDAR\r\n");

        Assert.Equal("PartnerCalendars.Problem.TooLarge", Parse(big.ToString()).Problem!.Key);
    }

    [Fact]
    public void AHundredThousandEventsAreRefusedByTheEventLimitEvenUnderALargeSizeLimit()
    {
        var text = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        for (var i = 0; i < 100_000; i++)
            text.Append(CultureInfo.InvariantCulture, $"BEGIN:VEVENT\r\nUID:e{i}\r\nDTSTART:20261201T100000Z\r\nEND:VEVENT\r\n");
        text.Append("END:VCALENDAR\r\n");

        var problem = Parse(text.ToString(), new PartnerCalendarOptions { MaxBytes = 50 * 1024 * 1024 }).Problem!;

        Assert.Equal("PartnerCalendars.Problem.TooManyEvents", problem.Key);
        Assert.Equal(100_000, problem.Args[0]);
    }

    [Fact]
    public void ABadLineIsRefusedAndNamed()
    {
        var text = Encoding.UTF8.GetString(Fixture("google.ics")).Replace("SUMMARY:Peutergym\r\n", "SUMMARY:Peutergym\r\nthis line has no colon\r\n", StringComparison.Ordinal);

        var problem = Parse(text).Problem!;

        Assert.Equal("PartnerCalendars.Problem.BadLine", problem.Key);
        Assert.Equal("this line has no colon", problem.Args[0]);
    }

    [Fact]
    public void Latin1BytesAreRefusedAsNotUtf8AndUtf16WithItsBomIsRead()
    {
        var text = Encoding.UTF8.GetString(Fixture("outlook.ics")).Replace("Voorleesochtend", "Voorleesochtend café", StringComparison.Ordinal);

        Assert.Equal("PartnerCalendars.Problem.Encoding", Parse(Encoding.Latin1.GetBytes(text)).Problem!.Key);
        var utf16 = Parse([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        Assert.True(utf16.Ok);
        Assert.Contains(utf16.Events, e => e.Title == "Voorleesochtend café");
    }

    [Fact]
    public void ARuleWithoutEndIsBoundedByTheHorizonOrKeptAsAnEndlessSchedule()
    {
        static string Event(string uid, string rule) =>
            $"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{uid}\r\nDTSTART;TZID=Europe/Amsterdam:20261201T100000\r\nDTEND;TZID=Europe/Amsterdam:20261201T110000\r\nRRULE:{rule}\r\nEND:VEVENT\r\n";
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + Event("daily", "FREQ=DAILY") + Event("weekly", "FREQ=WEEKLY;BYDAY=TU") + "END:VCALENDAR\r\n";

        var result = Parse(text);

        var daily = result.Events.Single(e => e.Uid == "daily");
        Assert.Equal("PartnerCalendars.Note.EndlessDates", daily.Note);
        Assert.True(daily.Schedule.Schedule.ExtraDates[^1] < new DateOnly(2027, 11, 24));
        Assert.InRange(daily.Schedule.Schedule.ExtraDates.Count, 350, 365);
        var weekly = result.Events.Single(e => e.Uid == "weekly");
        Assert.Equal(("PartnerCalendars.Note.Endless", Repeat.Weekly, (DateOnly?)null, (int?)null), (weekly.Note, weekly.Schedule.Schedule.Repeat, weekly.Schedule.Schedule.Until, weekly.Schedule.Schedule.Count));

        var hourly = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + Event("hourly", "FREQ=HOURLY") + "END:VCALENDAR\r\n";
        Assert.Equal("PartnerCalendars.Problem.Frequency", Parse(hourly).Problem!.Key);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    [InlineData("::ffff:93.184.216.34", true)]
    public void OnlyPublicAddressesMayBeFetchedFrom(string address, bool allowed) =>
        Assert.Equal(allowed, CalendarFetcher.IsPublic(IPAddress.Parse(address)));
}
