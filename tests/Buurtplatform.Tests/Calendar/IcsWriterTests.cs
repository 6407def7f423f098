using System.Text.RegularExpressions;
using Buurtplatform.Calendar;
using Buurtplatform.Calendar.Ics;
using NodaTime;
using static Buurtplatform.Tests.Calendar.CalendarTestData;
using static Buurtplatform.Tests.Calendar.SampleFeeds;

namespace Buurtplatform.Tests.Calendar;

public sealed class IcsWriterTests
{
    [Fact]
    public void EveryLineEndsWithCrlfAndPrdidAndVersionComeFirst()
    {
        var ics = IcsWriter.Write(Wijk());

        Assert.StartsWith("BEGIN:VCALENDAR\r\nPRODID:-//Buurtplatform//Agenda//NL\r\nVERSION:2.0\r\n", ics, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex("[^\r]\n"), ics);
        Assert.DoesNotMatch(new Regex("\r[^\n]"), ics);
    }

    [Fact]
    public void CalendarPropertiesComeBeforeTheFirstComponent()
    {
        var lines = Lines(IcsWriter.Write(Wijk()));
        var firstComponent = Array.FindIndex(lines, 1, l => l.StartsWith("BEGIN:", StringComparison.Ordinal));
        string[] expected =
        [
            "NAME:Agenda Zwolle-Zuid",
            "X-WR-CALNAME:Agenda Zwolle-Zuid",
            "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
            "X-PUBLISHED-TTL:PT6H",
            "URL;VALUE=URI:https://buurtplatform.example/zwolle/zwolle-zuid/agenda.ics",
            "LAST-MODIFIED:20260901T101500Z",
        ];

        foreach (var line in expected)
        {
            var index = Array.IndexOf(lines, line);
            Assert.True(index > 0 && index < firstComponent, $"'{line}' should be a calendar property before the first component.");
        }
    }

    [Fact]
    public void VTimeZoneForAmsterdamComesFromTzdbWithLastSundayRules()
    {
        var ics = IcsWriter.Write(Wijk());

        const string expected =
            "BEGIN:VTIMEZONE\r\n" +
            "TZID:Europe/Amsterdam\r\n" +
            "BEGIN:DAYLIGHT\r\n" +
            "DTSTART:20250330T020000\r\n" +
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n" +
            "TZOFFSETFROM:+0100\r\n" +
            "TZOFFSETTO:+0200\r\n" +
            "TZNAME:CEST\r\n" +
            "END:DAYLIGHT\r\n" +
            "BEGIN:STANDARD\r\n" +
            "DTSTART:20251026T030000\r\n" +
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" +
            "TZOFFSETFROM:+0200\r\n" +
            "TZOFFSETTO:+0100\r\n" +
            "TZNAME:CET\r\n" +
            "END:STANDARD\r\n" +
            "END:VTIMEZONE\r\n";
        Assert.Contains(expected, ics, StringComparison.Ordinal);
        Assert.True(ics.IndexOf("BEGIN:VTIMEZONE", StringComparison.Ordinal) < ics.IndexOf("BEGIN:VEVENT", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryTzidUsedHasAVTimeZone()
    {
        var london = Taalplezier with { Uid = "london", Series = Taalplezier.Series with { Zone = DateTimeZoneProviders.Tzdb["Europe/London"] } };
        var ics = IcsWriter.Write(Wijk(Taalplezier, london));

        var used = Regex.Matches(ics, "TZID=([^:;]+)").Select(m => m.Groups[1].Value).ToHashSet();
        var defined = Regex.Matches(ics, "\r\nTZID:([^\r]+)").Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Equal(["Europe/Amsterdam", "Europe/London"], used.Order());
        Assert.Equal(used, defined);
    }

    [Fact]
    public void EachVEventHasExactlyOneUidAndOneDtStampInUtc()
    {
        var events = Events(IcsWriter.Write(Wijk()));

        Assert.Equal(4, events.Count);
        Assert.All(events, lines =>
        {
            Assert.Single(lines, l => l.StartsWith("UID:", StringComparison.Ordinal));
            Assert.Equal("DTSTAMP:20260901T101500Z", Assert.Single(lines, l => l.StartsWith("DTSTAMP", StringComparison.Ordinal)));
        });
    }

    [Fact]
    public void UnchangedContentGivesByteIdenticalOutput()
    {
        var first = IcsWriter.Write(Wijk());
        var second = IcsWriter.Write(Wijk());

        Assert.Equal(first, second);
    }

    [Fact]
    public void SeriesIsWrittenWithTzidLocalTimesAndUntilInUtc()
    {
        var master = Events(IcsWriter.Write(Wijk(Taalplezier)))[0];

        Assert.Equal(
            [
                "UID:6c1d1c9e-3c7b-4c55-9a43-1f2b8c9d0a11",
                "DTSTAMP:20260901T101500Z",
                "DTSTART;TZID=Europe/Amsterdam:20261013T093000",
                "DTEND;TZID=Europe/Amsterdam:20261013T110000",
                "RRULE:FREQ=WEEKLY;UNTIL=20270629T215959Z;BYDAY=TU",
                "EXDATE;TZID=Europe/Amsterdam:20261229T093000",
                "EXDATE;TZID=Europe/Amsterdam:20270330T093000",
                "RDATE;TZID=Europe/Amsterdam:20261016T093000",
                "SUMMARY:Taalplezier",
                @"DESCRIPTION:Voorlezen\, zingen en spelen met kinderen van 0 tot 4 jaar.\nKoffie en thee staan klaar.",
                "LOCATION:Wijkboerderij Zwolle-Zuid (adres: voorbeeld)",
                "GEO:52.491234;6.116789",
                "URL:https://buurtplatform.example/zwolle/zwolle-zuid/activiteiten/taalplezier",
                "CATEGORIES:Taal,0-4 jaar",
                "SEQUENCE:2",
                "STATUS:CONFIRMED",
            ],
            master);
    }

    [Theory]
    [InlineData("2027-06-29 09:30", "20270629T215959Z")] // on the last start (summer time)
    [InlineData("2027-01-26 09:30", "20270126T225959Z")] // on the last start (winter time)
    [InlineData("2027-01-26 23:00", "20270126T225959Z")] // later that day
    [InlineData("2027-01-26 08:00", "20270125T225959Z")] // before that day's start: the day before is the last
    public void LocalUntilIsWrittenAsTheEndOfTheLastLocalDayInUtc(string until, string expected)
    {
        var rule = new RecurrenceRule(RecurrenceFrequency.Daily) { Until = RecurrenceUntil.AtLocal(L(until)) };
        var calendarEvent = Taalplezier with { Series = Taalplezier.Series with { Rule = rule, RDates = [], Overrides = [], ExDates = [] } };

        var ics = IcsWriter.Write(Wijk(calendarEvent));

        Assert.Contains($"RRULE:FREQ=DAILY;UNTIL={expected}", Events(ics)[0]);
        var window = Days("2026-10-01", "2027-08-01");
        Assert.Equal(IcalNetReading.Dates(calendarEvent.Series, window), IcalNetReading.Dates(IcalNetReading.Parse(ics), window));
    }

    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629", "20270629T215959Z")]
    [InlineData("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T073000Z", "20270629T215959Z")] // exactly the last start
    [InlineData("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T072959Z", "20270628T215959Z")] // a second before it
    [InlineData("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T215959Z", "20270629T215959Z")] // already the end of the day
    public void DateAndUtcUntilAreWrittenAsTheEndOfTheLastLocalDaySoNoClientDropsTheLastDate(string ruleText, string expected)
    {
        var calendarEvent = Taalplezier with { Series = Taalplezier.Series with { Rule = RecurrenceRule.Parse(ruleText) } };

        var ics = IcsWriter.Write(Wijk(calendarEvent));

        Assert.Contains($"RRULE:FREQ=WEEKLY;UNTIL={expected};BYDAY=TU", Events(ics)[0]);
        var window = Days("2026-10-01", "2027-08-01");
        Assert.Equal(IcalNetReading.Dates(calendarEvent.Series, window), IcalNetReading.Dates(IcalNetReading.Parse(ics), window));
    }

    [Fact]
    public void ADateInTheRepeatedAutumnHourGetsADurationSoItCannotEndBeforeItStarts()
    {
        // 02:30 CEST + 45 minutes is 02:15 CET. As DTEND 02:15, RFC 5545 reads the first 02:15 (CEST), before the
        // start; ical.js reads the start as 02:30 CET, after that end. A DURATION holds in either reading.
        var series = Series("2027-10-03 02:30", "FREQ=WEEKLY;BYDAY=SU", minutes: 45) with
        {
            Overrides = [OccurrenceOverride.Cancel(L("2027-10-31 02:30"), "Gaat niet door")],
        };
        var sunday = SamenZingen with { Uid = "sunday-night", Series = series };
        var startsThatNight = SamenZingen with { Uid = "starts-that-night", Series = Series("2027-10-31 02:30", null, minutes: 45) };
        var endsThatNight = SamenZingen with { Uid = "ends-that-night", Series = Series("2027-10-31 01:00", null, minutes: 165) }; // 01:00 CEST to 02:45 CET
        var movedThere = SamenZingen with
        {
            Uid = "moved-there",
            Series = Series("2027-10-28 10:00", "FREQ=WEEKLY;BYDAY=TH", minutes: 45) with
            {
                Overrides = [OccurrenceOverride.Move(L("2027-11-04 10:00"), L("2027-10-31 02:30"), L("2027-10-31 03:15"))],
            },
        };

        var ics = IcsWriter.Write(Wijk(sunday, startsThatNight, endsThatNight, movedThere));
        var events = Events(ics);

        string[] Ends(string[] lines) => [.. lines.Where(l => l.StartsWith("DTEND", StringComparison.Ordinal) || l.StartsWith("DURATION", StringComparison.Ordinal))];
        Assert.Equal(["DTEND;TZID=Europe/Amsterdam:20271003T031500"], Ends(events[0])); // an ordinary night keeps its DTEND
        var cancelled = events.Single(e => e.Contains("RECURRENCE-ID;TZID=Europe/Amsterdam:20271031T023000"));
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20271031T023000", cancelled);
        Assert.Equal(["DURATION:PT45M"], Ends(cancelled));
        Assert.Equal(["DURATION:PT45M"], Ends(events.Single(e => e.Contains("UID:starts-that-night"))));
        Assert.Equal(["DURATION:PT2H45M"], Ends(events.Single(e => e.Contains("UID:ends-that-night")))); // 01:00 CEST to 02:45 CET
        Assert.Equal(["DURATION:PT1H45M"], Ends(events.Single(e => e.Contains("RECURRENCE-ID;TZID=Europe/Amsterdam:20271104T100000")))); // 02:30 CEST to 03:15 CET

        Assert.Equal(["DURATION:PT45M"], Ends(Assert.Single(Events(IcsWriter.WriteOccurrence(sunday, L("2027-10-31 02:30"))))));
        var notOutlookSafe = sunday with { Series = series with { RDates = [L("2027-10-27 02:30")] } };
        var separate = Events(IcsWriter.Write(Wijk(notOutlookSafe), new IcsWriterOptions { OutlookFallbackWindow = Days("2027-10-31", "2027-11-01") }));
        Assert.Equal(["DURATION:PT45M"], Ends(Assert.Single(separate)));

        // Read back by Ical.Net: the same starts, and each DURATION is the exact length. (Ical.Net 5.2.4 then places
        // an end in the repeated hour an hour early, before the start; docs/calendar.md, "Ours next to Ical.Net".)
        var read = IcalNetReading.Parse(ics);
        var window = Days("2027-10-01", "2027-11-08");
        Assert.Equal(4, IcalNetReading.Masters(read).Count);
        var ours = new[] { sunday, startsThatNight, endsThatNight, movedThere }.SelectMany(e => IcalNetReading.Dates(e.Series, window));
        Assert.Equal(ours.Select(d => (d.Start, d.Cancelled)).Order(), IcalNetReading.Dates(read, window).Select(d => (d.Start, d.Cancelled)).Order());
        var lengths = ours.ToLookup(d => d.Start, d => (d.End - d.Start).ToTimeSpan());
        Assert.All(read.Events.Where(e => e.Duration is not null), e => Assert.Contains(e.Duration!.Value.ToTimeSpanUnspecified(), lengths[IcalNetReading.ToInstant(e.DtStart!)]));
    }

    [Fact]
    public void SkipPeriodsBecomeExDatesForTheDatesTheyRemove()
    {
        var series = Taalplezier.Series with
        {
            ExDates = [],
            SkipPeriods = [new DateInterval(D("2026-12-19"), D("2027-01-03")), new DateInterval(D("2026-10-17"), D("2026-10-25"))],
        };

        var master = Events(IcsWriter.Write(Wijk(Taalplezier with { Series = series })))[0];

        Assert.Equal(
            ["EXDATE;TZID=Europe/Amsterdam:20261020T093000", "EXDATE;TZID=Europe/Amsterdam:20261222T093000", "EXDATE;TZID=Europe/Amsterdam:20261229T093000"],
            master.Where(l => l.StartsWith("EXDATE", StringComparison.Ordinal)));
    }

    [Fact]
    public void CancelledDateIsAnOverrideWithRecurrenceIdStatusCancelledAndTheReason()
    {
        var cancelled = Events(IcsWriter.Write(Wijk(Taalplezier)))[1];

        Assert.Contains("UID:6c1d1c9e-3c7b-4c55-9a43-1f2b8c9d0a11", cancelled);
        Assert.Contains("RECURRENCE-ID;TZID=Europe/Amsterdam:20261103T093000", cancelled);
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20261103T093000", cancelled);
        Assert.Contains("STATUS:CANCELLED", cancelled);
        Assert.Contains("DESCRIPTION:Gaat niet door: de leidster is ziek.", cancelled);
        Assert.Contains("SEQUENCE:2", cancelled);
        Assert.DoesNotContain(cancelled, l => l.StartsWith("RRULE", StringComparison.Ordinal));
    }

    [Fact]
    public void MovedDateIsAnOverrideWithItsNewStartAndEnd()
    {
        var moved = Events(IcsWriter.Write(Wijk(Taalplezier)))[2];

        Assert.Contains("RECURRENCE-ID;TZID=Europe/Amsterdam:20261110T093000", moved);
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20261111T140000", moved);
        Assert.Contains("DTEND;TZID=Europe/Amsterdam:20261111T153000", moved);
        Assert.Contains("STATUS:CONFIRMED", moved);
    }

    [Fact]
    public void OptionalPropertiesAreLeftOutWhenEmpty()
    {
        var master = Events(IcsWriter.Write(Wijk(SamenZingen)))[0];

        Assert.DoesNotContain(master, l => l.StartsWith("GEO", StringComparison.Ordinal) || l.StartsWith("CATEGORIES", StringComparison.Ordinal) || l.StartsWith("DESCRIPTION", StringComparison.Ordinal));
        Assert.Contains("RRULE:FREQ=MONTHLY;BYDAY=-1FR", master);
    }

    [Fact]
    public void StatusAndSequenceOfTheWholeEventAreWritten()
    {
        var master = Events(IcsWriter.Write(Wijk(SamenZingen with { Status = EventStatus.Tentative, Sequence = 7 })))[0];

        Assert.Contains("STATUS:TENTATIVE", master);
        Assert.Contains("SEQUENCE:7", master);
    }

    [Fact]
    public void SeriesInUtcIsWrittenInUtcFormWithoutVTimeZone()
    {
        var series = SamenZingen.Series with { Zone = DateTimeZone.Utc, Rule = RecurrenceRule.Parse("FREQ=WEEKLY;UNTIL=20261231") };

        var ics = IcsWriter.Write(Wijk(SamenZingen with { Series = series }));

        Assert.DoesNotContain("VTIMEZONE", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20261030T100000Z\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("RRULE:FREQ=WEEKLY;UNTIL=20261231T235959Z\r\n", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleOccurrenceIsAStandaloneEventWithADeterministicUid()
    {
        var ics = IcsWriter.WriteOccurrence(Taalplezier, L("2026-10-20 09:30"));
        var only = Assert.Single(Events(ics));

        Assert.Equal("UID:6c1d1c9e-3c7b-4c55-9a43-1f2b8c9d0a11-20261020T093000", only[0]);
        Assert.Equal(IcsWriter.OccurrenceUid(TaalplezierUid, L("2026-10-20 09:30")), only[0]["UID:".Length..]);
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20261020T093000", only);
        Assert.Contains("DTEND;TZID=Europe/Amsterdam:20261020T110000", only);
        Assert.DoesNotContain(only, l => l.StartsWith("RRULE", StringComparison.Ordinal) || l.StartsWith("RECURRENCE-ID", StringComparison.Ordinal));
        Assert.Contains("BEGIN:VTIMEZONE", ics, StringComparison.Ordinal);
        Assert.Equal(ics, IcsWriter.WriteOccurrence(Taalplezier, L("2026-10-20 09:30")));
    }

    [Fact]
    public void SingleOccurrenceOfAMovedOrCancelledDateShowsThat()
    {
        var moved = Assert.Single(Events(IcsWriter.WriteOccurrence(Taalplezier, L("2026-11-10 09:30"))));
        var cancelled = Assert.Single(Events(IcsWriter.WriteOccurrence(Taalplezier, L("2026-11-03 09:30"))));

        Assert.Contains("UID:6c1d1c9e-3c7b-4c55-9a43-1f2b8c9d0a11-20261110T093000", moved);
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20261111T140000", moved);
        Assert.Contains("STATUS:CANCELLED", cancelled);
        Assert.Contains("DESCRIPTION:Gaat niet door: de leidster is ziek.", cancelled);
        Assert.Throws<ArgumentException>(() => IcsWriter.WriteOccurrence(Taalplezier, L("2026-10-21 09:30")));
    }

    [Fact]
    public void OutlookFallbackWritesSeparateEventsForARuleWithTwoOrdinals()
    {
        var calendarEvent = SamenZingen with
        {
            Series = SamenZingen.Series with
            {
                Start = L("2026-11-02 10:00"),
                Rule = RecurrenceRule.Parse("FREQ=MONTHLY;BYDAY=1MO,3MO"),
                Overrides = [OccurrenceOverride.Cancel(L("2026-11-16 10:00"), "Sint-Maarten")],
            },
        };
        var options = new IcsWriterOptions { OutlookFallbackWindow = Days("2026-11-01", "2027-01-01") };

        var events = Events(IcsWriter.Write(Wijk(calendarEvent), options));

        Assert.Equal(
            ["20261102T100000", "20261116T100000", "20261207T100000", "20261221T100000"],
            events.Select(e => e[0][(e[0].LastIndexOf('-') + 1)..]));
        Assert.All(events, e => Assert.DoesNotContain(e, l => l.StartsWith("RRULE", StringComparison.Ordinal)));
        Assert.Contains("STATUS:CANCELLED", events[1]);
        Assert.Contains("DESCRIPTION:Sint-Maarten", events[1]);
    }

    [Fact]
    public void OutlookSafeRulesKeepTheirRRuleWhenAFallbackWindowIsGiven()
    {
        var options = new IcsWriterOptions { OutlookFallbackWindow = Days("2026-11-01", "2027-01-01") };

        var events = Events(IcsWriter.Write(Wijk(SamenZingen), options));

        Assert.Contains("RRULE:FREQ=MONTHLY;BYDAY=-1FR", Assert.Single(events));
    }

    [Fact]
    public void TheCallerCanChooseTheFormSoAPartOfASeriesIsWrittenLikeTheWhole()
    {
        var options = new IcsWriterOptions { OutlookFallbackWindow = Days("2026-11-01", "2027-01-01") };
        var withRDate = SamenZingen with { Series = SamenZingen.Series with { RDates = [L("2026-11-14 10:00")] } };

        var asSeries = Assert.Single(Events(IcsWriter.Write(Wijk(withRDate with { SeparateDatesForOutlook = false }), options)));
        var separate = Events(IcsWriter.Write(Wijk(SamenZingen with { SeparateDatesForOutlook = true }), options));

        Assert.Contains("RRULE:FREQ=MONTHLY;BYDAY=-1FR", asSeries);
        Assert.Contains("RDATE;TZID=Europe/Amsterdam:20261114T100000", asSeries);
        Assert.Equal(["UID:0b6f0e52-2d8e-4c1e-8f43-7a6f5d3c2b10-20261127T100000", "UID:0b6f0e52-2d8e-4c1e-8f43-7a6f5d3c2b10-20261225T100000"], separate.Select(e => e[0]));
        Assert.Equal(3, Events(IcsWriter.Write(Wijk(withRDate), options)).Count); // unset: an RDATE makes separate dates
    }

    [Fact]
    public void AnIndependentParserReadsTheSameEventsAndDatesBack()
    {
        var feed = Wijk();
        var window = Days("2026-01-01", "2028-01-01");

        var read = IcalNetReading.Parse(IcsWriter.Write(feed));

        Assert.Equal(feed.Name, read.Properties["NAME"]?.Value);
        var masters = IcalNetReading.Masters(read);
        Assert.Equal(feed.Events.Select(e => e.Uid), masters.Select(e => e.Uid));
        foreach (var (written, back) in feed.Events.Zip(masters))
        {
            Assert.Equal((written.Summary, written.Description, written.Location, written.Url), (back.Summary, back.Description, back.Location, back.Url));
            Assert.Equal(written.Categories, back.Categories);
            Assert.Equal(written.Sequence, back.Sequence);
            Assert.Equal(written.LastModified, IcalNetReading.ToInstant(back.DtStamp!));
            Assert.Equal(written.Geo is { } g ? (g.Latitude, g.Longitude) : default, back.GeographicLocation is { } p ? (p.Latitude, p.Longitude) : default);
        }

        var ours = feed.Events.SelectMany(e => IcalNetReading.Dates(e.Series, window)).OrderBy(d => d.Start);
        Assert.Equal(ours, IcalNetReading.Dates(read, window));
    }

    [Fact]
    public void SkipPeriodsAndADateUntilMeanTheSameDatesToAnIndependentParser()
    {
        var series = Taalplezier.Series with
        {
            Rule = RecurrenceRule.Parse("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629"),
            SkipPeriods = [new DateInterval(D("2026-10-17"), D("2026-10-25")), new DateInterval(D("2026-12-19"), D("2027-01-03"))],
        };
        var window = Days("2026-01-01", "2028-01-01");

        var read = IcalNetReading.Parse(IcsWriter.Write(Wijk(Taalplezier with { Series = series })));

        Assert.Equal(IcalNetReading.Dates(series, window), IcalNetReading.Dates(read, window));
    }
}
