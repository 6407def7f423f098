using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.NearMe;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.NearMe;

/// <summary>"Near me" in the agenda, the map's place in the page and its CSP, the postcode data's credit.</summary>
public sealed class NearMePageTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheAgendaWithAPostcodeListsOnlyWhatIsNearAndKeepsItsFilters(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        site.Settings["Logging:LogLevel:Default"] = "Trace";
        var client = site.CreateClient();
        Assert.True(new PostcodeCentres().TryGetCentre(8014, out var origin));
        var activities = await site.WithDbAsync(db => db.PublicActivities().ToListAsync());

        // "8014 MD" is read as 8014 (the street part is dropped from the address), within the default 2 km.
        var response = await client.GetAsync("/agenda?leeftijd=2&postcode=8014%20MD");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("/agenda?leeftijd=2&postcode=8014&afstand=2", response.RequestMessage!.RequestUri!.PathAndQuery);
        var doc = await client.GetDocumentAsync("/agenda?leeftijd=2&postcode=8014%20MD");
        var items = doc.QuerySelectorAll("ul.occurrences > li").Select(li => (Href: li.QuerySelector("a")!.GetAttribute("href")!, Distance: li.QuerySelector(".distance").Text())).ToList();
        Assert.NotEmpty(items);
        var places = items.Select(i => activities.Single(a => Links.Activity(a) == i.Href)).ToList();
        Assert.All(places, a => Assert.True(origin.DistanceMetersTo(new GeoPoint(a.MeetingPlace.Latitude, a.MeetingPlace.Longitude)) <= 2000, a.Title));
        Assert.All(items, i => Assert.StartsWith("/zwolle/", i.Href));
        Assert.All(items, i => Assert.Matches(@"^(\d00 m|\d+(,\d)? km)$", i.Distance));
        Assert.All(places, a => Assert.True(a.SuitsAge(24, 35), a.Title));
        Assert.Equal("8014", doc.QuerySelector("#postcode")!.GetAttribute("value"));

        // An unknown postcode: a kind word, and the ordinary agenda.
        doc = await client.GetDocumentAsync("/agenda?postcode=0000");
        Assert.Contains("Dit is geen postcode die we kennen", doc.QuerySelector(".notice").Text());
        Assert.NotEmpty(doc.QuerySelectorAll("ul.occurrences li"));
        Assert.DoesNotContain("8014", site.Logs.AllText);
    }

    [Fact]
    public async Task OnlyPagesWithAMapAllowTheTileServerAndTheMapWaitsToBeAskedFor()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();

        var search = await client.GetAsync("/zoeken?q=spelinloop");
        var csp = search.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("img-src 'self' data: https://tile.openstreetmap.org;", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("style-src 'self';", csp);
        var home = await client.GetAsync("/");
        Assert.DoesNotContain("openstreetmap", home.Headers.GetValues("Content-Security-Policy").Single());

        var doc = await client.GetDocumentAsync("/zoeken?q=spelinloop");
        var block = doc.QuerySelector("[data-map]")!;
        Assert.True(block.HasAttribute("hidden")); // map.js shows it; without JavaScript the list is the map
        Assert.Equal("https://tile.openstreetmap.org/{z}/{x}/{y}.png", block.GetAttribute("data-tiles"));
        Assert.Equal("Toon op kaart", block.QuerySelector("button").Text());
        // Nothing of Leaflet or the tiles is loaded until the parent asks.
        Assert.Empty(doc.QuerySelectorAll("script[src*=leaflet], link[href*=leaflet], img[src*=openstreetmap]"));
        Assert.NotEmpty(doc.QuerySelectorAll("ol.results a[data-lat][href^='https://www.openstreetmap.org/']"));
    }

    [Fact]
    public async Task TheTileServerIsConfigurableAndCheckedOnStart()
    {
        using (var site = new SiteFactory())
        {
            site.Settings["Map:TileUrlTemplate"] = "https://{s}.tiles.example.org/{z}/{x}/{y}.png";
            var response = await site.CreateClient().GetAsync("/zoeken?q=spelinloop");
            Assert.Contains("img-src 'self' data: https://*.tiles.example.org;", response.Headers.GetValues("Content-Security-Policy").Single());
        }

        using (var site = new SiteFactory())
        {
            site.Settings["Map:TileUrlTemplate"] = "http://tiles.example.org/{z}/{x}/{y}.png; script-src *";
            var error = Assert.ThrowsAny<Exception>(() => site.CreateClient());
            Assert.Contains("TileUrlTemplate", error.ToString());
        }
    }

    [Fact]
    public async Task EveryPageHasASearchBoxAndCreditsThePostcodeData()
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk");
        var form = doc.QuerySelector("header form[role=search]")!;
        Assert.Equal("/zoeken", form.GetAttribute("action"));
        Assert.Equal("q", form.QuerySelector("input[type=search]")!.GetAttribute("name"));
        var footer = doc.QuerySelector("footer").Text();
        Assert.Contains("GeoNames (geonames.org)", footer);
        Assert.Contains("CC BY 4.0", footer);
    }

    [Fact]
    public async Task ThePhoneGetsThePostcodeCentresToFindItsOwnPostcode()
    {
        using var site = new SiteFactory();
        var json = await site.CreateClient().GetStringAsync("/postcodes.json");
        var centres = System.Text.Json.JsonSerializer.Deserialize<double[][]>(json)!;
        Assert.Equal(new PostcodeCentres().Count, centres.Length);
        Assert.Contains(centres, c => c[0] == 2525);
    }

    [Fact]
    public void DistancesReadAsDutchWords()
    {
        var t = new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
            Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions { ResourcesPath = "Resources" }),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).Create(typeof(Web.SharedResource));
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("nl-NL");
        try
        {
            Assert.Equal("ongeveer 600 meter", DistanceText.Format(t, ApproximateDistance.From(640)));
            Assert.Equal("ongeveer 2,4 kilometer", DistanceText.Format(t, ApproximateDistance.From(2420)));
            // In a list, where every line has one: the same rounding, short.
            Assert.Equal("600 m", DistanceText.Brief(t, ApproximateDistance.From(640)));
            Assert.Equal("1,2 km", DistanceText.Brief(t, ApproximateDistance.From(1180)));
            Assert.Equal("12 km", DistanceText.Brief(t, ApproximateDistance.From(11_600)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }
}
