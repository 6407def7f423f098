namespace Buurtplatform.BrowserTests;

public sealed class SmokeTests
{
    [Fact]
    public void SiteZoneIsAmsterdam() => Assert.Equal("Europe/Amsterdam", "Europe/Amsterdam");
}
