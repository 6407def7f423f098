using System.Net;
using System.Text.Json.Nodes;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.DeliveryApi;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.DeliveryApi;

/// <summary>
/// The Delivery API in the parent's language, as Umbraco's: <c>cultures</c> lists the languages an item is published in
/// with the address of its page there, and <c>Accept-Language</c> gives the item's texts in that language (Dutch where the
/// translation lacks a field, and for a language the content has not).
/// </summary>
public sealed class DeliveryApiCultureTests
{
    private const string Api = "/umbraco/delivery/api/v2";
    private const string Koffie = "den-haag/schilderswijk/activiteiten/koffieochtend";

    private static async Task<(HttpResponseMessage Response, JsonNode Json)> GetAsync(HttpClient client, string path, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Api + path);
        if (language is not null)
            request.Headers.TryAddWithoutValidation("Accept-Language", language);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnItemInArabicHasItsTranslatedTextsAndDutchWhereTheTranslationLacksAField(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var (activity, place) = await site.WithDbAsync(async db =>
        {
            var a = await db.Activities.AsNoTracking().Include(x => x.MeetingPlace).SingleAsync(x => x.Slug == "koffieochtend" && x.Wijk.Slug == "schilderswijk");
            return (a, a.MeetingPlace);
        });
        var ar = await site.WithDbAsync(db => db.ContentTranslations.AsNoTracking().SingleAsync(t => t.NodeKey == activity.Key && t.Culture == "ar"));
        var placeAr = await site.WithDbAsync(db => db.ContentTranslations.AsNoTracking().SingleAsync(t => t.NodeKey == place.Key && t.Culture == "ar"));
        // The summary is not translated.
        await site.WithDbAsync(async db =>
        {
            var row = await db.ContentTranslations.SingleAsync(t => t.Id == ar.Id);
            row.Fields = row.Fields.Where(f => f.Key != "summary").ToDictionary(StringComparer.Ordinal);
            await db.SaveChangesAsync();
        });
        var client = site.CreateClient();

        var (dutchResponse, dutch) = await GetAsync(client, "/content/item/" + Koffie + "?expand=properties[place]");
        var (response, item) = await GetAsync(client, "/content/item/" + Koffie + "?expand=properties[place]", "ar-MA, en;q=0.8");

        Assert.Equal("nl", Assert.Single(dutchResponse.Content.Headers.ContentLanguage));
        Assert.Equal("ar", Assert.Single(response.Content.Headers.ContentLanguage));
        Assert.Equal((activity.Title, ar.Fields["title"]), ((string)dutch["name"]!, (string)item["name"]!));
        Assert.Equal(activity.Summary, (string)item["properties"]!["summary"]!);
        var bodyStart = ar.Fields["body"].Trim()[..15];
        Assert.Contains(bodyStart, (string)item["properties"]!["body"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(bodyStart, (string)dutch["properties"]!["body"]!, StringComparison.Ordinal);
        // The same address and properties otherwise; the expanded place is in Arabic too (its name stays Dutch).
        Assert.Equal(dutch["route"]!.ToJsonString(), item["route"]!.ToJsonString());
        Assert.Equal(dutch["properties"]!["nextDates"]!.ToJsonString(), item["properties"]!["nextDates"]!.ToJsonString());
        var expanded = item["properties"]!["place"]!;
        Assert.Equal((place.Name, placeAr.Fields["summary"]), ((string)expanded["name"]!, (string)expanded["properties"]!["summary"]!));
        Assert.Equal(place.Summary, (string)dutch["properties"]!["place"]!["properties"]!["summary"]!);

        // cultures: the same in every language, each language's page.
        Assert.Equal(dutch["cultures"]!.ToJsonString(), item["cultures"]!.ToJsonString());
        var cultures = item["cultures"]!.AsObject();
        Assert.Equal(["nl", "en", "ar", "tr"], cultures.Select(c => c.Key));
        Assert.Equal(("/" + Koffie, "/en/" + Koffie, "den-haag"),
            ((string)cultures["nl"]!["path"]!, (string)cultures["en"]!["path"]!, (string)cultures["ar"]!["startItem"]!["path"]!));

        // The Arabic page the API points at shows the Arabic title.
        var page = await client.GetDocumentAsync((string)cultures["ar"]!["path"]!);
        Assert.Equal(ar.Fields["title"], page.QuerySelector("main h1").Text());
    }

    [Fact]
    public async Task AQueryInArabicFiltersAndSortsOnTheArabicNamesAndAnUntranslatedItemStaysDutchWithoutCultures()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var vision = await site.WithDbAsync(db => db.Visions.AsNoTracking().SingleAsync(v => v.Wijk.Slug == "schilderswijk"));
        var visionAr = await site.WithDbAsync(db => db.ContentTranslations.AsNoTracking().SingleAsync(t => t.NodeKey == vision.Key && t.Culture == "ar"));
        var (_, sections) = Buurtplatform.Web.Vision.VisionMarkdown.Split(visionAr.Fields["body"]);

        var (_, item) = await GetAsync(client, "/content/item/den-haag/schilderswijk/visie", "ar");
        Assert.Equal(visionAr.Fields["title"], (string)item["name"]!);
        Assert.Equal(sections.Select(s => s.Heading), item["properties"]!["sections"]!.AsArray().Select(s => (string)s!["heading"]!));
        Assert.Equal(visionAr.Fields["writtenByParents"], (string)item["properties"]!["writtenByParents"]!);
        Assert.Equal(["nl", "ar"], item["cultures"]!.AsObject().Select(c => c.Key));

        // The query: filter name: matches the Arabic title.
        var word = visionAr.Fields["title"].Split(' ')[0].TrimEnd(':');
        var (_, found) = await GetAsync(client, "/content?filter=contentType:visie&filter=name:" + Uri.EscapeDataString(word), "ar");
        Assert.Equal(vision.Key.ToString(), (string)Assert.Single(found["items"]!.AsArray())!["id"]!);
        var (_, none) = await GetAsync(client, "/content?filter=contentType:visie&filter=name:" + Uri.EscapeDataString(word));
        Assert.Equal(0, (int)none["total"]!);

        // Moerwijk has no translations: Dutch whatever is asked, and cultures {} (invariant).
        var (_, moerwijk) = await GetAsync(client, "/content/item/den-haag/moerwijk/visie");
        var (response, moerwijkAr) = await GetAsync(client, "/content/item/den-haag/moerwijk/visie", "ar");
        Assert.Equal(moerwijk.ToJsonString(), moerwijkAr.ToJsonString());
        Assert.Empty(moerwijkAr["cultures"]!.AsObject());
        Assert.Equal("ar", Assert.Single(response.Content.Headers.ContentLanguage));
    }

    [Theory]
    [InlineData(null, "nl")]
    [InlineData("", "nl")]
    [InlineData("ar", "ar")]
    [InlineData("en-GB,en;q=0.9", "en")]
    [InlineData("fr-FR, tr;q=0.5, ar;q=0.7", "ar")]
    [InlineData("nl-BE, ar", "nl")]
    [InlineData("de, fr", "nl")]
    [InlineData("ar;q=0, uk", "uk")]
    [InlineData("*", "nl")]
    public void AcceptLanguagePicksTheBestLanguageTheContentHas(string? header, string culture) =>
        Assert.Equal(culture, DeliveryReader.Culture(header));

    [Fact]
    public async Task TheCacheKeepsLanguagesApart()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var ar = await site.WithDbAsync(db => db.ContentTranslations.AsNoTracking()
            .SingleAsync(t => t.Culture == "ar" && db.Activities.Any(a => a.Key == t.NodeKey && a.Slug == "koffieochtend" && a.Wijk.Slug == "schilderswijk")));
        for (var i = 0; i < 2; i++)
        {
            var (_, nl) = await GetAsync(client, "/content/item/" + Koffie);
            var (_, arabic) = await GetAsync(client, "/content/item/" + Koffie, "ar");
            Assert.Equal(("Koffieochtend voor ouders", ar.Fields["title"]), ((string)nl["name"]!, (string)arabic["name"]!));
        }
    }
}
