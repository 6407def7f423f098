namespace Buurtplatform.Web.NearMe;

/// <summary>
/// The distances a parent can choose for "near me": 1, 2, 5 or 10 km from a postcode's centre, 2 km when
/// only a postcode is given. A few fixed steps rather than any number: they fit walking, the pram, the
/// bike and the bus, every page offers the same ones, and "nothing within 2 km" can point at the next one.
/// </summary>
public static class Distances
{
    public static readonly IReadOnlyList<int> Kilometres = [1, 2, 5, 10];

    /// <summary>A short walk with a pram; what the agenda and the home page use when only a postcode is given.</summary>
    public const int DefaultKilometres = 2;

    /// <summary>Reads a distance as the forms send it ("2"); false for anything that is not one of <see cref="Kilometres"/>.</summary>
    public static bool TryParse(string? text, out int kilometres)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var km) && Kilometres.Contains(km))
        {
            kilometres = km;
            return true;
        }

        kilometres = 0;
        return false;
    }

    /// <summary>The next step up (2 → 5 → 10), or null from the largest.</summary>
    public static int? NextUp(int kilometres) => Kilometres.Where(k => k > kilometres).Select(k => (int?)k).FirstOrDefault();
}
