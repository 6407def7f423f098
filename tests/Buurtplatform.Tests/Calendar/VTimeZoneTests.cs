using Buurtplatform.Calendar;
using Buurtplatform.Calendar.Ics;
using NodaTime;

namespace Buurtplatform.Tests.Calendar;

public sealed class VTimeZoneTests
{
    [Fact]
    public void AmsterdamHasTwoOpenEndedLastSundayRules()
    {
        var observances = VTimeZoneBuilder.Build(SiteZone.Zone, 2025, 2028);

        Assert.Equal(
            [
                new VTimeZoneBuilder.Observance(true, new LocalDateTime(2025, 3, 30, 2, 0), Offset.FromHours(1), Offset.FromHours(2), "CEST", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
                new VTimeZoneBuilder.Observance(false, new LocalDateTime(2025, 10, 26, 3, 0), Offset.FromHours(2), Offset.FromHours(1), "CET", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
            ],
            observances);
    }

    [Fact]
    public void ARuleThatChangesGetsAnUntilInUtc()
    {
        // The United States moved DST from the first Sunday of April to the second Sunday of March in 2007.
        var observances = VTimeZoneBuilder.Build(DateTimeZoneProviders.Tzdb["America/New_York"], 2005, 2008);

        Assert.Equal(
            [
                "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z",
                "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z",
                "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
                "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
            ],
            observances.Select(o => o.Rule));
    }

    [Fact]
    public void AZoneWithoutChangesHasOneStandardObservance()
    {
        var only = Assert.Single(VTimeZoneBuilder.Build(DateTimeZoneProviders.Tzdb["Asia/Tokyo"], 2025, 2028));

        Assert.Equal((false, Offset.FromHours(9), Offset.FromHours(9), null), (only.IsDaylight, only.From, only.To, only.Rule));
    }

    [Theory]
    [InlineData("Europe/Amsterdam", 1975, 2040)]
    [InlineData("America/New_York", 2000, 2030)]
    [InlineData("Australia/Sydney", 2000, 2030)]
    [InlineData("America/Sao_Paulo", 2010, 2025)]
    public void TheObservancesGiveExactlyTheTransitionsOfTzdb(string zoneId, int fromYear, int toYear)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var end = Instant.FromUtc(toYear + 1, 1, 1, 0, 0);

        // Expand every observance with our own expander (its onsets are wall-clock times in TZOFFSETFROM).
        var described = new SortedSet<(Instant, Offset)>();
        foreach (var observance in VTimeZoneBuilder.Build(zone, fromYear, toYear))
        {
            var onsets = new EventSeries
            {
                Start = observance.Start,
                Duration = Duration.Zero,
                Zone = DateTimeZone.ForOffset(observance.From),
                Rule = observance.Rule is null ? null : RecurrenceRule.Parse(observance.Rule),
            };
            foreach (var onset in RecurrenceExpander.Expand(onsets, new Interval(Instant.FromUtc(fromYear, 1, 1, 0, 0), end)))
            {
                described.Add((onset.Start.ToInstant(), observance.To));
            }
        }

        var actual = zone.GetZoneIntervals(Instant.FromUtc(fromYear, 1, 1, 0, 0), end)
            .Zip(zone.GetZoneIntervals(Instant.FromUtc(fromYear, 1, 1, 0, 0), end).Skip(1))
            .Where(pair => pair.First.WallOffset != pair.Second.WallOffset)
            .Select(pair => (pair.Second.Start, pair.Second.WallOffset))
            .ToList();

        Assert.NotEmpty(actual);
        Assert.Equal(actual, described);
    }
}
