namespace Buurtplatform.Web.NearMe;

/// <summary>A position in WGS84 degrees, as GPS and the postcode data give it.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>
    /// Mean Earth radius (IUGG), the usual sphere for haversine distances.
    /// </summary>
    public const double EarthRadiusMeters = 6_371_008.8;

    /// <summary>
    /// Great-circle distance in metres (haversine on a sphere). Within about 0.5% of the
    /// true ellipsoidal distance, far finer than the postcode centres it is used with.
    /// </summary>
    public double DistanceMetersTo(GeoPoint other)
    {
        var lat1 = DegreesToRadians(Latitude);
        var lat2 = DegreesToRadians(other.Latitude);
        var sinHalfDLat = Math.Sin((lat2 - lat1) / 2);
        var sinHalfDLon = Math.Sin(DegreesToRadians(other.Longitude - Longitude) / 2);
        var h = sinHalfDLat * sinHalfDLat + Math.Cos(lat1) * Math.Cos(lat2) * sinHalfDLon * sinHalfDLon;
        // Rounding can push h a hair above 1 for antipodal points; Asin would return NaN.
        return 2 * EarthRadiusMeters * Math.Asin(Math.Sqrt(Math.Min(1, h)));
    }

    private static double DegreesToRadians(double degrees) => degrees * (Math.PI / 180);
}
