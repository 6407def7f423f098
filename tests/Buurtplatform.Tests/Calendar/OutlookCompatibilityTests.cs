using Buurtplatform.Calendar;
using Buurtplatform.Calendar.Ics;
using static Buurtplatform.Tests.Calendar.CalendarTestData;

namespace Buurtplatform.Tests.Calendar;

public sealed class OutlookCompatibilityTests
{
    [Theory]
    [InlineData("FREQ=DAILY;INTERVAL=2", true)]
    [InlineData("FREQ=WEEKLY;BYDAY=TU,TH;INTERVAL=2", true)]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=15", true)]
    [InlineData("FREQ=MONTHLY;BYDAY=1MO", true)]
    [InlineData("FREQ=MONTHLY;BYDAY=-1FR", true)]
    [InlineData("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", true)]
    [InlineData("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", true)]
    [InlineData("FREQ=MONTHLY;BYDAY=1MO,3MO", false)]
    [InlineData("FREQ=MONTHLY;BYDAY=1MO,TU", false)]
    [InlineData("FREQ=MONTHLY;BYDAY=-2FR", false)]
    [InlineData("FREQ=MONTHLY;BYDAY=5TH", false)]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=-1", false)]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=1,15", false)]
    [InlineData("FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1,-1", false)]
    [InlineData("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", false)]
    [InlineData("FREQ=WEEKLY;BYMONTH=1,2", false)]
    [InlineData("FREQ=YEARLY;BYMONTH=3,9;BYDAY=1SA", false)]
    public void TellsWhetherOutlookCanShowARule(string rule, bool safe) =>
        Assert.Equal(safe, OutlookCompatibility.IsOutlookSafe(RecurrenceRule.Parse(rule)));

    [Fact]
    public void SeriesWithRDatesIsNotOutlookSafe()
    {
        var series = Series("2026-10-06 09:30", "FREQ=WEEKLY");

        Assert.True(OutlookCompatibility.IsOutlookSafe(series));
        Assert.False(OutlookCompatibility.IsOutlookSafe(series with { RDates = [L("2026-10-09 09:30")] }));
        Assert.True(OutlookCompatibility.IsOutlookSafe(series with { Rule = null }));
    }
}
