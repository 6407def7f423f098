using Buurtplatform.Web.Search;

namespace Buurtplatform.Tests.Search;

public sealed class DutchTextTests
{
    [Theory]
    [InlineData("Café", "cafe")]
    [InlineData("CAFÉ", "cafe")]
    [InlineData("cafe\u0301", "cafe")] // decomposed é
    [InlineData("Reünie", "reunie")]
    [InlineData("coördinator", "coordinator")]
    [InlineData("Straße", "strasse")]
    [InlineData("Ĳsselmeer", "ijsselmeer")]
    [InlineData("ĳs", "ijs")]
    [InlineData("Smørrebrød", "smorrebrod")]
    [InlineData("3-jarigen!", "3-jarigen!")]
    [InlineData("", "")]
    public void FoldLowersAndStripsAccents(string text, string expected) => Assert.Equal(expected, DutchText.Fold(text));

    [Fact]
    public void TokensSplitOnAnythingButLettersAndDigits() =>
        Assert.Equal(
            ["Peuterochtend", "in", "de", "Bieb", "za", "14", "3", "3", "jarigen", "baby", "s", "welkom"],
            DutchText.Tokens("Peuterochtend in de Bieb (za 14/3) -- 3-jarigen & baby's welkom!"));

    [Theory]
    [InlineData("")]
    [InlineData("  ,.;-- ")]
    public void TokensOfTextWithoutWordsIsEmpty(string text) => Assert.Empty(DutchText.Tokens(text));

    [Fact]
    public void TokensKeepCombiningMarksInsideAWord() =>
        Assert.Equal(["cafe\u0301", "open"], DutchText.Tokens("cafe\u0301 open"));

    [Fact]
    public void CafeWithAndWithoutAccentIsTheSameToken() =>
        Assert.Equal(DutchText.StemmedTokens("cafe"), DutchText.StemmedTokens("Café"));

    [Fact]
    public void PeuterAndPeutersHaveTheSameStem() =>
        Assert.Equal(DutchText.StemmedTokens("peuter"), DutchText.StemmedTokens("Peuters"));

    [Fact]
    public void StemmedTokensFoldsSplitsAndStems() =>
        Assert.Equal(
            ["zwemles", "vor", "peuter", "in", "het", "zwembad", "2024"],
            DutchText.StemmedTokens("Zwemles voor PEUTERS in het zwembad (2024)")); // "voor" loses a vowel in step 4, like "maan"

    // Documents, not wishes: the stemmer leaves the ge- of a past participle and a strong
    // verb's vowel change alone, so these stay three terms (see DutchStemmerTests).
    [Fact]
    public void VerbFormsStayApart() =>
        Assert.Equal(["zing", "zingt", "gezong"], DutchText.StemmedTokens("zingen zingt gezongen"));

    // PostgreSQL runs unaccent before dutch_stem, so we fold before stemming. The stemmer
    // strips ä ë ï ö ü á é í ó ú itself, so for words with those the order does not matter.
    // It keeps other accents (à â è ê ò ô ù), and è counts as a vowel to it while à, ò, ù
    // and the circumflexes do not; for the words below, folding first changes the stem
    // (mostly for the better: "jòngen" meets "jongen" only when folded first).
    private static readonly string[] WordsWhoseStemDependsOnFoldingFirst =
    [
        "àlle", "allèen", "blâren", "bùrgerlijk", "geklês", "hèel", "heèl", "hôte", "jònge",
        "jòngen", "kònden", "kùnnen", "lùwen", "nivôse", "ònze", "pâté", "rhône", "ròme",
        "schitterènd", "schòon", "smeèt", "vòor", "voòr", "weêr", "wetèn", "wòrden", "wrèed",
        "zaâl", "zùllen",
    ];

    [Fact]
    public void FoldingBeforeStemmingChangesOnlyTheKnownVocabularyWords()
    {
        var changed = SnowballVocabulary.All
            .Where(pair => DutchStemmer.Stem(DutchText.Fold(pair.Word)) != DutchText.Fold(pair.Stem))
            .Select(pair => pair.Word)
            .ToArray();

        Assert.Equal(WordsWhoseStemDependsOnFoldingFirst, changed);
    }

    [Theory]
    [InlineData("babybootcamp", "babybootcamp", true)] // equal
    [InlineData("babybootcmap", "babybootcamp", true)] // adjacent transposition
    [InlineData("babybootcamp", "babybootcanp", true)] // substitution
    [InlineData("babybootcamp", "babybotcamp", true)] // deletion
    [InlineData("babybotcamp", "babybootcamp", true)] // insertion
    [InlineData("peuter", "peuters", true)] // insertion at the end
    [InlineData("xpeuter", "peuter", true)] // deletion at the start
    [InlineData("", "a", true)]
    [InlineData("", "", true)]
    [InlineData("ab", "ba", true)]
    [InlineData("babybootcamp", "babybootcmpa", false)] // two transpositions' worth
    [InlineData("babybootcamp", "babybotcanp", false)] // deletion plus substitution
    [InlineData("peuter", "peuterss", false)]
    [InlineData("abc", "cba", false)] // not adjacent
    [InlineData("abcd", "badc", false)] // two transpositions
    [InlineData("Peuter", "peuter", true)] // case is one substitution: fold first to ignore it
    [InlineData("PEUTER", "peuter", false)]
    public void WithinOneEditAllowsOneDamerauLevenshteinEdit(string a, string b, bool expected)
    {
        Assert.Equal(expected, DutchText.WithinOneEdit(a, b));
        Assert.Equal(expected, DutchText.WithinOneEdit(b, a));
    }
}
