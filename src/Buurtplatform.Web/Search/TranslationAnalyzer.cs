namespace Buurtplatform.Web.Search;

/// <summary>
/// What a word of translated text (English, Arabic, Turkish, Polish, Ukrainian) means to search, for translations and
/// queries alike: no stemming and no stop words (exact words, and the last query word as a prefix), only the
/// differences a reader does not see or does not type: Unicode compatibility forms (NFKC), case, Turkish dotted and
/// dotless i, and in Arabic the vowel marks, tatweel and the spellings of alef, yeh and teh marbuta.
/// </summary>
/// <remarks>
/// Dutch text keeps <see cref="DutchAnalyzer"/> (stems, lexicon, accents folded). Here accents of Latin letters stay:
/// "ş" and "s", "ł" and "l" are different letters in Turkish and Polish.
/// </remarks>
public static class TranslationAnalyzer
{
    /// <summary>The words of <paramref name="text"/> as search compares them, in order (words longer than <see cref="DutchAnalyzer.MaxWordLength"/> left out).</summary>
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
            return words;
        foreach (var token in DutchText.Tokens(DutchAnalyzer.Clean(text).Normalize(NormalizationForm.FormKC)))
        {
            if (token.Length > DutchAnalyzer.MaxWordLength)
                continue;
            var word = Normalise(token);
            if (word.Length > 0)
                words.Add(word);
        }

        return words;
    }

    /// <summary>
    /// One word (a token as <see cref="DutchText.Tokens"/> cuts it) as search compares it: NFKC; İ, I, ı and i all "i";
    /// lower case; Arabic without tashkeel (U+064B–U+065F, U+0670) and tatweel (U+0640), with أ إ آ ٱ written ا, ى
    /// written ي and ة written ه. Empty when nothing is left (a lone tatweel).
    /// </summary>
    public static string Normalise(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var text = word.IsNormalized(NormalizationForm.FormKC) ? word : word.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                // Turkish: dotted and dotless, upper and lower, are one letter to search ("İstanbul", "ISTANBUL", "ıstanbul").
                case 'İ' or 'I' or 'ı':
                    sb.Append('i');
                    break;

                // The dot that a Turkish İ leaves when lower-cased by another language's rules ("i̇").
                case '\u0307' when sb.Length > 0 && sb[^1] == 'i':
                    break;

                // Arabic tashkeel (fathatan … sukun, and the marks up to U+065F), superscript alef, tatweel.
                case >= '\u064B' and <= '\u065F' or '\u0670' or '\u0640':
                    break;
                case 'أ' or 'إ' or 'آ' or 'ٱ':
                    sb.Append('ا');
                    break;
                case 'ى':
                    sb.Append('ي');
                    break;
                case 'ة':
                    sb.Append('ه');
                    break;
                default:
                    sb.Append(char.ToLowerInvariant(c));
                    break;
            }
        }

        return sb.ToString();
    }
}

/// <summary>One word of a query as translated text is searched: the whole word, or (the last word) any word it starts.</summary>
public readonly record struct TranslatedWord(string Word, bool Prefix);

/// <summary>A query analysed for translated text (<see cref="TranslationAnalyzer"/>): every word must match (AND).</summary>
public sealed record TranslatedPlan(IReadOnlyList<TranslatedWord> Words)
{
    public static TranslatedPlan Empty { get; } = new([]);

    public bool IsEmpty => Words.Count == 0;

    /// <summary>
    /// The query's words (at most <paramref name="maxWords"/>, each once), the last one also as a prefix when it has at
    /// least <paramref name="minPrefixLength"/> characters: the rule of the Dutch search, without stop words or stems.
    /// </summary>
    public static TranslatedPlan From(string text, int maxWords, int minPrefixLength)
    {
        var words = TranslationAnalyzer.Words(text).Take(maxWords).ToList();
        var plan = new List<TranslatedWord>();
        for (var i = 0; i < words.Count; i++)
        {
            var prefix = i == words.Count - 1 && words[i].Length >= minPrefixLength;
            var same = plan.FindIndex(w => w.Word == words[i]);
            if (same < 0)
                plan.Add(new TranslatedWord(words[i], prefix));
            else if (prefix)
                plan[same] = plan[same] with { Prefix = true };
        }

        return new TranslatedPlan(plan);
    }

    /// <summary>Whether a word of a text (a token, not yet normalised) is one this plan matches: for marking snippets.</summary>
    public bool Matches(string token)
    {
        if (IsEmpty || token.Length > DutchAnalyzer.MaxWordLength)
            return false;
        var word = TranslationAnalyzer.Normalise(token);
        return Words.Any(w => w.Prefix ? word.StartsWith(w.Word, StringComparison.Ordinal) : word == w.Word);
    }
}
