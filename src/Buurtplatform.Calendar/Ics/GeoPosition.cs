namespace Buurtplatform.Calendar.Ics;

/// <summary>GEO: latitude and longitude in decimal degrees (WGS 84).</summary>
public readonly record struct GeoPosition
{
    public GeoPosition(double latitude, double longitude)
    {
        Latitude = latitude is >= -90 and <= 90 ? latitude : throw new ArgumentOutOfRangeException(nameof(latitude));
        Longitude = longitude is >= -180 and <= 180 ? longitude : throw new ArgumentOutOfRangeException(nameof(longitude));
    }

    public double Latitude { get; }

    public double Longitude { get; }
}
