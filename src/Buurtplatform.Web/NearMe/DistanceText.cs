namespace Buurtplatform.Web.NearMe;

/// <summary>"ongeveer 600 meter", "ongeveer 2,4 kilometer": the words come from the resource files.</summary>
public static class DistanceText
{
    public static string Format(IStringLocalizer t, ApproximateDistance d) =>
        t[d.Unit == DistanceUnit.Meters ? "Distance.Meters" : "Distance.Kilometers", d.Value.ToString("0.#", CultureInfo.CurrentCulture)];
}
