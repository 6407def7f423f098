namespace Buurtplatform.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void SiteZoneIsAmsterdam() => Assert.Equal("Europe/Amsterdam", Buurtplatform.Calendar.SiteZone.Zone.Id);
}
