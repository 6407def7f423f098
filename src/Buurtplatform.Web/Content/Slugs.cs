using System.Text.RegularExpressions;

namespace Buurtplatform.Web.Content;

public static partial class Slugs
{
    /// <summary>
    /// Words the site uses itself at the top level, so no gemeente may take them. <c>ReservedSlugTests</c> walks the
    /// app's endpoints and <c>wwwroot</c> and fails when a first path segment is missing here.
    /// </summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "agenda", "zoeken", "backoffice", "feeds", "css", "js", "img", "lib", "health", "niet-gevonden",
        "fout", "privacy", "over", "favicon", "favicon.ico", "robots.txt", "media", "aanmelden", "account", "voorbeeld", "soort",
        "postcodes", "mijn-aanmelding", "gegevens-verwijderd", "mijn-idee", "mijn-idee-verwijderd", "icons", "manifest", "umbraco", "api", "embed", "taal",

        // The interface languages' URL prefixes (/ar/…), and the next ones a wijkaanpak is likely to ask for.
        "nl", "en", "ar", "tr", "pl", "uk", "de", "fr", "es", "pt", "ro", "bg", "ru", "so", "ti", "fa", "ku", "zh",
    };

    public static bool IsValid(string slug) => slug.Length is >= 1 and <= 80 && SlugPattern().IsMatch(slug);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}

public static class Days
{
    private static readonly string[] Names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    public static bool TryParse(string value, out DayOfWeek day)
    {
        var i = Array.IndexOf(Names, value);
        day = i < 0 ? default : (DayOfWeek)i;
        return i >= 0;
    }

    public static string Name(DayOfWeek day) => Names[(int)day];
}
