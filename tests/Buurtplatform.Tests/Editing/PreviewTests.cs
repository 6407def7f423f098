using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Editing;

/// <summary>A draft as parents would see it: for staff, and through a signed, expiring, read-only link for someone without an account.</summary>
public sealed class PreviewTests
{
    [Fact]
    public async Task StaffSeeADraftInThePublicPageMarkedAsVoorbeeldAndNeverCached()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Babybootcamp (nieuw)"), new("Input.Capacity", "14")]);

        var response = await client.GetAsync($"{EditingPaths.Preview(NodeKind.Activity, id)}?versie=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var doc = await response.ParseAsync();
        Assert.Equal("Babybootcamp (nieuw)", doc.QuerySelector("main h1").Text());
        Assert.Contains("14 plekken", doc.MainText());
        Assert.StartsWith("Voorbeeld", doc.QuerySelector(".preview-banner").Text());
        Assert.Equal("noindex, nofollow", doc.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.StartsWith("[Voorbeeld]", doc.Title);
        Assert.Equal("Den Haag", doc.QuerySelectorAll(".breadcrumbs a")[1].Text()); // the public layout, breadcrumbs and all

        // Version 1 is what parents see now; the live page is unchanged.
        Assert.Equal("Babybootcamp", (await client.GetDocumentAsync($"{EditingPaths.Preview(NodeKind.Activity, id)}?versie=1")).QuerySelector("main h1").Text());
        Assert.Equal("Babybootcamp", (await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).QuerySelector("h1").Text());
    }

    [Fact]
    public async Task EveryNodeTypePreviewsInItsOwnPublicPage()
    {
        using var site = new SiteFactory();
        var admin = await site.AdministratorAsync();
        var client = await site.SignedInClientAsync(admin);
        var wijk = await site.WijkIdAsync("schilderswijk");
        var vision = await site.VisionIdAsync("schilderswijk");
        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");
        var partner = await site.WithDbAsync(db => db.Partners.Where(p => p.Slug == "cjg" && p.Wijk.Slug == "schilderswijk").Select(p => p.Id).SingleAsync());
        var gemeente = await site.WithDbAsync(db => db.Gemeenten.Where(g => g.Slug == "den-haag").Select(g => g.Id).SingleAsync());

        await client.SaveAsync(EditingPaths.Edit(NodeKind.Wijk, wijk), [new("Input.Summary", "Nieuwe samenvatting van de wijk.")]);
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Vision, vision), [new("Input.Title", "Visie in wording")]);
        await client.SaveAsync(EditingPaths.Edit(NodeKind.MeetingPlace, place), [new("Input.Name", "Clubhuis De Schilders")]);
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Partner, partner), [new("Input.Role", "Jeugdverpleegkundigen in de wijk.")]);
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Gemeente, gemeente), [new("Input.Summary", "De stad aan zee.")]);

        Assert.Contains("Nieuwe samenvatting van de wijk.", (await client.GetDocumentAsync(EditingPaths.Preview(NodeKind.Wijk, wijk))).MainText());
        Assert.Equal("Visie in wording", (await client.GetDocumentAsync(EditingPaths.Preview(NodeKind.Vision, vision))).QuerySelector("main h1").Text());
        Assert.Equal("Clubhuis De Schilders", (await client.GetDocumentAsync(EditingPaths.Preview(NodeKind.MeetingPlace, place))).QuerySelector("main h1").Text());
        var partnerPreview = await client.GetDocumentAsync(EditingPaths.Preview(NodeKind.Partner, partner));
        Assert.Equal("Schilderswijk", partnerPreview.QuerySelector("main h1").Text()); // a partner is shown on its wijk's page
        Assert.Contains("Jeugdverpleegkundigen in de wijk.", partnerPreview.QuerySelector("#partners ~ ul, .partners").Text());
        Assert.Contains("De stad aan zee.", (await client.GetDocumentAsync(EditingPaths.Preview(NodeKind.Gemeente, gemeente))).MainText());
    }

    private static async Task<string> ShareAsync(HttpClient client, NodeKind kind, int id, int version)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await client.NodeActionAsync(kind, id, "Share", ("Versie", Editors.S(version)))).StatusCode);
        var link = (await client.GetDocumentAsync(EditingPaths.Node(kind, id))).GetElementById("gedeelde-link")!.GetAttribute("value")!;
        return new Uri(link).PathAndQuery;
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ASharedPreviewLinkWorksWithoutAnAccountReadOnlySignedAndExpiring(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Babybootcamp, concept voor ouders")]);
        var link = await ShareAsync(client, NodeKind.Activity, id, 2);
        Assert.StartsWith("/voorbeeld/", link);

        var anonymous = site.CreateClient();
        var response = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("noindex, nofollow", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var doc = await response.ParseAsync();
        Assert.Equal("Babybootcamp, concept voor ouders", doc.QuerySelector("main h1").Text());
        Assert.StartsWith("Voorbeeld", doc.QuerySelector(".preview-banner").Text());
        Assert.Null(doc.QuerySelector(".preview-banner a")); // no way into the backoffice
        Assert.Empty(doc.QuerySelectorAll("form[method=post]")); // read-only
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link)).StatusCode); // not used up

        // Tampered: another version number, or a changed signature, is just an unknown address.
        var parts = link["/voorbeeld/".Length..].Split('.');
        var otherVersion = $"/voorbeeld/{int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) - 1}.{parts[1]}.{parts[2]}.{parts[3]}";
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(otherVersion)).StatusCode);
        var later = $"/voorbeeld/{parts[0]}.{parts[1]}.{long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + 86400}.{parts[3]}";
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(later)).StatusCode);
        var signature = parts[3][..^1] + (parts[3][^1] == 'A' ? 'B' : 'A');
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/voorbeeld/{parts[0]}.{parts[1]}.{parts[2]}.{signature}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/voorbeeld/onzin")).StatusCode);

        // Expired after 7 days: a kind word, 410.
        site.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        var expired = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("verlopen", (await expired.ParseAsync()).MainText());
    }

    [Fact]
    public async Task ASharedLinkStopsWhenRevokedWhenANewerVersionIsSavedAndWhenItIsPublished()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.VisionIdAsync("schilderswijk");
        var anonymous = site.CreateClient();
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Vision, id), [new("Input.Title", "Concept 1")]);

        var revoked = await ShareAsync(client, NodeKind.Vision, id, 2);
        Assert.Equal(HttpStatusCode.Redirect, (await client.NodeActionAsync(NodeKind.Vision, id, "Revoke", ("Versie", "2"))).StatusCode);
        var gone = await anonymous.GetAsync(revoked);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("ingetrokken", (await gone.ParseAsync()).MainText());
        var fresh = await ShareAsync(client, NodeKind.Vision, id, 2);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(fresh)).StatusCode);

        await client.SaveAsync(EditingPaths.Edit(NodeKind.Vision, id), [new("Input.Title", "Concept 2")]);
        Assert.Contains("nieuwere versie", (await (await anonymous.GetAsync(fresh)).ParseAsync()).MainText());

        var third = await ShareAsync(client, NodeKind.Vision, id, 3);
        await client.PublishNewestAsync(site, NodeKind.Vision, id);
        var published = await anonymous.GetAsync(third);
        Assert.Equal(HttpStatusCode.Gone, published.StatusCode);
        Assert.Contains("staat inmiddels online", (await published.ParseAsync()).MainText());

        // A live version has no draft to share.
        Assert.Equal(HttpStatusCode.Redirect, (await client.NodeActionAsync(NodeKind.Vision, id, "Share", ("Versie", "3"))).StatusCode);
        Assert.Contains("geen concept", await client.FlashAsync(NodeKind.Vision, id));

        // Rolling back makes a new draft, which replaces the one a link showed.
        Assert.Equal(HttpStatusCode.Redirect, (await client.NodeActionAsync(NodeKind.Vision, id, "Rollback", ("Versie", "2"))).StatusCode);
        var draft4 = await ShareAsync(client, NodeKind.Vision, id, 4);
        Assert.Equal("Concept 1", (await anonymous.GetDocumentAsync(draft4)).QuerySelector("main h1").Text());
        Assert.Equal(HttpStatusCode.Redirect, (await client.NodeActionAsync(NodeKind.Vision, id, "Rollback", ("Versie", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync(draft4)).StatusCode);
    }
}
