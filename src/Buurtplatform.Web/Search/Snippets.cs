using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Buurtplatform.Web.Search;

/// <summary>
/// A short piece of a result's text around the matched words, with those words in &lt;mark&gt;.
/// The same analyzer decides what matches as the index did, so what is marked is what was found.
/// Safety: every piece of text is HTML-encoded first, and only our own &lt;mark&gt; tags are added.
/// </summary>
public static class Snippets
{
    // All of Unicode as characters (the site's setting too): "één" stays readable, not &#xE9;.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static IHtmlContent Build(string text, SearchPlan plan, int maxWords) => Build(text, plan, TranslatedPlan.Empty, maxWords);

    /// <summary>
    /// The snippet with the words marked that <paramref name="plan"/> matches (by the Dutch analyzer) or
    /// <paramref name="translated"/> matches (by <see cref="TranslationAnalyzer"/>): on a page in another language the
    /// parent may have typed words of either.
    /// </summary>
    public static IHtmlContent Build(string text, SearchPlan plan, TranslatedPlan translated, int maxWords)
    {
        if (string.IsNullOrWhiteSpace(text))
            return HtmlString.Empty;
        text = DutchAnalyzer.Clean(text);
        var tokens = Spans(text);
        if (tokens.Count == 0)
            return new HtmlString(Html.Encode(text));

        var terms = plan.Groups.SelectMany(g => g.Terms).ToHashSet(StringComparer.Ordinal);
        var prefixes = plan.Groups.SelectMany(g => g.Prefixes).Distinct().ToList();
        var hits = new bool[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = text.Substring(tokens[i].Start, tokens[i].Length);
            if (word.Length > DutchAnalyzer.MaxWordLength)
                continue;
            var term = DutchAnalyzer.AnalyzeWord(word).Term;
            hits[i] = (term is not null && (terms.Contains(term) || prefixes.Any(p => term.StartsWith(p, StringComparison.Ordinal))))
                || translated.Matches(word);
        }

        // The window of maxWords tokens with the most hits; the earliest on a tie.
        var best = 0;
        var bestCount = -1;
        var count = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (hits[i])
                count++;
            if (i >= maxWords && hits[i - maxWords])
                count--;
            var start = Math.Max(0, i - maxWords + 1);
            if (count > bestCount)
            {
                bestCount = count;
                best = start;
            }
        }

        if (bestCount == 0)
            best = 0;
        var last = Math.Min(tokens.Count, best + maxWords) - 1;
        var from = best == 0 ? 0 : tokens[best].Start;
        var to = last == tokens.Count - 1 ? text.Length : tokens[last].Start + tokens[last].Length;

        var html = new StringBuilder();
        if (from > 0)
            html.Append("… ");
        var at = from;
        for (var i = best; i <= last; i++)
        {
            if (!hits[i])
                continue;
            html.Append(Encode(text[at..tokens[i].Start]));
            html.Append("<mark>").Append(Encode(text.Substring(tokens[i].Start, tokens[i].Length))).Append("</mark>");
            at = tokens[i].Start + tokens[i].Length;
        }

        html.Append(Encode(text[at..to]));
        if (to < text.Length)
            html.Append(" …");
        return new HtmlString(html.ToString());
    }

    // Line breaks and runs of spaces read as one space in a one-line snippet.
    private static string Encode(string s) => Html.Encode(WhiteSpace.Replace(s, " "));

    private static readonly System.Text.RegularExpressions.Regex WhiteSpace = new(@"\s+", System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>The word spans of <paramref name="text"/>, by the same rule as <see cref="DutchText.Tokens"/>.</summary>
    private static List<(int Start, int Length)> Spans(string text)
    {
        var spans = new List<(int, int)>();
        var start = -1;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var letterOrDigit = category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber;
            var mark = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
            if (letterOrDigit || (start >= 0 && mark))
            {
                if (start < 0)
                    start = index;
            }
            else if (start >= 0)
            {
                spans.Add((start, index - start));
                start = -1;
            }

            index += rune.Utf16SequenceLength;
        }

        if (start >= 0)
            spans.Add((start, text.Length - start));
        return spans;
    }
}
