namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// Counted texts in the right grammatical number: <c>T.Plural("Search.Results", n)</c> reads the resource
/// <c>Search.Results.one</c>, <c>.two</c>, <c>.few</c>, <c>.many</c>, <c>.zero</c> or <c>.other</c>, whichever the
/// language's CLDR plural rule picks for n, falling back to <c>.other</c>. Never <c>count == 1</c> in a page:
/// Arabic has six forms, Polish and Ukrainian three, and "1 activiteiten" is wrong in any language.
/// </summary>
public static class Plurals
{
    /// <summary>The text for <paramref name="count"/> ({0} in the resource), with <paramref name="more"/> as {1}, {2}, ….</summary>
    public static LocalizedString Plural(this IStringLocalizer t, string key, long count, params object[] more)
    {
        var args = new object[more.Length + 1];
        args[0] = count;
        more.CopyTo(args, 1);
        var text = t[key + "." + Category(CultureInfo.CurrentUICulture, count), args];
        return text.ResourceNotFound ? t[key + ".other", args] : text;
    }

    /// <summary>
    /// The CLDR cardinal plural category (https://unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html)
    /// of a whole number in the interface languages; other languages get English's rule, a safe default for the
    /// languages that distinguish only one and other.
    /// </summary>
    public static string Category(CultureInfo culture, long count)
    {
        var n = Math.Abs(count);
        var mod10 = n % 10;
        var mod100 = n % 100;
        return culture.TwoLetterISOLanguageName switch
        {
            "ar" => n == 0 ? "zero" : n == 1 ? "one" : n == 2 ? "two" : mod100 is >= 3 and <= 10 ? "few" : mod100 is >= 11 and <= 99 ? "many" : "other",
            "pl" => n == 1 ? "one" : mod10 is >= 2 and <= 4 && mod100 is not (>= 12 and <= 14) ? "few" : "many",
            "uk" or "ru" => mod10 == 1 && mod100 != 11 ? "one" : mod10 is >= 2 and <= 4 && mod100 is not (>= 12 and <= 14) ? "few" : "many",
            // Turkish, Dutch, English and most others: one for exactly 1, other otherwise.
            _ => n == 1 ? "one" : "other",
        };
    }
}
