using System.Text.RegularExpressions;

namespace Buurtplatform.Web.Content;

public static partial class Slugs
{
    /// <summary>Words the site uses itself at the top level, so no gemeente may take them.</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "agenda", "zoeken", "backoffice", "feeds", "css", "js", "img", "lib", "health", "niet-gevonden",
        "fout", "privacy", "over", "favicon.ico", "robots.txt", "media", "aanmelden", "account", "voorbeeld", "soort",
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
