using Buurtplatform.Calendar;
using Buurtplatform.Calendar.Ics;
using NodaTime;
using static Buurtplatform.Tests.Calendar.CalendarTestData;
using static Buurtplatform.Tests.Calendar.SampleFeeds;

namespace Buurtplatform.Tests.Calendar;

public sealed class IcsReaderTests
{
    [Fact]
    public void WritingThenReadingGivesTheSameModel()
    {
        var feed = Wijk() with { ProductId = "-//Buurtplatform//Test//NL" };

        var read = IcsReader.Read(IcsWriter.Write(feed));

        Assert.Equal(feed.Events[0].Series, read.Events[0].Series);
        Assert.Equal(feed.Events[0], read.Events[0]);
        Assert.Equal(feed, read);
    }

    [Fact]
    public void SkipPeriodsAndDateUntilComeBackAsExDatesAndUtcUntilWithTheSameDates()
    {
        var series = Taalplezier.Series with
        {
            Rule = RecurrenceRule.Parse("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629"),
            SkipPeriods = [new DateInterval(D("2026-10-17"), D("2026-10-25")), new DateInterval(D("2026-12-19"), D("2027-01-03"))],
        };
        var window = Days("2026-01-01", "2028-01-01");

        var read = IcsReader.Read(IcsWriter.Write(Wijk(Taalplezier with { Series = series }))).Events[0].Series;

        Assert.Empty(read.SkipPeriods);
        Assert.Equal(UntilKind.Utc, read.Rule!.Until!.Value.Kind);
        Assert.Equal(Expand(series, window), Expand(read, window));
    }

    [Fact]
    public void LfLineEndsUnknownPropertiesAndComponentsAreAccepted()
    {
        const string ics = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Partner//NL
            X-WR-CALNAME:Partneragenda
            X-SOMETHING;X-PARAM="a:b;c":value
            BEGIN:VTODO
            UID:todo-1
            SUMMARY:Not an event
            END:VTODO
            BEGIN:VEVENT
            UID:partner-1
            DTSTAMP:20260901T080000Z
            DTSTART;TZID=Europe/Amsterdam:20261005T100000
            DTEND;TZID=Europe/Amsterdam:20261005T113000
            RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3
            SUMMARY:Peutergym
            X-MICROSOFT-CDO-BUSYSTATUS:BUSY
            ATTENDEE;CN=Someone:mailto:someone@example.org
            BEGIN:VALARM
            ACTION:DISPLAY
            DESCRIPTION:Reminder text
            TRIGGER:-PT15M
            END:VALARM
            END:VEVENT
            END:VCALENDAR
            """;

        var feed = IcsReader.Read(ics);

        Assert.Equal("Partneragenda", feed.Name);
        var only = Assert.Single(feed.Events);
        Assert.Equal(("partner-1", "Peutergym", null), (only.Uid, only.Summary, only.Description));
        Assert.Equal(Duration.FromMinutes(90), only.Series.Duration);
        Assert.Equal(["2026-10-05", "2026-10-12", "2026-10-19"], LocalDates(Expand(only.Series, Days("2026-10-01", "2026-11-01"))));
    }

    [Fact]
    public void AFoldThatSplitsAUtf8SequenceIsUnfoldedBeforeDecoding()
    {
        var before = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261005T100000Z\r\nSUMMARY:Caf"u8.ToArray();
        var e = "é"u8.ToArray();
        var after = "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"u8.ToArray();
        byte[] bytes = [.. before, e[0], .. "\r\n "u8, e[1], .. after];

        Assert.Equal("Café", IcsReader.Read(bytes).Events[0].Summary);
    }

    [Fact]
    public void DtStartIsReadInItsTzidUtcFloatingAndDateForms()
    {
        var feed = IcsReader.Read(Calendar(
            "BEGIN:VEVENT", "UID:tzid", "DTSTART;TZID=Europe/Amsterdam:20261005T100000", "END:VEVENT",
            "BEGIN:VEVENT", "UID:utc", "DTSTART:20261005T080000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:floating", "DTSTART:20261005T100000", "END:VEVENT",
            "BEGIN:VEVENT", "UID:date", "DTSTART;VALUE=DATE:20261005", "END:VEVENT",
            "BEGIN:VEVENT", "UID:windows", "DTSTART;TZID=W. Europe Standard Time:20261005T100000", "END:VEVENT",
            "BEGIN:VEVENT", "UID:prefixed", "DTSTART;TZID=/mozilla.org/20050126_1/Europe/Amsterdam:20261005T100000", "END:VEVENT"));

        var byUid = feed.Events.ToDictionary(e => e.Uid, e => e.Series);
        Assert.Equal((L("2026-10-05 10:00"), "Europe/Amsterdam"), (byUid["tzid"].Start, byUid["tzid"].Zone.Id));
        Assert.Equal((L("2026-10-05 08:00"), "UTC"), (byUid["utc"].Start, byUid["utc"].Zone.Id));
        Assert.Equal((L("2026-10-05 10:00"), "Europe/Amsterdam"), (byUid["floating"].Start, byUid["floating"].Zone.Id));
        Assert.Equal((L("2026-10-05 00:00"), Duration.FromDays(1)), (byUid["date"].Start, byUid["date"].Duration));
        Assert.Equal("Europe/Berlin", byUid["windows"].Zone.Id);
        Assert.Equal("Europe/Amsterdam", byUid["prefixed"].Zone.Id);
    }

    [Fact]
    public void ExDateRDateAndRecurrenceIdInUtcAreTurnedIntoTheSeriesLocalTime()
    {
        var feed = IcsReader.Read(Calendar(
            "BEGIN:VEVENT", "UID:a", "DTSTART;TZID=Europe/Amsterdam:20261020T093000", "DURATION:PT1H30M", "RRULE:FREQ=WEEKLY",
            "EXDATE:20261027T083000Z,20261103T083000Z", "RDATE;VALUE=PERIOD:20261022T130000Z/PT1H", "END:VEVENT",
            "BEGIN:VEVENT", "UID:a", "RECURRENCE-ID:20261110T083000Z", "DTSTART:20261111T130000Z", "DTEND:20261111T140000Z", "END:VEVENT"));

        var series = Assert.Single(feed.Events).Series;
        Assert.Equal([L("2026-10-27 09:30"), L("2026-11-03 09:30")], series.ExDates);
        Assert.Equal([L("2026-10-22 15:00")], series.RDates);
        Assert.Equal(Duration.FromMinutes(90), series.Duration);
        var moved = Assert.Single(series.Overrides);
        Assert.Equal((L("2026-11-10 09:30"), L("2026-11-11 14:00"), L("2026-11-11 15:00")), (moved.OriginalStart, moved.NewStart!.Value, moved.NewEnd!.Value));
    }

    [Fact]
    public void CalendarNameFallsBackToXWrCalNameAndRefreshToXPublishedTtl()
    {
        var feed = IcsReader.Read("BEGIN:VCALENDAR\r\nX-WR-CALNAME:Oude naam\r\nX-PUBLISHED-TTL:PT12H\r\nEND:VCALENDAR\r\n");

        Assert.Equal(("Oude naam", Duration.FromHours(12)), (feed.Name, feed.RefreshInterval));
    }

    [Fact]
    public void AChangedDateWithoutItsSeriesBecomesAOneOffEvent()
    {
        var feed = IcsReader.Read(Calendar("BEGIN:VEVENT", "UID:orphan", "RECURRENCE-ID:20261110T083000Z", "DTSTART:20261111T130000Z", "STATUS:CANCELLED", "END:VEVENT"));

        var only = Assert.Single(feed.Events);
        Assert.Equal((EventStatus.Cancelled, null), (only.Status, only.Series.Rule));
    }

    [Theory]
    [InlineData("DTSTART;TZID=Europe/Amsterdam:2026-10-05 10:00", 4, "DTSTART")]
    [InlineData("DTSTART:20261305T100000", 4, "DTSTART")]
    [InlineData("DTSTART;TZID=Mars/Olympus_Mons:20261005T100000", 4, "TZID 'Mars/Olympus_Mons'")]
    [InlineData("DTSTART:20261005T100000Z\r\nRRULE:FREQ=WEEKLY;BYDAY=XX", 5, "RRULE")]
    [InlineData("DTSTART:20261005T100000Z\r\nRRULE:FREQ=HOURLY", 5, "not supported")]
    [InlineData("DTSTART:20261005T100000Z\r\nSEQUENCE:two", 5, "SEQUENCE")]
    [InlineData("DTSTART:20261005T100000Z\r\nEXDATE:20261012", 5, "")]
    [InlineData("DTSTART:20261005T100000Z\r\nEXDATE:2026101", 5, "EXDATE")]
    [InlineData("DTSTART:20261005T100000Z\r\nDTEND:20261005T090000Z", 5, "DTEND is before DTSTART")]
    [InlineData("DTSTART:20261005T100000Z\r\nDTSTAMP:20261005T100000", 5, "DTSTAMP")]
    [InlineData("DTSTART:20261005T100000Z\r\nDURATION:1 hour", 5, "DURATION")]
    [InlineData("SUMMARY:No start", 2, "no DTSTART")]
    public void MalformedRequiredValuesFailWithTheirLineNumber(string lines, int line, string message)
    {
        var ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n" + lines + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        if (message.Length == 0)
        {
            // A date EXDATE on a date-time series is lenient: it takes DTSTART's time.
            Assert.Equal([L("2026-10-12 10:00")], IcsReader.Read(ics).Events[0].Series.ExDates);
            return;
        }

        var error = Assert.Throws<IcsFormatException>(() => IcsReader.Read(ics));
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Line {line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecurrenceIdThatIsMalformedFailsWithItsLineNumber()
    {
        var ics = Calendar(
            "BEGIN:VEVENT", "UID:a", "DTSTART:20261005T100000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:a", "RECURRENCE-ID:tomorrow", "DTSTART:20261005T100000Z", "END:VEVENT");

        Assert.Equal(9, Assert.Throws<IcsFormatException>(() => IcsReader.Read(ics)).LineNumber);
    }

    [Theory]
    [InlineData("BEGIN:VEVENT\r\nDTSTART:20261005T100000Z\r\nEND:VEVENT", 2, "no UID")]
    [InlineData("BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261005T100000Z\r\nEND:VTODO", 5, "does not close")]
    [InlineData("BEGIN:VEVENT\r\nUID:x\r\nthis line has no colon\r\nEND:VEVENT", 4, "not a content line")]
    public void BrokenStructureFailsWithTheLineNumber(string body, int line, string message)
    {
        var ics = "BEGIN:VCALENDAR\r\n" + body + "\r\nEND:VCALENDAR\r\n";

        var error = Assert.Throws<IcsFormatException>(() => IcsReader.Read(ics));

        Assert.Equal(line, error.LineNumber);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LineNumbersCountPhysicalLinesOfFoldedContent()
    {
        var ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Een lange\r\n  titel\r\nDTSTART:\r\n 2026-10-05\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        Assert.Equal(6, Assert.Throws<IcsFormatException>(() => IcsReader.Read(ics)).LineNumber);
    }

    [Fact]
    public void AnUnclosedComponentFailsWithTheLineWhereItBegan() =>
        Assert.Equal(2, Assert.Throws<IcsFormatException>(() => IcsReader.Read("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n")).LineNumber);

    [Fact]
    public void TheFileMustBeACalendar() =>
        Assert.Equal(1, Assert.Throws<IcsFormatException>(() => IcsReader.Read("BEGIN:VCARD\r\nEND:VCARD\r\n")).LineNumber);

    private static string Calendar(params string[] lines) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + string.Join("\r\n", lines) + "\r\nEND:VCALENDAR\r\n";
}
