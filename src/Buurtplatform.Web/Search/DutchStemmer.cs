// Port of the Snowball project's original Dutch stemmer by Martin Porter: the algorithm
// PostgreSQL's `dutch` text-search configuration runs, published as `dutch.sbl` until
// Snowball 3 renamed it `dutch_porter.sbl`. It is NOT the Kraaij-Pohlmann stemmer that
// Snowball 3 now calls `dutch`. Copyright (c) 2001 Dr Martin Porter, (c) 2004-2005 Richard
// Boulton; BSD licence, see DutchStemmer.COPYING.txt beside this file.
// The test DutchStemmerTests checks every word of Snowball's own test vocabulary, so any
// change here that alters a stem fails the build instead of silently splitting the search
// index between SQLite (this code) and PostgreSQL (Snowball's C code).

using System.Buffers;

namespace Buurtplatform.Web.Search;

/// <summary>Reduces a lower-case Dutch word to its Snowball ("Porter") Dutch stem.</summary>
public static class DutchStemmer
{
    // Snowball works on whole strings with a cursor; every step of this algorithm only
    // rewrites single letters in place (prelude, postlude) or shortens the word at its end
    // (the suffix steps; 'heden' -> 'heid' too). So one char buffer and a length suffice:
    // no allocation per step, no regex, one string at the end.
    private const int StackLimit = 64;

    /// <summary>
    /// Returns the stem of <paramref name="word"/>. Expects one lower-case word, as Snowball
    /// does (PostgreSQL lower-cases before stemming); upper-case letters are not vowels to
    /// the algorithm and pass through unchanged.
    /// </summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length == 0)
            return word;

        char[]? rented = null;
        Span<char> buffer = word.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(word.Length));
        try
        {
            var s = buffer[..word.Length];
            word.AsSpan().CopyTo(s);
            Prelude(s);
            var (p1, p2) = MarkRegions(s);
            var length = StandardSuffix(s, p1, p2);
            var stem = s[..length];
            Postlude(stem);
            return stem.SequenceEqual(word.AsSpan()) ? word : new string(stem);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<char>.Shared.Return(rented);
        }
    }

    // The algorithm's vowels. 'è' counts as a vowel although the prelude leaves it alone;
    // other accented letters (à, â, ê, ô, ...) are neither stripped nor vowels. Upper-case
    // I and Y are the prelude's consonant markers and deliberately not vowels.
    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'è';

    private static void Prelude(Span<char> s)
    {
        // Only these ten accents are removed; Snowball lists exactly these.
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = s[i] switch
            {
                'ä' or 'á' => 'a',
                'ë' or 'é' => 'e',
                'ï' or 'í' => 'i',
                'ö' or 'ó' => 'o',
                'ü' or 'ú' => 'u',
                var c => c,
            };
        }

        // A y at the start, a y after a vowel and an i between vowels act as consonants
        // ("yoghurt", "royaal", "mooie"); upper-casing them takes them out of the vowel set
        // for the rest of the algorithm. Scanning left to right on the already-changed
        // letters is what Snowball's `repeat goto` does: a marked letter is no vowel, so it
        // cannot start the next match.
        if (s[0] == 'y')
            s[0] = 'Y';
        for (var p = 0; p < s.Length - 1; p++)
        {
            if (!IsVowel(s[p]))
                continue;
            if (s[p + 1] == 'i' && p + 2 < s.Length && IsVowel(s[p + 2]))
                s[p + 1] = 'I';
            else if (s[p + 1] == 'y')
                s[p + 1] = 'Y';
        }
    }

    // R1 starts after the first non-vowel that follows a vowel, but no earlier than after
    // the third letter; R2 is the same rule applied again from the unadjusted R1 start.
    // A region that does not exist starts at the end of the word, so it is always empty.
    private static (int P1, int P2) MarkRegions(ReadOnlySpan<char> s)
    {
        var end = s.Length;
        // Snowball's `test hop 3` fails for words shorter than three letters: no regions.
        if (end < 3)
            return (end, end);

        var afterNonVowel = PastVowelThenNonVowel(s, 0);
        if (afterNonVowel < 0)
            return (end, end);
        var p1 = Math.Max(afterNonVowel, 3);
        var p2Start = PastVowelThenNonVowel(s, afterNonVowel);
        return (p1, p2Start < 0 ? end : p2Start);
    }

    // Snowball's `gopast v gopast non-v`: the position just after the first non-vowel that
    // follows a vowel, searching from `from`; -1 when there is none.
    private static int PastVowelThenNonVowel(ReadOnlySpan<char> s, int from)
    {
        var i = from;
        while (i < s.Length && !IsVowel(s[i]))
            i++;
        while (i < s.Length && IsVowel(s[i]))
            i++;
        return i < s.Length ? i + 1 : -1;
    }

    // Steps 1 to 4 of the algorithm; returns the new length of the word.
    private static int StandardSuffix(Span<char> s, int p1, int p2)
    {
        var length = s.Length;

        // Step 1. Snowball's `among` picks the longest listed suffix the word ends in and
        // does not fall back to a shorter one when that suffix's condition fails.
        if (EndsWith(s, length, "heden"))
        {
            if (p1 <= length - 5)
            {
                "heid".AsSpan().CopyTo(s[(length - 5)..]);
                length -= 1;
            }
        }
        else if (EndsWith(s, length, "ene"))
        {
            length = EnEnding(s, length, length - 3, p1);
        }
        else if (EndsWith(s, length, "en"))
        {
            length = EnEnding(s, length, length - 2, p1);
        }
        else if (EndsWith(s, length, "se") || EndsWith(s, length, "s"))
        {
            var start = length - (s[length - 1] == 'e' ? 2 : 1);
            // A valid s-ending follows a non-vowel other than j.
            if (p1 <= start && start > 0 && !IsVowel(s[start - 1]) && s[start - 1] != 'j')
                length = start;
        }

        // Step 2: a final -e after a non-vowel.
        length = EEnding(s, length, p1, out var eFound);

        // Step 3a: -heid in R2, not after c, then an -en ending left behind by it.
        if (EndsWith(s, length, "heid") && p2 <= length - 4 && !(length >= 5 && s[length - 5] == 'c'))
        {
            length -= 4;
            if (EndsWith(s, length, "en"))
                length = EnEnding(s, length, length - 2, p1);
        }

        // Step 3b: derivational suffixes, all in R2. The candidates never end one another,
        // so testing them in turn is the same as Snowball's longest match.
        if (EndsWith(s, length, "end") || EndsWith(s, length, "ing"))
        {
            if (p2 <= length - 3)
            {
                length -= 3;
                if (EndsWith(s, length, "ig") && p2 <= length - 2 && !(length >= 3 && s[length - 3] == 'e'))
                    length -= 2;
                else
                    length = Undouble(s, length);
            }
        }
        else if (EndsWith(s, length, "ig"))
        {
            if (p2 <= length - 2 && !(length >= 3 && s[length - 3] == 'e'))
                length -= 2;
        }
        else if (EndsWith(s, length, "lijk"))
        {
            if (p2 <= length - 4)
                length = EEnding(s, length - 4, p1, out _);
        }
        else if (EndsWith(s, length, "baar"))
        {
            if (p2 <= length - 4)
                length -= 4;
        }
        else if (EndsWith(s, length, "bar"))
        {
            // Only when step 2 has just removed a final e, i.e. the word ended in -bare.
            if (p2 <= length - 3 && eFound)
                length -= 3;
        }

        // Step 4: undouble a vowel between consonants, so that "maan" and "manen" (whose
        // -en went in step 1) both end as "man". The last consonant must not be the I marker.
        if (length >= 4)
        {
            var last = s[length - 1];
            var doubled = s[length - 2];
            if (!IsVowel(last) && last != 'I'
                && doubled is 'a' or 'e' or 'o' or 'u' && s[length - 3] == doubled
                && !IsVowel(s[length - 4]))
            {
                s[length - 2] = last;
                length -= 1;
            }
        }

        return length;
    }

    // Deletes a suffix -en/-ene starting at `start` when it is in R1 and follows a
    // non-vowel that does not end "gem" ("geheimen" loses -en, "gemen" keeps it), then
    // undoubles the consonant before it.
    private static int EnEnding(Span<char> s, int length, int start, int p1)
    {
        if (p1 > start || start == 0 || IsVowel(s[start - 1]))
            return length;
        if (start >= 3 && s.Slice(start - 3, 3).SequenceEqual("gem".AsSpan()))
            return length;
        return Undouble(s, start);
    }

    // Deletes a final e in R1 after a non-vowel, then undoubles. `eFound` feeds the -bar rule.
    private static int EEnding(Span<char> s, int length, int p1, out bool eFound)
    {
        eFound = false;
        if (length < 2 || s[length - 1] != 'e' || p1 > length - 1 || IsVowel(s[length - 2]))
            return length;
        eFound = true;
        return Undouble(s, length - 1);
    }

    // Only kk, dd and tt are undoubled: these are the doublings Dutch spelling adds before
    // an ending ("bakken", "bidden", "zetten").
    private static int Undouble(Span<char> s, int length)
    {
        if (length >= 2 && s[length - 1] == s[length - 2] && s[length - 1] is 'k' or 'd' or 't')
            return length - 1;
        return length;
    }

    private static bool EndsWith(ReadOnlySpan<char> s, int length, string suffix) =>
        s[..length].EndsWith(suffix.AsSpan());

    private static void Postlude(Span<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == 'I')
                s[i] = 'i';
            else if (s[i] == 'Y')
                s[i] = 'y';
        }
    }
}
