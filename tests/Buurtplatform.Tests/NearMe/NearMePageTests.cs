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
    public async Task TheAgendaWithAPostcodeListsNearestFirstAndKeepsItsFilters(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        site.Settings["Logging:LogLevel:Default"] = "Trace";
        var client = site.CreateClient();
        Assert.True(new PostcodeCentres().TryGetCentre(8014, out var origin));
        var activities = await site.WithDbAsync(db => db.PublicActivities().ToListAsync());

        var response = await client.GetAsync("/agenda?leeftijd=2&postcode=8014%20MD");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var doc = await client.GetDocumentAsync("/agenda?leeftijd=2&postcode=8014%20MD");
        var items = doc.QuerySelectorAll("ol.nearby > li").Select(li => (Href: li.QuerySelector("h3 a")!.GetAttribute("href")!, Distance: li.QuerySelector(".distance").Text())).ToList();
        Assert.True(items.Count > 5);
        Assert.Equal(items.Count, items.Select(i => i.Href).Distinct().Count());
        var meters = items.Select(i => activities.Single(a => Links.Activity(a) == i.Href).MeetingPlace)
            .Select(p => origin.DistanceMetersTo(new GeoPoint(p.Latitude, p.Longitude))).ToList();
        Assert.Equal(meters.Order(), meters);
        Assert.StartsWith("/zwolle/", items[0].Href);
        Assert.All(items, i => Assert.Matches(@"^ongeveer \d+(,\d)? (meter|kilometer)$", i.Distance));
        Assert.All(items, i => Assert.True(activities.Single(a => Links.Activity(a) == i.Href).SuitsAge(24, 35), i.Href));
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
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }
}
