using Buurtplatform.Web.NearMe;

namespace Buurtplatform.Tests.NearMe;

public sealed class PostcodeCentresTests
{
    // One instance for the class, like the app's singleton: the CSV is parsed once.
    private static readonly PostcodeCentres Centres = new();

    [Theory]
    [InlineData("2525", 2525)]
    [InlineData("2525 AB", 2525)]
    [InlineData("2525ab", 2525)]
    [InlineData(" 2525-AB ", 2525)]
    [InlineData("2525Ab", 2525)]
    [InlineData("1000", 1000)]
    [InlineData("9999 ZZ", 9999)]
    [InlineData("3511 SB", 3511)] // S followed by a letter other than A, D or S is fine
    public void ParsesDutchPostcodes(string input, int expected)
    {
        Assert.True(PostcodeCentres.TryParsePostcode(input, out var pc4));
        Assert.Equal(expected, pc4);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0999")] // no leading zero
    [InlineData("0525 AB")]
    [InlineData("252")]
    [InlineData("25251")]
    [InlineData("2525 A")]
    [InlineData("2525 ABC")]
    [InlineData("2525-")]
    [InlineData("2525  AB")] // one separator only
    [InlineData("2525 - AB")]
    [InlineData("2525_AB")]
    [InlineData("2525 A1")]
    [InlineData("2525 ÄB")] // A–Z only
    [InlineData("2525 SA")] // not issued
    [InlineData("2525 sd")]
    [InlineData("2525SS")]
    [InlineData("AB 2525")]
    [InlineData("٢٥٢٥")] // Arabic-Indic digits are digits to .NET, not to PostNL
    [InlineData("+2525")]
    public void RefusesAnythingElse(string? input)
    {
        Assert.False(PostcodeCentres.TryParsePostcode(input, out var pc4));
        Assert.Equal(0, pc4);
    }

    [Fact]
    public void LoadsEveryRowOfTheShippedCsv() => Assert.Equal(4_069, Centres.Count);

    [Fact]
    public void KnowsTheCentreOfAmsterdamCentrum()
    {
        Assert.True(Centres.TryGetCentre(1011, out var centre));
        Assert.Equal(new GeoPoint(52.371, 4.9041), centre);
    }

    [Fact]
    public void KnowsTheCentreOfTheHagueSouthWest()
    {
        Assert.True(Centres.TryGetCentre(2525, out var centre));
        Assert.Equal(new GeoPoint(52.0637, 4.3022), centre);
    }

    [Theory]
    [InlineData(1000)] // valid form, but no such area in the data
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(10_000)]
    [InlineData(-2525)]
    public void UnknownPostcodeHasNoCentre(int pc4)
    {
        Assert.False(Centres.TryGetCentre(pc4, out var centre));
        Assert.Equal(default, centre);
    }

    [Fact]
    public void ParsesLazilyAndOnlyOnce()
    {
        var opened = 0;
        var centres = new PostcodeCentres(() =>
        {
            Interlocked.Increment(ref opened);
            return new StringReader("pc4,lat,lon\n1234,52.5,5.5\n");
        });
        Assert.Equal(0, opened);

        Parallel.For(0, 8, i => Assert.True(centres.TryGetCentre(1234, out _)));

        Assert.Equal(1, opened);
        Assert.Equal(1, centres.Count);
    }

    [Theory]
    [InlineData("postcode,lat,lon\n1234,52.5,5.5\n")] // wrong header
    [InlineData("pc4,lat,lon\n1234,52.5\n")]
    [InlineData("pc4,lat,lon\n1234,52,5;5\n")]
    [InlineData("pc4,lat,lon\n0999,52.5,5.5\n")]
    [InlineData("pc4,lat,lon\n1234,95,5.5\n")]
    [InlineData("pc4,lat,lon\n1234,52.5,5.5\n1234,52.6,5.6\n")] // repeated postcode
    public void MalformedCsvFailsLoudly(string csv)
    {
        var centres = new PostcodeCentres(() => new StringReader(csv));
        Assert.Throws<InvalidDataException>(() => centres.TryGetCentre(1234, out _));
    }
}
