namespace Buurtplatform.Web.Search;

/// <summary>One word of a text as the search index sees it.</summary>
/// <param name="Lower">The word in lower case, accents kept: what PostgreSQL is given to analyse itself.</param>
/// <param name="Word">Folded (no accents) and normalised (<see cref="DutchLexicon.Normalise"/>): the vocabulary word.</param>
/// <param name="Term">The index term (Snowball stem; words with digits are kept whole), or null for a stop word.</param>
/// <param name="Rewritten">True when the lexicon replaced the word ("gezongen" → "zingen").</param>
public readonly record struct AnalyzedWord(string Lower, string Word, string? Term, bool Rewritten)
{
    /// <summary>What the PostgreSQL engine is given for this word: the normalised word when the lexicon rewrote it, else <see cref="Lower"/>.</summary>
    public string PostgresInput => Rewritten ? Word : Lower;
}

/// <summary>
/// The one place that decides what a word means to search, for documents and queries alike, on both
/// engines: clean → split → fold → lexicon → stop words → Snowball stem. It mirrors PostgreSQL's
/// <c>dutch_unaccent</c> configuration step by step (see docs/search.md), so that the SQLite engine,
/// which indexes these terms, and the PostgreSQL engine, which analyses the same words itself, agree.
/// </summary>
public static class DutchAnalyzer
{
    /// <summary>Longer "words" (pasted hashes, URLs without separators) are not indexed or searched.</summary>
    public const int MaxWordLength = 60;

    public static List<AnalyzedWord> Analyze(string? text)
    {
        var words = new List<AnalyzedWord>();
        if (string.IsNullOrEmpty(text))
            return words;
        foreach (var whole in DutchText.Tokens(Clean(text)))
        {
            foreach (var token in SplitLikePostgres(whole))
            {
                if (token.Length > MaxWordLength)
                    continue;
                var word = AnalyzeWord(token);
                // Folding can lengthen a word (ß → ss); the vocabulary column holds MaxWordLength.
                if (word.Word.Length <= MaxWordLength)
                    words.Add(word);
            }
        }

        return words;
    }

    // PostgreSQL's parser reads "4e5" as a number in scientific notation and starts a new word after
    // it, so "42959e7f" (say, from a pasted code) is "42959e7" and "f" there. Split the same way.
    private static readonly System.Text.RegularExpressions.Regex ScientificPrefix =
        new(@"^([0-9]+[eE][0-9]+)(\p{L}.*)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static IEnumerable<string> SplitLikePostgres(string token)
    {
        if (token.Length < 4 || !char.IsAsciiDigit(token[0]))
            return [token];
        var m = ScientificPrefix.Match(token);
        return m.Success ? [m.Groups[1].Value, .. SplitLikePostgres(m.Groups[2].Value)] : [token];
    }

    /// <summary>Analyses one token (a run of letters and digits, as <see cref="DutchText.Tokens"/> gives).</summary>
    public static AnalyzedWord AnalyzeWord(string token)
    {
        var lower = token.ToLowerInvariant();
        var folded = DutchText.Fold(token);
        var word = DutchLexicon.Normalise(folded);
        string? term;
        if (word.Any(char.IsDigit))
            term = word; // PostgreSQL's parser calls these numword/uint and maps them to 'simple': no stop words, no stemming.
        else if (DutchLexicon.StopWords.Contains(word))
            term = null;
        else
            term = DutchStemmer.Stem(word);
        return new AnalyzedWord(lower, word, term, !ReferenceEquals(word, folded) && word != folded);
    }

    /// <summary>The search term of a vocabulary word (as <see cref="AnalyzedWord.Word"/>).</summary>
    public static string? TermOf(string word) =>
        word.Any(char.IsDigit) ? word : DutchLexicon.StopWords.Contains(word) ? null : DutchStemmer.Stem(word);

    /// <summary>
    /// Drops what has no place in search text and would trip up normalisation: lone surrogates
    /// (Normalize throws on them), control characters and null bytes. Returns NFC text, which is
    /// what PostgreSQL's parser expects from the same input.
    /// </summary>
    public static string Clean(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var keep = true;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb?.Append(c).Append(text[i + 1]);
                    i++;
                    continue;
                }

                keep = false;
            }
            else if (char.IsLowSurrogate(c) || char.IsControl(c))
            {
                keep = false;
            }

            if (!keep && sb is null)
                sb = new StringBuilder(text.Length).Append(text, 0, i);
            if (!keep)
                sb!.Append(' ');
            else
                sb?.Append(c);
        }

        var cleaned = sb?.ToString() ?? text;
        return cleaned.IsNormalized(NormalizationForm.FormC) ? cleaned : cleaned.Normalize(NormalizationForm.FormC);
    }
}
