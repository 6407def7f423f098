namespace Buurtplatform.Web.NearMe;

/// <summary>"ongeveer 600 meter", "ongeveer 2,4 kilometer", or short "600 m", "2,4 km": the words come from the resource files.</summary>
public static class DistanceText
{
    public static string Format(IStringLocalizer t, ApproximateDistance d) =>
        t[d.Unit == DistanceUnit.Meters ? "Distance.Meters" : "Distance.Kilometers", d.Value.ToString("0.#", CultureInfo.CurrentCulture)];

    /// <summary>For a line in a list, where every item has one: "600 m", "1,2 km" (the same rounding as <see cref="Format"/>).</summary>
    public static string Brief(IStringLocalizer t, ApproximateDistance d) =>
        t[d.Unit == DistanceUnit.Meters ? "Distance.Short.Meters" : "Distance.Short.Kilometers", d.Value.ToString("0.#", CultureInfo.CurrentCulture)];
}
