using Buurtplatform.Web.NearMe;

namespace Buurtplatform.Tests.NearMe;

public sealed class GeoPointTests
{
    private static readonly GeoPoint DenHaagCentraal = new(52.0802, 4.3249);
    private static readonly GeoPoint AmsterdamCentraal = new(52.3789, 4.9003);

    // Reference: 51,481 m, the WGS84 ellipsoid distance from GeographicLib's geodesic
    // inverse. The sphere is allowed 1%; it is about 0.2% short here.
    [Fact]
    public void DenHaagCentraalToAmsterdamCentraalIsAbout51Km()
    {
        var meters = DenHaagCentraal.DistanceMetersTo(AmsterdamCentraal);
        Assert.InRange(meters, 51_481 * 0.99, 51_481 * 1.01);
    }

    [Fact]
    public void DistanceIsSymmetric() =>
        Assert.Equal(
            DenHaagCentraal.DistanceMetersTo(AmsterdamCentraal),
            AmsterdamCentraal.DistanceMetersTo(DenHaagCentraal),
            precision: 6);

    [Fact]
    public void DistanceToItselfIsZero() => Assert.Equal(0, DenHaagCentraal.DistanceMetersTo(DenHaagCentraal));

    // Along a meridian the haversine is exact arithmetic: one degree is R·π/180.
    [Fact]
    public void OneDegreeOfLatitudeIsRadiusTimesPiOver180() =>
        Assert.Equal(
            GeoPoint.EarthRadiusMeters * Math.PI / 180,
            new GeoPoint(52, 5).DistanceMetersTo(new GeoPoint(53, 5)),
            precision: 6);

    [Fact]
    public void AntipodesAreHalfTheCircumferenceApart() =>
        Assert.Equal(
            GeoPoint.EarthRadiusMeters * Math.PI,
            new GeoPoint(52, 5).DistanceMetersTo(new GeoPoint(-52, -175)),
            precision: 3);
}
