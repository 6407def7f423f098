using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web;
using Buurtplatform.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Buurtplatform.Tests.Pages;

/// <summary>Counted texts in the right grammatical number: never "1 activiteiten".</summary>
public sealed partial class PluralsTests
{
    [Theory]
    [InlineData("nl", new[] { 0L, 1, 2, 5, 21, 101 }, new[] { "other", "one", "other", "other", "other", "other" })]
    [InlineData("tr", new[] { 0L, 1, 2 }, new[] { "other", "one", "other" })]
    [InlineData("ar", new[] { 0L, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111 }, new[] { "zero", "one", "two", "few", "few", "many", "many", "other", "other", "few", "many" })]
    [InlineData("pl", new[] { 1L, 2, 4, 5, 12, 14, 21, 22, 25, 112, 122 }, new[] { "one", "few", "few", "many", "many", "many", "many", "few", "many", "many", "few" })]
    [InlineData("uk", new[] { 1L, 2, 5, 11, 12, 21, 22, 25, 111 }, new[] { "one", "few", "many", "many", "many", "one", "few", "many", "many" })]
    public void CategoriesFollowTheCldrRules(string language, long[] counts, string[] expected) =>
        Assert.Equal(expected, counts.Select(n => Plurals.Category(new CultureInfo(language), n)));

    [Fact]
    public async Task TheDutchTextsSayOneActivityAndTwoActivities()
    {
        using var site = new SiteFactory();
        await using var scope = site.Scope();
        var t = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("nl-NL");
        try
        {
            Assert.Equal("1 activiteit", t.Plural("Count.Activities", 1).Value);
            Assert.Equal("2 activiteiten", t.Plural("Count.Activities", 2).Value);
            Assert.Equal("0 activiteiten", t.Plural("Count.Activities", 0).Value);
            Assert.Equal("1 veld is anders.", t.Plural("Compare.Changed", 1).Value);
            Assert.Equal("Goedkeuren (1 wacht)", t.Plural("Overview.Approval", 1).Value);
            Assert.Equal("1 resultaat voor ‘zingen’", t.Plural("Search.ResultsFor", 1, "zingen").Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    // A counted text without its "other" form would show the key itself for most counts.
    [Fact]
    public void EveryCountedTextHasItsOtherForm()
    {
        var file = Path.Combine(TestEnvironment.RepoRoot, "src", "Buurtplatform.Web", "Resources", "SharedResource.resx");
        var names = XDocument.Load(file).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        string[] categories = [".zero", ".one", ".two", ".few", ".many"];
        var counted = names.Where(n => categories.Any(c => n.EndsWith(c, StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(counted);
        var missing = counted.Select(n => n[..n.LastIndexOf('.')]).Where(stem => !names.Contains(stem + ".other")).Distinct().ToList();
        Assert.True(missing.Count == 0, "Counted texts without an .other form: " + string.Join(", ", missing));
    }

    // "ouder(s)", "nieuw(e) idee(ën)", "aanmelding(en)": a text that hedges its number should be a counted text (T.Plural).
    [Fact]
    public void NoTextHedgesItsNumberWithBracketedEndings()
    {
        var file = Path.Combine(TestEnvironment.RepoRoot, "src", "Buurtplatform.Web", "Resources", "SharedResource.resx");
        var hedged = XDocument.Load(file).Root!.Elements("data")
            .Where(d => HedgedEnding().IsMatch((string?)d.Element("value") ?? ""))
            .Select(d => (string)d.Attribute("name")!).ToList();
        Assert.True(hedged.Count == 0, "Texts with (s), (e), (en) or (ën) instead of T.Plural: " + string.Join(", ", hedged));
    }

    [GeneratedRegex(@"\p{L}\((?:s|e|en|ën|n)\)")]
    private static partial Regex HedgedEnding();
}
