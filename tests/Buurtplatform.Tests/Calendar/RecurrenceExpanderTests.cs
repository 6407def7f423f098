using Buurtplatform.Calendar;
using NodaTime;
using static Buurtplatform.Tests.Calendar.CalendarTestData;

namespace Buurtplatform.Tests.Calendar;

public sealed class RecurrenceExpanderTests
{
    [Fact]
    public void WeeklyAcrossTheAutumnSwitchKeepsLocalTimeSoUtcMovesAnHourLater()
    {
        // 2026-10-25 is the last Sunday of October: CEST (+02) ends, CET (+01) begins.
        var series = Series("2026-10-13 09:30", "FREQ=WEEKLY;BYDAY=TU");

        var occurrences = Expand(series, Days("2026-10-12", "2026-11-04"));

        Assert.Equal(["2026-10-13 09:30", "2026-10-20 09:30", "2026-10-27 09:30", "2026-11-03 09:30"], LocalStarts(occurrences));
        Assert.Equal(["2026-10-13T07:30:00Z", "2026-10-20T07:30:00Z", "2026-10-27T08:30:00Z", "2026-11-03T08:30:00Z"], UtcStarts(occurrences));
        Assert.Equal([Offset.FromHours(2), Offset.FromHours(2), Offset.FromHours(1), Offset.FromHours(1)], occurrences.Select(o => o.Start.Offset));
    }

    [Fact]
    public void WeeklyAcrossTheSpringSwitchKeepsLocalTimeSoUtcMovesAnHourEarlier()
    {
        // 2027-03-28 is the last Sunday of March: CET (+01) ends, CEST (+02) begins.
        var series = Series("2027-03-16 09:30", "FREQ=WEEKLY;BYDAY=TU");

        var occurrences = Expand(series, Days("2027-03-15", "2027-04-07"));

        Assert.Equal(["2027-03-16 09:30", "2027-03-23 09:30", "2027-03-30 09:30", "2027-04-06 09:30"], LocalStarts(occurrences));
        Assert.Equal(["2027-03-16T08:30:00Z", "2027-03-23T08:30:00Z", "2027-03-30T07:30:00Z", "2027-04-06T07:30:00Z"], UtcStarts(occurrences));
    }

    [Fact]
    public void StartInTheSpringForwardGapIsShiftedForwardByTheGapLength()
    {
        // 02:30 does not exist on 2027-03-28 (02:00 CET jumps to 03:00 CEST): RFC 5545 makes it 03:30 CEST.
        var series = Series("2027-03-21 02:30", "FREQ=WEEKLY;BYDAY=SU", minutes: 60);

        var occurrences = Expand(series, Days("2027-03-20", "2027-04-05"));

        Assert.Equal(["2027-03-21 02:30", "2027-03-28 03:30", "2027-04-04 02:30"], LocalStarts(occurrences));
        Assert.Equal(["2027-03-21T01:30:00Z", "2027-03-28T01:30:00Z", "2027-04-04T00:30:00Z"], UtcStarts(occurrences));
        var shifted = occurrences[1];
        Assert.Equal(L("2027-03-28 02:30"), shifted.OriginalStart);
        Assert.Equal(Offset.FromHours(2), shifted.Start.Offset);
        Assert.Equal(new LocalTime(4, 30), shifted.End.TimeOfDay);
    }

    [Fact]
    public void StartInTheAutumnOverlapTakesTheFirstOccurrenceOfThatTime()
    {
        // 02:30 happens twice on 2026-10-25; RFC 5545 takes the first, still in CEST (+02).
        var series = Series("2026-10-18 02:30", "FREQ=WEEKLY;BYDAY=SU", minutes: 60);

        var occurrences = Expand(series, Days("2026-10-17", "2026-11-02"));

        Assert.Equal(["2026-10-18 02:30", "2026-10-25 02:30", "2026-11-01 02:30"], LocalStarts(occurrences));
        Assert.Equal(["2026-10-18T00:30:00Z", "2026-10-25T00:30:00Z", "2026-11-01T01:30:00Z"], UtcStarts(occurrences));
        Assert.Equal(Offset.FromHours(2), occurrences[1].Start.Offset);
    }

    [Fact]
    public void MonthlyOnThe29thIncludesFebruaryInTheLeapYear2028()
    {
        var series = Series("2028-01-29 10:00", "FREQ=MONTHLY;BYMONTHDAY=29");

        Assert.Equal(["2028-01-29", "2028-02-29", "2028-03-29", "2028-04-29"], LocalDates(Expand(series, Days("2028-01-01", "2028-05-01"))));
    }

    [Fact]
    public void MonthlyOnThe29thSkipsFebruary2027RatherThanClampingIt()
    {
        var series = Series("2027-01-29 10:00", "FREQ=MONTHLY;BYMONTHDAY=29");

        Assert.Equal(["2027-01-29", "2027-03-29", "2027-04-29"], LocalDates(Expand(series, Days("2027-01-01", "2027-05-01"))));
    }

    [Fact]
    public void MonthlyWithoutByMonthDaySkipsMonthsThatLackTheStartDay()
    {
        var series = Series("2026-01-31 10:00", "FREQ=MONTHLY");

        Assert.Equal(["2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31", "2026-08-31"], LocalDates(Expand(series, Days("2026-01-01", "2026-09-01"))));
    }

    [Fact]
    public void YearlyOnLeapDayOnlyHappensInLeapYears()
    {
        var series = Series("2024-02-29 10:00", "FREQ=YEARLY");

        Assert.Equal(["2024-02-29", "2028-02-29", "2032-02-29"], LocalDates(Expand(series, Days("2024-01-01", "2033-01-01"))));
    }

    [Theory]
    [InlineData("2026-01-30 18:00", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2026-01-30,2026-02-27,2026-03-31,2026-04-30,2026-05-29,2026-06-30")]
    [InlineData("2026-01-30 19:00", "FREQ=MONTHLY;BYDAY=-1FR", "2026-01-30,2026-02-27,2026-03-27,2026-04-24,2026-05-29,2026-06-26")]
    [InlineData("2026-01-05 10:00", "FREQ=MONTHLY;BYDAY=1MO", "2026-01-05,2026-02-02,2026-03-02,2026-04-06,2026-05-04,2026-06-01")]
    [InlineData("2026-01-31 10:00", "FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31,2026-02-28,2026-03-31,2026-04-30,2026-05-31,2026-06-30")]
    [InlineData("2026-01-05 09:00", "FREQ=MONTHLY;BYDAY=1MO,3MO", "2026-01-05,2026-01-19,2026-02-02,2026-02-16,2026-03-02,2026-03-16,2026-04-06,2026-04-20,2026-05-04,2026-05-18,2026-06-01,2026-06-15")]
    [InlineData("2026-01-13 09:00", "FREQ=MONTHLY;BYDAY=TU;BYMONTHDAY=13", "2026-01-13")]
    [InlineData("2026-02-13 09:00", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "2026-02-13,2026-03-13")]
    [InlineData("2026-01-03 09:00", "FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1,-1", "2026-01-03,2026-01-31,2026-02-01,2026-02-28,2026-03-01,2026-03-29,2026-04-04,2026-04-26,2026-05-02,2026-05-31,2026-06-06,2026-06-28")]
    [InlineData("2026-01-05 09:00", "FREQ=DAILY;BYMONTH=1;BYDAY=MO", "2026-01-05,2026-01-12,2026-01-19,2026-01-26")]
    [InlineData("2026-01-01 09:00", "FREQ=YEARLY;BYMONTHDAY=1", "2026-01-01,2026-02-01,2026-03-01,2026-04-01,2026-05-01,2026-06-01")]
    [InlineData("2026-03-29 02:00", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "2026-03-29")]
    [InlineData("2026-01-04 09:00", "FREQ=YEARLY;INTERVAL=2;BYMONTH=1;BYDAY=SU", "2026-01-04,2026-01-11,2026-01-18,2026-01-25")]
    [InlineData("2026-01-06 09:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=5", "2026-01-06,2026-01-08,2026-01-20,2026-01-22,2026-02-03")]
    [InlineData("2026-01-05 09:00", "FREQ=DAILY;INTERVAL=10;COUNT=4", "2026-01-05,2026-01-15,2026-01-25,2026-02-04")]
    public void RuleGivesTheDatesDateutilGivesInTheFirstHalfOf2026(string start, string rule, string expected)
    {
        // Expected dates were produced by python-dateutil's rrule, an independent implementation.
        var series = Series(start, rule);

        Assert.Equal(expected.Split(','), LocalDates(Expand(series, Days("2026-01-01", "2026-07-01"))));
    }

    [Theory]
    [InlineData("1997-05-19 09:00", "FREQ=YEARLY;BYDAY=20MO", "1997-05-19,1998-05-18,1999-05-17")]
    [InlineData("2026-01-12 09:00", "FREQ=YEARLY;BYDAY=MO,TU;BYSETPOS=3", "2026-01-12,2027-01-11,2028-01-10")]
    [InlineData("2026-03-29 02:00", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "2026-03-29,2027-03-28,2028-03-26")]
    public void YearlyRulesGiveTheDatesDateutilGives(string start, string rule, string expected)
    {
        var series = Series(start, rule);
        var from = series.Start.Date.AtStartOfDayInZone(Amsterdam).ToInstant();

        var dates = LocalDates(RecurrenceExpander.Expand(series, new Interval(from, from + Duration.FromDays(3 * 366))).Take(3));

        Assert.Equal(expected.Split(','), dates);
    }

    [Fact]
    public void WeekStartChangesWhichDatesAnEveryOtherWeekRuleGives()
    {
        // RFC 5545's own example: DTSTART 1997-08-05 (a Tuesday), INTERVAL=2, BYDAY=TU,SU, COUNT=4.
        var monday = Series("1997-08-05 09:00", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO");
        var sunday = Series("1997-08-05 09:00", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU");
        var window = Days("1997-08-01", "1997-10-01");

        Assert.Equal(["1997-08-05", "1997-08-10", "1997-08-19", "1997-08-24"], LocalDates(Expand(monday, window)));
        Assert.Equal(["1997-08-05", "1997-08-17", "1997-08-19", "1997-08-31"], LocalDates(Expand(sunday, window)));
    }

    [Fact]
    public void ExDateOnTheDstSwitchDayRemovesOnlyThatDate()
    {
        var series = Series("2026-10-11 10:00", "FREQ=WEEKLY;BYDAY=SU") with { ExDates = [L("2026-10-25 10:00")] };

        var occurrences = Expand(series, Days("2026-10-10", "2026-11-09"));

        Assert.Equal(["2026-10-11 10:00", "2026-10-18 10:00", "2026-11-01 10:00", "2026-11-08 10:00"], LocalStarts(occurrences));
        Assert.Equal(["2026-10-11T08:00:00Z", "2026-10-18T08:00:00Z", "2026-11-01T09:00:00Z", "2026-11-08T09:00:00Z"], UtcStarts(occurrences));
    }

    [Fact]
    public void ExDateMatchesTheOriginalLocalStartOfAGapDate()
    {
        var series = Series("2027-03-21 02:30", "FREQ=WEEKLY;BYDAY=SU") with { ExDates = [L("2027-03-28 02:30")] };

        Assert.Equal(["2027-03-21 02:30", "2027-04-04 02:30"], LocalStarts(Expand(series, Days("2027-03-20", "2027-04-05"))));
    }

    [Fact]
    public void CountLimitsTheRuleBeforeExDatesSoSixWithOneExDateGivesFive()
    {
        var series = Series("2026-09-01 09:30", "FREQ=WEEKLY;BYDAY=TU;COUNT=6") with { ExDates = [L("2026-09-15 09:30")] };

        var dates = LocalDates(Expand(series, Days("2026-08-01", "2027-01-01")));

        // The 6th rule date (6 October) is still the last; no 7th date takes the removed one's place.
        Assert.Equal(["2026-09-01", "2026-09-08", "2026-09-22", "2026-09-29", "2026-10-06"], dates);
    }

    [Fact]
    public void CountIsExactWhenTheWindowStartsLongAfterTheSeries()
    {
        var series = Series("2020-01-07 09:30", "FREQ=WEEKLY;BYDAY=TU;COUNT=300");

        var dates = LocalDates(Expand(series, Days("2025-09-01", "2026-01-01")));

        // 2020-01-07 plus 299 weeks is 2025-09-30: the 300th and last date.
        Assert.Equal(["2025-09-02", "2025-09-09", "2025-09-16", "2025-09-23", "2025-09-30"], dates);
    }

    [Fact]
    public void CountDoesNotIncludeRDatesAndSkipPeriodsApplyAfterCount()
    {
        var series = Series("2026-09-01 09:30", "FREQ=WEEKLY;BYDAY=TU;COUNT=3") with
        {
            RDates = [L("2026-09-03 14:00")],
            SkipPeriods = [new DateInterval(D("2026-09-07"), D("2026-09-13"))],
        };

        Assert.Equal(["2026-09-01 09:30", "2026-09-03 14:00", "2026-09-15 09:30"], LocalStarts(Expand(series, Days("2026-08-01", "2027-01-01"))));
    }

    [Fact]
    public void CancelledAndMovedDatesStillCountTowardsCount()
    {
        var series = Series("2026-09-01 09:30", "FREQ=WEEKLY;BYDAY=TU;COUNT=4") with
        {
            Overrides =
            [
                OccurrenceOverride.Cancel(L("2026-09-08 09:30"), "Studiedag"),
                OccurrenceOverride.Move(L("2026-09-15 09:30"), L("2026-09-17 13:00"), L("2026-09-17 14:30")),
            ],
        };

        var occurrences = Expand(series, Days("2026-08-01", "2027-01-01"));

        Assert.Equal(["2026-09-01 09:30", "2026-09-08 09:30", "2026-09-17 13:00", "2026-09-22 09:30"], LocalStarts(occurrences));
        Assert.Equal([OccurrenceStatus.Scheduled, OccurrenceStatus.Cancelled, OccurrenceStatus.Moved, OccurrenceStatus.Scheduled], occurrences.Select(o => o.Status));
    }

    [Fact]
    public void UntilIsInclusiveWhenItIsExactlyTheLastStart()
    {
        var exact = Series("2026-10-06 09:30", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261027T083000Z");
        var secondEarlier = Series("2026-10-06 09:30", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261027T082959Z");
        var window = Days("2026-10-01", "2026-12-01");

        // 08:30Z is 09:30 CET: the first Tuesday after the switch.
        Assert.Equal(["2026-10-06", "2026-10-13", "2026-10-20", "2026-10-27"], LocalDates(Expand(exact, window)));
        Assert.Equal(["2026-10-06", "2026-10-13", "2026-10-20"], LocalDates(Expand(secondEarlier, window)));
    }

    [Fact]
    public void UntilAsADateIncludesThatWholeDay()
    {
        var series = Series("2026-10-06 19:30", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261027");

        Assert.Equal(["2026-10-06", "2026-10-13", "2026-10-20", "2026-10-27"], LocalDates(Expand(series, Days("2026-10-01", "2026-12-01"))));
    }

    [Fact]
    public void SkipPeriodsLeaveOutDatesInTheSchoolHolidays()
    {
        // Herfstvakantie regio noord 2026 and kerstvakantie 2026–2027 (dates as the site's content files give them).
        var series = Series("2026-10-06 09:30", "FREQ=WEEKLY;BYDAY=TU") with
        {
            SkipPeriods =
            [
                new DateInterval(D("2026-12-19"), D("2027-01-03")),
                new DateInterval(D("2026-10-17"), D("2026-10-25")),
            ],
        };

        var dates = LocalDates(Expand(series, Days("2026-10-01", "2027-01-13")));

        Assert.DoesNotContain("2026-10-20", dates);
        Assert.DoesNotContain("2026-12-22", dates);
        Assert.DoesNotContain("2026-12-29", dates);
        Assert.Equal(["2026-10-06", "2026-10-13", "2026-10-27"], dates[..3]);
        Assert.Equal(["2026-12-15", "2027-01-05", "2027-01-12"], dates[^3..]);
    }

    [Fact]
    public void MovedAndCancelledDatesKeepTheirOriginalStartAsIdentity()
    {
        var series = Series("2026-10-06 09:30", "FREQ=WEEKLY;BYDAY=TU") with
        {
            Overrides =
            [
                OccurrenceOverride.Cancel(L("2026-10-20 09:30"), "Gaat niet door: studiedag"),
                OccurrenceOverride.Move(L("2026-11-03 09:30"), L("2026-10-28 14:00"), L("2026-10-28 15:30"), "Verplaatst naar woensdag"),
            ],
        };

        var occurrences = Expand(series, Days("2026-10-12", "2026-11-12"));

        Assert.Equal(["2026-10-13 09:30", "2026-10-20 09:30", "2026-10-27 09:30", "2026-10-28 14:00", "2026-11-10 09:30"], LocalStarts(occurrences));
        var cancelled = occurrences[1];
        Assert.Equal((OccurrenceStatus.Cancelled, "Gaat niet door: studiedag", L("2026-10-20 09:30")), (cancelled.Status, cancelled.Reason, cancelled.OriginalStart));
        var moved = occurrences[3];
        Assert.Equal((OccurrenceStatus.Moved, L("2026-11-03 09:30"), "Verplaatst naar woensdag"), (moved.Status, moved.OriginalStart, moved.Reason));
        Assert.Equal(new LocalTime(15, 30), moved.End.TimeOfDay);
    }

    [Fact]
    public void MovedDateAppearsWhenItsNewTimeIsInTheWindowEvenIfItsOriginalIsNot()
    {
        var series = Series("2026-10-06 09:30", "FREQ=WEEKLY;BYDAY=TU") with
        {
            Overrides = [OccurrenceOverride.Move(L("2026-12-01 09:30"), L("2026-11-05 10:00"), L("2026-11-05 11:00"))],
        };

        var occurrences = Expand(series, Days("2026-11-04", "2026-11-07"));

        Assert.Equal(["2026-11-05 10:00"], LocalStarts(occurrences));
        Assert.Empty(Expand(series, Days("2026-11-30", "2026-12-02")));
    }

    [Fact]
    public void OverrideForADateTheSeriesDoesNotHaveIsIgnored()
    {
        var series = Series("2026-10-06 09:30", "FREQ=WEEKLY;BYDAY=TU") with
        {
            Overrides = [OccurrenceOverride.Move(L("2026-10-07 09:30"), L("2026-10-08 10:00"), L("2026-10-08 11:00"))],
        };

        Assert.Equal(["2026-10-06", "2026-10-13"], LocalDates(Expand(series, Days("2026-10-01", "2026-10-15"))));
    }

    [Fact]
    public void OccurrenceThatStartedBeforeTheWindowButEndsInItIsIncluded()
    {
        var series = Series("2026-10-06 09:30", "FREQ=WEEKLY;BYDAY=TU");
        Instant At(string local) => L(local).InZoneStrictly(Amsterdam).ToInstant();

        Assert.Single(Expand(series, new Interval(At("2026-10-13 10:00"), At("2026-10-13 12:00"))));
        Assert.Empty(Expand(series, new Interval(At("2026-10-13 11:00"), At("2026-10-13 12:00"))));
        Assert.Empty(Expand(series, new Interval(At("2026-10-13 08:00"), At("2026-10-13 09:30"))));
        Assert.Single(Expand(series, new Interval(At("2026-10-13 08:00"), At("2026-10-13 09:31"))));
    }

    [Fact]
    public void RDatesAreMergedInOrderAndADuplicateOfARuleDateIsOneOccurrence()
    {
        var series = Series("2026-10-06 09:30", "FREQ=WEEKLY;BYDAY=TU") with
        {
            RDates = [L("2026-10-16 15:00"), L("2026-10-13 09:30"), L("2026-10-09 15:00")],
        };

        Assert.Equal(
            ["2026-10-06 09:30", "2026-10-09 15:00", "2026-10-13 09:30", "2026-10-16 15:00", "2026-10-20 09:30"],
            LocalStarts(Expand(series, Days("2026-10-01", "2026-10-21"))));
    }

    [Fact]
    public void OneOffSeriesWithoutRuleHasOneOccurrence()
    {
        var series = Series("2026-10-06 09:30", null);

        Assert.Equal(["2026-10-06 09:30"], LocalStarts(Expand(series, Days("2026-01-01", "2027-01-01"))));
        Assert.Empty(Expand(series, Days("2026-10-07", "2027-01-01")));
    }

    [Fact]
    public void JumpingAheadGivesTheSameDatesAsWalkingFromTheStart()
    {
        // INTERVAL=3 from 2015: the dates in 2026 must stay on the three-week grid that starts in 2015.
        var series = Series("2015-01-06 09:30", "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH");
        var window = Days("2026-03-01", "2026-06-01");

        var jumped = LocalStarts(Expand(series, window));
        var walked = LocalStarts(Expand(series, Days("2015-01-01", "2026-06-01")).Where(o => o.End.ToInstant() > window.Start));

        Assert.NotEmpty(jumped);
        Assert.Equal(walked, jumped);
        Assert.All(jumped, s => Assert.Equal(0, Period.DaysBetween(D("2015-01-05"), L(s).Date.PlusDays(-((int)L(s).DayOfWeek - 1))) % 21));
    }

    [Theory]
    [InlineData("FREQ=DAILY;INTERVAL=3")]
    [InlineData("FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR")]
    [InlineData("FREQ=YEARLY;INTERVAL=2;BYMONTH=3,9;BYDAY=1SA")]
    public void JumpingAheadWorksForEveryFrequency(string rule)
    {
        var series = Series("2019-03-02 10:00", rule);
        var window = Days("2026-01-01", "2027-01-01");

        var jumped = LocalStarts(Expand(series, window));
        var walked = LocalStarts(Expand(series, Days("2019-01-01", "2027-01-01")).Where(o => o.End.ToInstant() > window.Start));

        Assert.Equal(walked, jumped);
    }

    [Fact]
    public void ExpansionIsLazySoAnEndlessRuleOverAHugeWindowCanBeTaken()
    {
        var series = Series("2026-01-01 09:00", "FREQ=DAILY");
        var window = new Interval(Utc("2026-01-01T00:00:00Z"), Utc("9000-01-01T00:00:00Z"));

        Assert.Equal(["2026-01-01", "2026-01-02", "2026-01-03"], LocalDates(RecurrenceExpander.Expand(series, window).Take(3)));
    }

    [Fact]
    public void RuleThatNeverMatchesEndsAtTheWindow()
    {
        var series = Series("2026-01-30 09:00", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30");

        Assert.Equal(["2026-01-30"], LocalDates(Expand(series, Days("2026-01-01", "2100-01-01"))));
    }

    [Fact]
    public void FindGivesOneDateByItsOriginalStart()
    {
        var series = Series("2026-10-06 09:30", "FREQ=WEEKLY;BYDAY=TU;COUNT=10") with
        {
            ExDates = [L("2026-10-13 09:30")],
            Overrides = [OccurrenceOverride.Move(L("2026-10-20 09:30"), L("2026-10-21 10:00"), L("2026-10-21 11:00"))],
        };

        Assert.Equal(L("2026-10-27 09:30"), RecurrenceExpander.Find(series, L("2026-10-27 09:30"))?.Start.LocalDateTime);
        Assert.Equal(L("2026-10-21 10:00"), RecurrenceExpander.Find(series, L("2026-10-20 09:30"))?.Start.LocalDateTime);
        Assert.Null(RecurrenceExpander.Find(series, L("2026-10-13 09:30")));
        Assert.Null(RecurrenceExpander.Find(series, L("2026-10-14 09:30")));
        Assert.Null(RecurrenceExpander.Find(series, L("2026-12-15 09:30")));
    }

    [Fact]
    public void ResultsAreOrderedByStartEvenWhenAGapDateOvertakesAnRDate()
    {
        // 02:30 on 2027-03-28 becomes 03:30 CEST (01:30Z), later than an RDATE at 03:15 CEST (01:15Z).
        var series = Series("2027-03-21 02:30", "FREQ=WEEKLY;BYDAY=SU", minutes: 10) with { RDates = [L("2027-03-28 03:15")] };

        var occurrences = Expand(series, Days("2027-03-27", "2027-03-29"));

        Assert.Equal(["2027-03-28 03:15", "2027-03-28 03:30"], LocalStarts(occurrences));
    }

    [Fact]
    public void WindowWithoutEndIsRefused() =>
        Assert.Throws<ArgumentException>(() => RecurrenceExpander.Expand(Series("2026-01-01 09:00", "FREQ=DAILY"), new Interval(Utc("2026-01-01T00:00:00Z"), null)));
}
