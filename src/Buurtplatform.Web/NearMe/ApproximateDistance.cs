namespace Buurtplatform.Web.NearMe;

/// <summary>The unit an <see cref="ApproximateDistance"/> is shown in.</summary>
public enum DistanceUnit
{
    Meters,
    Kilometers,
}

/// <summary>
/// A distance rounded the way people say it ("300 m", "2,4 km", "17 km"). Distances come
/// from postcode centres, so more precision would only pretend to an accuracy we lack.
/// </summary>
public sealed record ApproximateDistance(double Value, DistanceUnit Unit)
{
    // Dutch writes a decimal comma; fixed here rather than taken from the request culture,
    // because the site is Dutch-only.
    private static readonly NumberFormatInfo DutchNumbers = new() { NumberDecimalSeparator = "," };

    /// <summary>
    /// Under 1 km: to the nearest 100 m, at least 100 m. From 1 to 10 km: kilometres with one
    /// decimal. From 10 km: whole kilometres. Decided on the rounded value, so 960 m reads
    /// "1 km" rather than "1000 m", and 9.96 km reads "10 km" rather than "10,0 km".
    /// Halves round up (250 m → 300 m), as people expect.
    /// </summary>
    public static ApproximateDistance From(double meters)
    {
        if (!double.IsFinite(meters) || meters < 0)
            throw new ArgumentOutOfRangeException(nameof(meters), meters, "A distance must be a finite, non-negative number of metres.");

        // Hundreds of metres are tenths of a kilometre: one rounding serves both ranges.
        var hundreds = Math.Round(meters / 100, MidpointRounding.AwayFromZero);
        if (hundreds < 10)
            return new(Math.Max(1, hundreds) * 100, DistanceUnit.Meters);
        if (hundreds < 100)
            return new(hundreds / 10, DistanceUnit.Kilometers);

        return new(Math.Round(meters / 1000, MidpointRounding.AwayFromZero), DistanceUnit.Kilometers);
    }

    /// <summary>Dutch display text, e.g. "300 m", "2,4 km", "1 km", "17 km".</summary>
    public override string ToString() =>
        Value.ToString("0.#", DutchNumbers) + (Unit == DistanceUnit.Meters ? " m" : " km");
}
