using Buurtplatform.Web.Search;

namespace Buurtplatform.Tests.Search;

public sealed class DutchStemmerTests
{
    // The contract: the same stems as Snowball's C code, which PostgreSQL's `dutch`
    // configuration runs, so search behaves the same on SQLite and PostgreSQL.
    [Fact]
    public void StemsEveryVocabularyWordExactlyLikeSnowball()
    {
        // Snowball's Dutch vocabulary has 45,670 words; a truncated copy would let this test pass on far less.
        Assert.Equal(45_670, SnowballVocabulary.All.Count);
        var mismatches = new List<string>();
        var count = 0;
        foreach (var (word, expected) in SnowballVocabulary.All)
        {
            var actual = DutchStemmer.Stem(word);
            if (actual == expected)
                continue;
            if (mismatches.Count < 20)
                mismatches.Add($"{word} → {actual} (expected {expected})");
            count++;
        }

        Assert.True(count == 0, $"{count} of {SnowballVocabulary.All.Count} words stem differently, first {mismatches.Count}:\n" + string.Join('\n', mismatches));
    }

    [Theory]
    [InlineData("peuter", "peuter")]
    [InlineData("peuters", "peuter")]
    [InlineData("kinderen", "kinder")]
    [InlineData("geheimen", "geheim")] // -en after a consonant goes
    [InlineData("gemen", "gemen")] // ...but not after "gem"
    [InlineData("bakken", "bak")] // kk, dd and tt are undoubled
    [InlineData("zwemmen", "zwemm")] // other doubled consonants are not
    [InlineData("maan", "man")] // double vowel undoubled, so it meets "manen"
    [InlineData("manen", "man")]
    [InlineData("vrijheden", "vrijheid")]
    [InlineData("opvoeding", "opvoed")]
    [InlineData("eetbare", "eetbar")]
    [InlineData("lieflijke", "lieflijk")]
    [InlineData("mooie", "mooi")] // i between vowels is a consonant while stemming, lower-case after
    [InlineData("royaal", "royal")]
    [InlineData("cafe", "caf")]
    [InlineData("café", "caf")] // the prelude removes é itself
    [InlineData("", "")]
    public void StemsTypicalWords(string word, string expected) => Assert.Equal(expected, DutchStemmer.Stem(word));

    // The original Snowball Dutch stemmer knows no verb morphology beyond suffixes: it leaves
    // the ge- of a past participle and the vowel change of a strong verb alone. "zingen",
    // "zingt" and "gezongen" give three different stems, so a search for one does not find
    // the others. Kraaij-Pohlmann (Snowball 3's new `dutch`) removes ge-, but PostgreSQL's
    // `dutch` configuration does not, and we must match it.
    [Theory]
    [InlineData("zingen", "zing")]
    [InlineData("zingt", "zingt")]
    [InlineData("gezongen", "gezong")]
    public void LeavesVerbFormsApart(string word, string expected) => Assert.Equal(expected, DutchStemmer.Stem(word));

    // Words longer than the stack buffer take the pooled-array path.
    [Fact]
    public void StemsWordsLongerThanTheStackBuffer() =>
        Assert.Equal(
            "kinderopvangtoeslagaanvraagformulierinvulhulpvrijwilligerscoordinator",
            DutchStemmer.Stem("kinderopvangtoeslagaanvraagformulierinvulhulpvrijwilligerscoördinatoren"));
}
