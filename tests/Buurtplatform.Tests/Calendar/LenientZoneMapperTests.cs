using Buurtplatform.Calendar;
using NodaTime;

namespace Buurtplatform.Tests.Calendar;

public sealed class LenientZoneMapperTests
{
    [Theory]
    [InlineData("Europe/Amsterdam")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Pacific/Chatham")]
    [InlineData("UTC")]
    public void MapsEveryQuarterHourAcrossTwoYearsLikeNodaTimesLenientResolver(string zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var mapper = new LenientZoneMapper(zone);

        for (var local = new LocalDateTime(2026, 1, 1, 0, 7); local.Year < 2028; local = local.PlusMinutes(15))
        {
            var expected = local.InZoneLeniently(zone);
            var actual = mapper.Map(local);
            if (actual != expected)
            {
                Assert.Fail($"{local} in {zoneId}: expected {expected}, got {actual}");
            }
        }
    }
}
