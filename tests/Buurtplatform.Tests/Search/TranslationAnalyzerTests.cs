using Buurtplatform.Web.Search;

namespace Buurtplatform.Tests.Search;

public sealed class TranslationAnalyzerTests
{
    [Theory]
    // Arabic: tashkeel (shadda, fatha, kasra, tanween, sukun), superscript alef and tatweel go.
    [InlineData("نغنّي", "نغني")]
    [InlineData("مَعًا", "معا")]
    [InlineData("الرَّضِيعُ", "الرضيع")]
    [InlineData("رحمٰن", "رحمن")]
    [InlineData("الحـــركة", "الحركه")]
    // The alef forms, alef maksura and teh marbuta.
    [InlineData("أسئلتكم", "اسئلتكم")]
    [InlineData("إلى", "الي")]
    [InlineData("آباء", "اباء")]
    [InlineData("ٱلكتاب", "الكتاب")]
    [InlineData("صحة", "صحه")]
    // Presentation forms (NFKC): "لا" written as one ligature glyph.
    [InlineData("\uFEFB", "لا")]
    // Turkish: İ, I, ı and i are one letter; other letters keep their accents.
    [InlineData("İstanbul", "istanbul")]
    [InlineData("ISTANBUL", "istanbul")]
    [InlineData("ıstanbul", "istanbul")]
    [InlineData("i\u0307stanbul", "istanbul")]
    [InlineData("ŞARKI", "şarki")]
    [InlineData("Çocuk", "çocuk")]
    // Polish, Ukrainian, English: lower case, letters kept.
    [InlineData("ŁÓDŹ", "łódź")]
    [InlineData("Дитина", "дитина")]
    [InlineData("Crawling", "crawling")]
    // Compatibility forms: full-width letters and the ﬁ ligature.
    [InlineData("Ｂａｂｙ", "baby")]
    [InlineData("\uFB01ve", "five")]
    public void NormaliseFoldsWhatAReaderDoesNotSee(string word, string expected) =>
        Assert.Equal(expected, TranslationAnalyzer.Normalise(word));

    [Fact]
    public void ALoneTatweelIsNoWord() => Assert.Empty(TranslationAnalyzer.Words("ـــ ، ."));

    [Fact]
    public void WordsSplitLikeTheDutchAnalyzerAndNormaliseEach() =>
        Assert.Equal(
            ["في", "babybootcamp", "يتحرك", "الاهل", "ويلعبون", "مع", "طفلهم", "10", "اماكن"],
            TranslationAnalyzer.Words("في Babybootcamp يتحرّك الأهل ويلعبون مع طفلهم! (10 أماكن)"));

    [Fact]
    public void ThePlanMatchesTheLastWordAsAPrefixAndEveryWordOnce()
    {
        var plan = TranslatedPlan.From("Bebek BEBEK oyun", maxWords: 8, minPrefixLength: 3);
        Assert.Equal([new TranslatedWord("bebek", false), new TranslatedWord("oyun", true)], plan.Words);
        Assert.True(plan.Matches("OYUNLAR"));
        Assert.True(plan.Matches("Bebek"));
        Assert.False(plan.Matches("Bebeğinizle"));

        // Shorter than the minimum: whole words only.
        Assert.Equal([new TranslatedWord("ab", false)], TranslatedPlan.From("ab", 8, 3).Words);
        Assert.Equal(2, TranslatedPlan.From("a b c d", 2, 3).Words.Count);
        Assert.True(TranslatedPlan.From("  ", 8, 3).IsEmpty);
    }
}
