using Buurtplatform.Web.NearMe;

namespace Buurtplatform.Tests.NearMe;

public sealed class ApproximateDistanceTests
{
    [Theory]
    [InlineData(0, 100, DistanceUnit.Meters)] // never "0 m"
    [InlineData(12, 100, DistanceUnit.Meters)]
    [InlineData(149, 100, DistanceUnit.Meters)]
    [InlineData(150, 200, DistanceUnit.Meters)] // halves round up
    [InlineData(250, 300, DistanceUnit.Meters)]
    [InlineData(949, 900, DistanceUnit.Meters)]
    [InlineData(950, 1, DistanceUnit.Kilometers)] // not "1000 m"
    [InlineData(1_000, 1, DistanceUnit.Kilometers)]
    [InlineData(1_249, 1.2, DistanceUnit.Kilometers)]
    [InlineData(1_250, 1.3, DistanceUnit.Kilometers)]
    [InlineData(2_360, 2.4, DistanceUnit.Kilometers)]
    [InlineData(9_949, 9.9, DistanceUnit.Kilometers)]
    [InlineData(9_950, 10, DistanceUnit.Kilometers)] // not "10,0 km"
    [InlineData(10_499, 10, DistanceUnit.Kilometers)]
    [InlineData(10_500, 11, DistanceUnit.Kilometers)]
    [InlineData(51_370, 51, DistanceUnit.Kilometers)]
    public void RoundsForHumans(double meters, double value, DistanceUnit unit) =>
        Assert.Equal(new ApproximateDistance(value, unit), ApproximateDistance.From(meters));

    [Theory]
    [InlineData(250, "300 m")]
    [InlineData(1_000, "1 km")]
    [InlineData(2_360, "2,4 km")]
    [InlineData(17_400, "17 km")]
    public void ShowsDutchText(double meters, string expected) =>
        Assert.Equal(expected, ApproximateDistance.From(meters).ToString());

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RefusesImpossibleDistances(double meters) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ApproximateDistance.From(meters));
}
