using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.Media;
using Buurtplatform.Web.Media;

namespace Buurtplatform.Tests.Sharing;

/// <summary>Link previews (Open Graph, Twitter cards), the WhatsApp link, the web app manifest and the pictograms.</summary>
public sealed class SharingTests
{
    private static string? Meta(IDocument doc, string name) =>
        (doc.QuerySelector($"meta[property='{name}']") ?? doc.QuerySelector($"meta[name='{name}']"))?.GetAttribute("content");

    [Theory]
    [InlineData("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters", "Taalplezier voor peuters")]
    [InlineData("/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen", "Peuterlokaal van 2Samen")]
    [InlineData("/den-haag/schilderswijk", "Schilderswijk")]
    [InlineData("/agenda?wijk=den-haag/schilderswijk", "Agenda")]
    public async Task PublicPagesCarryALinkPreviewWithTheirTitleDescriptionAndAbsoluteAddress(string url, string title)
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync(url);

        Assert.Equal(title, Meta(doc, "og:title"));
        Assert.Equal(doc.QuerySelector("meta[name=description]")!.GetAttribute("content"), Meta(doc, "og:description"));
        Assert.False(string.IsNullOrWhiteSpace(Meta(doc, "og:description")));
        Assert.Equal("http://localhost:5080" + url, Meta(doc, "og:url"));
        Assert.Equal("website", Meta(doc, "og:type"));
        Assert.Equal("nl_NL", Meta(doc, "og:locale"));
        // No photo on the seed content: a small card, and no image tag pointing nowhere.
        Assert.Equal("summary", Meta(doc, "twitter:card"));
        Assert.Null(Meta(doc, "og:image"));
    }

    [Fact]
    public async Task APhotoBecomesTheLargePreviewImageAbsoluteAt1200PixelsWideWithItsSizeAndAltText()
    {
        PhotoFixtures.RequireVips();
        using var site = MediaTestSite.Create();
        var added = await site.AddAsync(PhotoFixtures.Jpeg(2400, 1800), MediaTestSite.Details("Peuters zingen in een kring"));
        Assert.True(added.Succeeded, $"{added.Problem} {added.Detail}");
        var page = await site.PlaceOnActivityAsync(added.Item!);
        var client = site.CreateClient();
        var doc = await client.GetDocumentAsync(page);

        Assert.Equal("summary_large_image", Meta(doc, "twitter:card"));
        var image = Meta(doc, "og:image")!;
        Assert.StartsWith("http://localhost:5080/media/", image);
        Assert.Equal(("1280", "720"), (Meta(doc, "og:image:width"), Meta(doc, "og:image:height")));
        Assert.Equal("Peuters zingen in een kring", Meta(doc, "og:image:alt"));
        // The address really serves that JPEG at that size.
        var header = ImageHeaderReader.Read(await client.GetByteArrayAsync(new Uri(image).PathAndQuery, TestContext.Current.CancellationToken))!.Value;
        Assert.Equal((ImageFormat.Jpeg, 1280, 720), (header.Format, header.Width, header.Height));
    }

    [Fact]
    public async Task BackofficeAndFormPagesHaveNoLinkPreview()
    {
        using var site = new SiteFactory();
        // https, as the site is served: the sign-in form's antiforgery cookie is Secure-only.
        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        foreach (var url in new[] { "/backoffice/inloggen", "/privacy" })
        {
            var doc = await client.GetDocumentAsync(url);
            Assert.Null(Meta(doc, "og:title"));
        }
    }

    [Fact]
    public async Task TheWhatsAppLinkCarriesTheTitleAndAbsoluteAddressAndTheShareMenuIsOnlyOfferedByScript()
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters");

        var whatsApp = doc.QuerySelectorAll(".share a").Single(a => a.Text().Trim() == "Deel via WhatsApp").GetAttribute("href")!;
        var uri = new Uri(whatsApp);
        Assert.Equal("wa.me", uri.Host);
        Assert.Equal("Taalplezier voor peuters http://localhost:5080/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters",
            Uri.UnescapeDataString(uri.Query["?text=".Length..]));
        // Without script the phone's share menu cannot open: its button starts hidden and share.js shows it.
        Assert.True(doc.QuerySelector("[data-share-item]")!.HasAttribute("hidden"));
        Assert.NotNull(doc.QuerySelector("script[src^='/js/share.js']"));
    }

    [Fact]
    public async Task TheManifestNamesTheSiteAndItsIconsExistAtTheirSizes()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var home = await client.GetDocumentAsync("/");
        var manifestUrl = home.QuerySelector("link[rel=manifest]")!.GetAttribute("href")!;
        Assert.NotNull(home.QuerySelector("link[rel=apple-touch-icon]"));

        var response = await client.GetAsync(manifestUrl, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Buurtplatform", manifest.RootElement.GetProperty("short_name").GetString());
        Assert.Equal("/", manifest.RootElement.GetProperty("start_url").GetString());
        Assert.Equal("nl", manifest.RootElement.GetProperty("lang").GetString());

        foreach (var icon in manifest.RootElement.GetProperty("icons").EnumerateArray())
        {
            var bytes = await client.GetByteArrayAsync(icon.GetProperty("src").GetString(), TestContext.Current.CancellationToken);
            if (icon.GetProperty("type").GetString() != "image/png")
                continue;
            var size = int.Parse(icon.GetProperty("sizes").GetString()!.Split('x')[0], System.Globalization.CultureInfo.InvariantCulture);
            var header = ImageHeaderReader.Read(bytes)!.Value;
            Assert.Equal((ImageFormat.Png, size, size), (header.Format, header.Width, header.Height));
        }
    }

    [Fact]
    public async Task EveryActivityTypeHasItsPictogramAlwaysBesideItsWord()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        foreach (var type in Buurtplatform.Web.Activities.ActivityTypes.All)
        {
            var response = await client.GetAsync($"/img/types/{Buurtplatform.Web.Activities.ActivityTypes.ToSlug(type)}.svg", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        }

        foreach (var url in new[] { "/den-haag/schilderswijk", "/agenda", "/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters", "/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen" })
        {
            var doc = await client.GetDocumentAsync(url);
            var types = doc.QuerySelectorAll("main .type");
            Assert.NotEmpty(types);
            Assert.All(types, t =>
            {
                var icon = t.QuerySelector("img.type-icon")!;
                Assert.Equal("", icon.GetAttribute("alt")); // decorative: the word beside it is what is read
                Assert.Matches(@"^/img/types/[a-z-]+\.svg\?v=", icon.GetAttribute("src")!);
                Assert.False(string.IsNullOrWhiteSpace(t.Text()), $"{url}: a pictogram without its word");
            });
        }
    }
}
