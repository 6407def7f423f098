using Buurtplatform.Calendar;
using NodaTime;

namespace Buurtplatform.Tests.Calendar;

public sealed class RecurrenceRuleTests
{
    [Theory]
    [InlineData("FREQ=WEEKLY")]
    [InlineData("FREQ=WEEKLY;BYDAY=TU")]
    [InlineData("FREQ=WEEKLY;COUNT=6;INTERVAL=2;BYDAY=TU,TH;WKST=SU")]
    [InlineData("FREQ=MONTHLY;BYDAY=-1FR")]
    [InlineData("FREQ=MONTHLY;UNTIL=20270629T073000Z;BYDAY=1MO")]
    [InlineData("FREQ=MONTHLY;UNTIL=20270629;BYMONTHDAY=-1,15")]
    [InlineData("FREQ=MONTHLY;UNTIL=20270629T093000;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1")]
    [InlineData("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")]
    [InlineData("FREQ=DAILY;INTERVAL=10;BYMONTH=1,2")]
    public void CanonicalTextRoundTrips(string text)
    {
        var rule = RecurrenceRule.Parse(text);

        Assert.Equal(text, rule.ToString());
        Assert.Equal(rule, RecurrenceRule.Parse(rule.ToString()));
    }

    [Fact]
    public void ParseNormalisesOrderCaseDefaultsAndThePrefix()
    {
        var rule = RecurrenceRule.Parse("RRULE:byday=tu;interval=1;freq=weekly;wkst=MO;until=20261231");

        Assert.Equal("FREQ=WEEKLY;UNTIL=20261231;BYDAY=TU", rule.ToString());
    }

    [Fact]
    public void ParseReadsEveryPart()
    {
        var rule = RecurrenceRule.Parse("FREQ=YEARLY;INTERVAL=2;COUNT=8;BYMONTH=3,9;BYMONTHDAY=-1;BYDAY=SA,-1SU;BYSETPOS=1,-1;WKST=SU");

        Assert.Equal(RecurrenceFrequency.Yearly, rule.Frequency);
        Assert.Equal(2, rule.Interval);
        Assert.Equal(8, rule.Count);
        Assert.Equal([3, 9], rule.ByMonth);
        Assert.Equal([-1], rule.ByMonthDay);
        Assert.Equal([WeekdayNum.Every(IsoDayOfWeek.Saturday), WeekdayNum.Last(IsoDayOfWeek.Sunday)], rule.ByDay);
        Assert.Equal([1, -1], rule.BySetPosition);
        Assert.Equal(IsoDayOfWeek.Sunday, rule.WeekStart);
    }

    [Fact]
    public void UntilKeepsItsForm()
    {
        Assert.Equal(UntilKind.Date, RecurrenceRule.Parse("FREQ=DAILY;UNTIL=20261231").Until!.Value.Kind);
        Assert.Equal(UntilKind.LocalDateTime, RecurrenceRule.Parse("FREQ=DAILY;UNTIL=20261231T093000").Until!.Value.Kind);
        var utc = RecurrenceRule.Parse("FREQ=DAILY;UNTIL=20261231T083000Z").Until!.Value;
        Assert.Equal((UntilKind.Utc, Instant.FromUtc(2026, 12, 31, 8, 30)), (utc.Kind, utc.ToInstant(DateTimeZone.Utc, LocalTime.Midnight)));
    }

    [Theory]
    [InlineData("", "FREQ is missing")]
    [InlineData("INTERVAL=2", "FREQ is missing")]
    [InlineData("FREQ=FORTNIGHTLY", "not a frequency")]
    [InlineData("FREQ=HOURLY", "not supported")]
    [InlineData("FREQ=DAILY;BYHOUR=9", "not supported")]
    [InlineData("FREQ=YEARLY;BYWEEKNO=20", "not supported")]
    [InlineData("FREQ=WEEKLY;COUNT=3;UNTIL=20261231", "COUNT and UNTIL")]
    [InlineData("FREQ=WEEKLY;BYDAY=1MO", "needs FREQ=MONTHLY")]
    [InlineData("FREQ=MONTHLY;BYDAY=6MO", "between -5 and 5")]
    [InlineData("FREQ=MONTHLY;BYDAY=XX", "not a BYDAY value")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY")]
    [InlineData("FREQ=YEARLY;BYMONTH=13", "BYMONTH")]
    [InlineData("FREQ=WEEKLY;INTERVAL=0", "INTERVAL")]
    [InlineData("FREQ=WEEKLY;COUNT=-1", "COUNT")]
    [InlineData("FREQ=WEEKLY;UNTIL=2026-12-31", "UNTIL")]
    [InlineData("FREQ=WEEKLY;BYMONTHDAY=3", "must not be used with FREQ=WEEKLY")]
    [InlineData("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs")]
    [InlineData("FREQ=WEEKLY;FREQ=DAILY", "more than once")]
    [InlineData("FREQ=WEEKLY;BYDAY", "NAME=VALUE")]
    [InlineData("FREQ=WEEKLY;COLOUR=RED", "not a rule part")]
    public void MalformedOrUnsupportedRulesAreRejectedWithAReason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => RecurrenceRule.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(RecurrenceRule.TryParse(text, out _));
    }

    [Fact]
    public void ExtensionPartsAreIgnored() => Assert.Equal("FREQ=WEEKLY", RecurrenceRule.Parse("FREQ=WEEKLY;X-NAME=1").ToString());

    [Fact]
    public void RulesWithTheSameContentAreEqual()
    {
        var built = new RecurrenceRule(RecurrenceFrequency.Monthly) { ByDay = [WeekdayNum.Last(IsoDayOfWeek.Friday)] };

        Assert.Equal(RecurrenceRule.Parse("FREQ=MONTHLY;BYDAY=-1FR"), built);
        Assert.Equal(RecurrenceRule.Parse("FREQ=MONTHLY;BYDAY=-1FR").GetHashCode(), built.GetHashCode());
        Assert.NotEqual(RecurrenceRule.Parse("FREQ=MONTHLY;BYDAY=1FR"), built);
    }

    [Fact]
    public void PropertiesRejectValuesOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecurrenceRule(RecurrenceFrequency.Daily) { Interval = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecurrenceRule(RecurrenceFrequency.Daily) { ByMonth = [13] });
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeekdayNum(IsoDayOfWeek.Monday, 54));
    }

    [Fact]
    public void ListsAreCopiedSoTheRuleStaysImmutable()
    {
        var months = new List<int> { 3 };
        var rule = new RecurrenceRule(RecurrenceFrequency.Yearly) { ByMonth = months };

        months.Add(9);

        Assert.Equal([3], rule.ByMonth);
    }
}
