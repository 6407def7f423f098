namespace Buurtplatform.Web.Search;

/// <summary>
/// Turns Dutch text into search terms the same way on SQLite (this code) as PostgreSQL does
/// with a text-search configuration mapping words to <c>unaccent, dutch_stem</c>.
/// </summary>
public static class DutchText
{
    /// <summary>
    /// Lower-cases (invariant culture) and strips diacritics, so "Café", "cafe" and "CAFÉ"
    /// all become "cafe" and "reünie" becomes "reunie". Also writes out the letters that
    /// Unicode does not decompose but PostgreSQL's <c>unaccent</c> does: ß→ss, ĳ→ij,
    /// æ→ae, œ→oe, ø→o, ł→l, đ→d.
    /// </summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
            return text;

        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            switch (c)
            {
                case 'ß': folded.Append("ss"); break;
                case 'ĳ': folded.Append("ij"); break;
                case 'æ': folded.Append("ae"); break;
                case 'œ': folded.Append("oe"); break;
                case 'ø': folded.Append('o'); break;
                case 'ł': folded.Append('l'); break;
                case 'đ': folded.Append('d'); break;
                default: folded.Append(c); break;
            }
        }

        // Recompose what is left (Hangul, for one) so equal text gives equal strings.
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Splits text into words: runs of letters and digits, so "3-jarigen" gives "3" and
    /// "jarigen", and "baby's" gives "baby" and "s". Combining marks continue a word so that
    /// decomposed text ("e" + U+0301) is not cut in two. Case and accents are kept;
    /// use <see cref="Fold"/> or <see cref="StemmedTokens"/> for search terms.
    /// </summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var tokens = new List<string>();
        var start = -1;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (IsLetterOrDigit(category) || (start >= 0 && IsCombiningMark(category)))
            {
                if (start < 0)
                    start = index;
            }
            else if (start >= 0)
            {
                tokens.Add(text[start..index]);
                start = -1;
            }

            index += rune.Utf16SequenceLength;
        }

        if (start >= 0)
            tokens.Add(text[start..]);
        return tokens;
    }

    /// <summary>
    /// The search terms for a text: folded, split into words, each word stemmed with the
    /// Snowball Dutch stemmer. Folding comes first because that is PostgreSQL's order
    /// (<c>unaccent</c>, then <c>dutch_stem</c>). For words with only the accents the stemmer
    /// knows (ä ë ï ö ü á é í ó ú) the order makes no difference; for letters with other
    /// accents it can ("jòngen" stems to "jong" here, to "jòngen" by the stemmer alone).
    /// </summary>
    public static IReadOnlyList<string> StemmedTokens(string text)
    {
        var tokens = Tokens(Fold(text));
        var stems = new string[tokens.Count];
        for (var i = 0; i < stems.Length; i++)
            stems[i] = DutchStemmer.Stem(tokens[i]);
        return stems;
    }

    /// <summary>
    /// True when the two strings are equal or one edit apart: one insertion, deletion,
    /// substitution, or swap of two adjacent characters (Damerau–Levenshtein distance ≤ 1),
    /// so a typo like "babybootcmap" still finds "babybootcamp". Compares ordinally, char by
    /// char; fold both sides first to ignore case and accents.
    /// </summary>
    public static bool WithinOneEdit(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        // Linear instead of the full distance table: with at most one edit allowed, the
        // first difference decides which edit it must be.
        if (a.Length > b.Length)
            (a, b) = (b, a);
        if (b.Length - a.Length > 1)
            return false;

        var i = 0;
        while (i < a.Length && a[i] == b[i])
            i++;
        if (i == a.Length)
            return true; // equal, or b has one extra character at the end

        var restA = a.AsSpan(i);
        var restB = b.AsSpan(i);
        if (a.Length < b.Length)
            return restA.SequenceEqual(restB[1..]); // insertion into a

        return restA[1..].SequenceEqual(restB[1..]) // substitution
            || (restA.Length >= 2 && restA[0] == restB[1] && restA[1] == restB[0]
                && restA[2..].SequenceEqual(restB[2..])); // adjacent transposition
    }

    // The same categories as char.IsLetterOrDigit, but for whole runes, so letters outside
    // the Basic Multilingual Plane are not split into two surrogate halves.
    private static bool IsLetterOrDigit(UnicodeCategory category) => category
        is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber;

    private static bool IsCombiningMark(UnicodeCategory category) => category
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
        or UnicodeCategory.EnclosingMark;
}
