using System.Net;
using System.Text.Json.Nodes;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Editing;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.Media;
using Buurtplatform.Tests.SignUps;
using Buurtplatform.Web.Content;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.DeliveryApi;

/// <summary>
/// The Content Delivery API (issue 17, part 1) in the shape of Umbraco's v2 documentation: the item by key and by path,
/// several items, the query with fetch, filter, sort and paging, expand and fields; every error as problem+json; nothing
/// unpublished and nothing personal, also not through expand; preview only with the key; cached, evicted, rate-limited.
/// </summary>
public sealed class DeliveryApiTests
{
    private const string Api = "/umbraco/delivery/api/v2";
    private const string BootcampPath = "/den-haag/schilderswijk/activiteiten/babybootcamp";

    [Fact]
    public async Task AnItemByKeyHasUmbracosShapeAndOrderWithNextDatesInAmsterdamTimeAndItsPlaceShallow()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var key = await KeyAsync(site, "schilderswijk", "babybootcamp");
        var response = await client.GetAsync($"{Api}/content/item/{key}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nl", Assert.Single(response.Content.Headers.ContentLanguage));
        var item = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();

        // Umbraco's documented item: these members, in this order.
        Assert.Equal(["name", "createDate", "updateDate", "route", "id", "contentType", "properties", "cultures"], item.Select(p => p.Key));
        Assert.Equal(("Babybootcamp", "activiteit", key.ToString()), ((string)item["name"]!, (string)item["contentType"]!, (string)item["id"]!));
        Assert.Equal(BootcampPath, (string)item["route"]!["path"]!);
        Assert.Equal("den-haag", (string)item["route"]!["startItem"]!["path"]!);
        Assert.Equal(await GemeenteKeyAsync(site, "den-haag"), Guid.Parse((string)item["route"]!["startItem"]!["id"]!));
        // Translated into Arabic, English and Turkish (the seed): per language the address of its page there, Dutch first.
        var cultures = item["cultures"]!.AsObject();
        Assert.Equal(["nl", "en", "ar", "tr"], cultures.Select(c => c.Key));
        Assert.Equal((BootcampPath, "/ar" + BootcampPath), ((string)cultures["nl"]!["path"]!, (string)cultures["ar"]!["path"]!));

        var properties = item["properties"]!.AsObject();
        Assert.Equal("babybootcamp", (string)properties["activityType"]!);
        Assert.Equal((0, 12), ((int)properties["ageFromMonths"]!, (int)properties["ageToMonths"]!));
        Assert.Equal(["nl", "ar"], properties["languages"]!.AsArray().Select(l => (string)l!));
        Assert.True((bool)properties["cost"]!["free"]!);
        // Tuesday 24 November 2026, 13.30 in Amsterdam: the offset is written.
        var first = properties["nextDates"]!.AsArray()[0]!;
        Assert.Equal(("2026-11-24T13:30:00+01:00", "2026-11-24T15:00:00+01:00", "scheduled"), ((string)first["start"]!, (string)first["end"]!, (string)first["status"]!));
        var signUp = properties["signUp"]!;
        Assert.Equal((true, true, 10), ((bool)signUp["required"]!, (bool)signUp["open"]!, (int)signUp["placesLeft"]!));
        Assert.Equal(BootcampPath + "/aanmelden", (string)signUp["url"]!);
        // A reference without expand: the item's basics, no properties.
        var place = properties["place"]!.AsObject();
        Assert.Equal(("ontmoetingsplek", "Clubhuis in de Schilderswijk"), ((string)place["contentType"]!, (string)place["name"]!));
        Assert.Empty(place["properties"]!.AsObject());
        Assert.Equal(["name", "createDate", "updateDate", "route", "id", "contentType", "properties"], place.Select(p => p.Key));
    }

    [Fact]
    public async Task AnItemByPathIsTheSameAsByKeyAlsoBelowAStartItemAndSeveralByKeyComeInTheOrderAsked()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var key = await KeyAsync(site, "schilderswijk", "babybootcamp");
        var byKey = await client.GetStringAsync($"{Api}/content/item/{key}", TestContext.Current.CancellationToken);
        Assert.Equal(byKey, await client.GetStringAsync($"{Api}/content/item{BootcampPath}", TestContext.Current.CancellationToken));
        Assert.Equal(byKey, await client.GetStringAsync($"{Api}/content/item{BootcampPath}/", TestContext.Current.CancellationToken));

        using var relative = new HttpRequestMessage(HttpMethod.Get, $"{Api}/content/item/schilderswijk/activiteiten/babybootcamp");
        relative.Headers.Add("Start-Item", "den-haag");
        var response = await client.SendAsync(relative, TestContext.Current.CancellationToken);
        Assert.Equal(byKey, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // Below another start item the same item is not there.
        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, $"{Api}/content/item/{key}");
        elsewhere.Headers.Add("Start-Item", "zwolle");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(elsewhere, TestContext.Current.CancellationToken)).StatusCode);

        var wijk = await WijkKeyAsync(site, "schilderswijk");
        var items = JsonNode.Parse(await client.GetStringAsync($"{Api}/content/items?id={wijk}&id={key}&id={Guid.NewGuid()}", TestContext.Current.CancellationToken))!.AsArray();
        Assert.Equal(["Schilderswijk", "Babybootcamp"], items.Select(i => (string)i!["name"]!));
    }

    [Fact]
    public async Task TheQueryFetchesFiltersSortsAndPagesAsUmbracoDocumentsIt()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var activities = await site.WithDbAsync(db => db.Activities.Where(a => a.Wijk.Slug == "schilderswijk").OrderBy(a => a.Title).Select(a => a.Title).ToListAsync());

        var children = await GetAsync(client, "/content?fetch=children:den-haag/schilderswijk&filter=contentType:activiteit&sort=name:asc&take=100");
        Assert.Equal(activities.Count, (int)children["total"]!);
        Assert.Equal(activities, children["items"]!.AsArray().Select(i => (string)i!["name"]!));
        Assert.All(children["items"]!.AsArray(), i => Assert.Equal("activiteit", (string)i!["contentType"]!));

        // Paging: the default take is 10; skip and take cut the same order.
        var all = await GetAsync(client, "/content");
        Assert.Equal(10, all["items"]!.AsArray().Count);
        Assert.True((int)all["total"]! > 10);
        var page = await GetAsync(client, "/content?fetch=children:den-haag/schilderswijk&filter=contentType:activiteit&sort=name:desc&skip=1&take=2");
        Assert.Equal(activities.AsEnumerable().Reverse().Skip(1).Take(2), page["items"]!.AsArray().Select(i => (string)i!["name"]!));

        // Negation, name, dates, descendants and ancestors (by key and by path).
        var notActivities = await GetAsync(client, "/content?fetch=descendants:den-haag&filter=contentType:!activiteit&take=100");
        Assert.DoesNotContain(notActivities["items"]!.AsArray(), i => (string)i!["contentType"]! == "activiteit");
        Assert.Contains(notActivities["items"]!.AsArray(), i => (string)i!["contentType"]! == "visie");
        var named = await GetAsync(client, "/content?filter=name:bootcamp&take=100");
        Assert.All(named["items"]!.AsArray(), i => Assert.Contains("bootcamp", (string)i!["name"]!, StringComparison.OrdinalIgnoreCase));
        Assert.True((int)named["total"]! >= 2);
        var notNamed = await GetAsync(client, "/content?filter=name:!bootcamp&filter=contentType:activiteit&take=100");
        Assert.DoesNotContain(notNamed["items"]!.AsArray(), i => ((string)i!["name"]!).Contains("bootcamp", StringComparison.OrdinalIgnoreCase));
        var key = await KeyAsync(site, "schilderswijk", "babybootcamp");
        var ancestors = await GetAsync(client, $"/content?fetch=ancestors:{key}");
        Assert.Equal(["Den Haag", "Schilderswijk"], ancestors["items"]!.AsArray().Select(i => (string)i!["name"]!));
        var updated = await site.WithDbAsync(db => db.Activities.Where(a => a.Slug == "babybootcamp" && a.Wijk.Slug == "schilderswijk").Select(a => a.UpdatedUtc).SingleAsync());
        var since = await GetAsync(client, $"/content?filter=contentType:activiteit&filter=updateDate>:{updated:yyyy-MM-ddTHH:mm:ssZ}&take=100");
        Assert.Contains(since["items"]!.AsArray(), i => (string)i!["id"]! == key.ToString());
        Assert.All(since["items"]!.AsArray(), i => Assert.True(DateTimeOffset.Parse((string)i!["updateDate"]!, System.Globalization.CultureInfo.InvariantCulture) >= new DateTimeOffset(updated, TimeSpan.Zero).AddSeconds(-1)));
        var before = await GetAsync(client, $"/content?filter=contentType:activiteit&filter=updateDate<{updated:yyyy-MM-ddTHH:mm:ssZ}&take=100");
        Assert.DoesNotContain(before["items"]!.AsArray(), i => (string)i!["id"]! == key.ToString());
        var byUpdate = await GetAsync(client, "/content?filter=contentType:wijk&sort=updateDate:desc&sort=name:asc&take=100");
        var dates = byUpdate["items"]!.AsArray().Select(i => DateTimeOffset.Parse((string)i!["updateDate"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        var levels = await GetAsync(client, $"/content?fetch=ancestors:{key}&sort=level:desc");
        Assert.Equal(["Schilderswijk", "Den Haag"], levels["items"]!.AsArray().Select(i => (string)i!["name"]!));
        var bySortOrder = await GetAsync(client, "/content?fetch=children:den-haag&sort=sortOrder:asc&take=100");
        Assert.Equal(bySortOrder["items"]!.AsArray().Select(i => (string)i!["route"]!["path"]!).Order(StringComparer.Ordinal), bySortOrder["items"]!.AsArray().Select(i => (string)i!["route"]!["path"]!));
    }

    [Fact]
    public async Task SortsApplyInTheOrderGivenAlsoWhenTheSameSortsInAnotherOrderAreCached()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        // The output cache's key treats a repeated parameter as a set (and sorts it in the request): the API reads the order itself.
        var byDate = await GetAsync(client, "/content?filter=contentType:wijk&sort=updateDate:desc&sort=name:asc&take=100");
        var byName = await GetAsync(client, "/content?filter=contentType:wijk&sort=name:asc&sort=updateDate:desc&take=100");
        var again = await GetAsync(client, "/content?filter=contentType:wijk&sort=updateDate:desc&sort=name:asc&take=100");
        var dates = byDate["items"]!.AsArray().Select(i => DateTimeOffset.Parse((string)i!["updateDate"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        var names = byName["items"]!.AsArray().Select(i => (string)i!["name"]!).ToList();
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), names);
        Assert.NotEqual(names.First(), (string)byDate["items"]![0]!["name"]!);
        Assert.Equal(byDate.ToJsonString(), again.ToJsonString());
    }

    [Theory]
    [InlineData("/content?fetch=parents:den-haag", "fetch")]
    [InlineData("/content?fetch=children:", "fetch")]
    [InlineData("/content?filter=contentType:school", "filter")]
    [InlineData("/content?filter=colour:blue", "filter")]
    [InlineData("/content?filter=name:", "filter")]
    [InlineData("/content?filter=updateDate>gisteren", "filter")]
    [InlineData("/content?filter=updateDate2026-01-01", "filter")]
    [InlineData("/content?sort=title:asc", "sort")]
    [InlineData("/content?sort=name:up", "sort")]
    [InlineData("/content?skip=-1", "skip")]
    [InlineData("/content?skip=een", "skip")]
    [InlineData("/content?take=101", "take")]
    [InlineData("/content?take=1.5", "take")]
    [InlineData("/content?expand=place", "expand")]
    [InlineData("/content?expand=properties[place", "expand")]
    [InlineData("/content?fields=properties[]", "fields")]
    [InlineData("/content/items?id=babybootcamp", "id")]
    public async Task EveryBadParameterIsA400WithAProblemThatNamesIt(string url, string parameter)
    {
        using var site = new SiteFactory();
        var response = await site.CreateClient().GetAsync(Api + url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(400, (int)problem["status"]!);
        Assert.StartsWith(parameter + ":", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/content/item/00000000-0000-0000-0000-000000000001", null)]
    [InlineData("/content/item/den-haag/bestaat-niet", null)]
    [InlineData("/content?fetch=children:den-haag/bestaat-niet", null)]
    [InlineData("/content", "bestaat-niet")]
    public async Task AnUnknownItemOrStartItemIsA404WithAProblem(string url, string? startItem)
    {
        using var site = new SiteFactory();
        using var request = new HttpRequestMessage(HttpMethod.Get, Api + url);
        if (startItem is not null)
            request.Headers.Add("Start-Item", startItem);
        var response = await site.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ExpandFillsTheNamedReferencesNestedToo_AndFieldsKeepOnlyTheNamedProperties()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var url = $"{Api}/content/item{BootcampPath}";

        var expanded = await GetAsync(client, url + "?expand=properties[place]", absolute: true);
        var place = expanded["properties"]!["place"]!;
        Assert.Equal("2525 SB", (string)place["properties"]!["address"]!["postcode"]!);
        Assert.Empty(place["properties"]!["host"]!["properties"]!.AsObject()); // one level only
        Assert.Empty(expanded["properties"]!["organiser"]!["properties"]!.AsObject()); // not named

        var all = await GetAsync(client, url + "?expand=properties[$all]", absolute: true);
        Assert.NotEmpty(all["properties"]!["organiser"]!["properties"]!.AsObject());
        Assert.NotEmpty(all["properties"]!["place"]!["properties"]!.AsObject());

        var nested = await GetAsync(client, url + "?expand=properties[place[properties[host]]]", absolute: true);
        Assert.NotEmpty(nested["properties"]!["place"]!["properties"]!["host"]!["properties"]!.AsObject());

        var limited = await GetAsync(client, url + "?fields=properties[summary,place]&expand=properties[place]", absolute: true);
        Assert.Equal(["summary", "place"], limited["properties"]!.AsObject().Select(p => p.Key));
        var limitedNested = await GetAsync(client, url + "?fields=properties[place[properties[address]]]&expand=properties[place]", absolute: true);
        Assert.Equal(["address"], limitedNested["properties"]!["place"]!["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task NothingUnpublishedAndNothingPersonalAppearsAnywhere_AlsoNotThroughExpand()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        // Something personal in every corner: a sign-up, a photo's consent record, a staff account.
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Geheimnaam", email: "geheim-ouder@example.nl", phone: "0612345678"));
        var photo = (await site.AddAsync(Buurtplatform.Tests.Media.PhotoFixtures.Jpeg(1600, 1200), MediaTestSite.WithConsent())).Item!;
        await site.PlaceOnActivityAsync(photo, "babybootcamp");
        await site.CreateStaffAsync("geheim-staf@example.nl", Web.Accounts.StaffRole.Professional, places: ["schilderswijk/clubhuis"]);
        // And something unpublished: an activity, and the organiser a published activity points at.
        var (draftKey, organiserKey) = await site.WithDbAsync(async db =>
        {
            var draft = await db.Activities.SingleAsync(a => a.Slug == "spelinloop" && a.Wijk.Slug == "schilderswijk");
            draft.State = PublishState.Draft;
            var organiser = await db.Partners.SingleAsync(p => p.Id == db.Activities.Single(a => a.Slug == "taalplezier-voor-peuters" && a.Wijk.Slug == "schilderswijk").OrganiserId);
            organiser.State = PublishState.Draft;
            await db.SaveChangesAsync();
            return (draft.Key, organiser.Key);
        });

        // Walk every item, everything expanded.
        var seen = new List<string>();
        for (var skip = 0; ; skip += 100)
        {
            var page = await GetAsync(client, $"/content?expand=properties[$all]&take=100&skip={skip}");
            seen.AddRange(page["items"]!.AsArray().Select(i => i!.ToJsonString()));
            if (skip + 100 >= (int)page["total"]!)
                break;
        }

        var published = await site.WithDbAsync(async db => await db.PublicActivities().CountAsync() + await db.PublicMeetingPlaces().CountAsync()
            + await db.PublicWijken().CountAsync() + await db.PublicGemeenten().CountAsync() + await db.PublicPartners().CountAsync()
            + await db.Visions.CountAsync(v => v.State == PublishState.Published && v.Wijk.State == PublishState.Published && v.Wijk.Gemeente.State == PublishState.Published));
        Assert.Equal(published, seen.Count);
        var everything = string.Join("\n", seen);
        foreach (var secret in new[] { "Geheimnaam", "geheim-ouder", "0612345678", "Toestemmingsformulier", "geheim-staf", draftKey.ToString(), organiserKey.ToString() })
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(photo.Key.ToString(), everything); // the photo itself is public

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/content/item/{draftKey}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/content/item/{organiserKey}", TestContext.Current.CancellationToken)).StatusCode);
        var taalplezier = await GetAsync(client, $"/content/item/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters?expand=properties[$all]");
        Assert.Null(taalplezier["properties"]!["organiser"]); // expand reaches no further than the organiser's own endpoint
    }

    [Fact]
    public async Task PreviewShowsDraftsOnlyWithTheKeyAndIsNeverCached()
    {
        using var site = new SiteFactory();
        site.Settings["DeliveryApi:ApiKey"] = "een-lange-geheime-sleutel";
        var client = site.CreateClient();
        var draftKey = await site.WithDbAsync(async db =>
        {
            var draft = await db.Activities.SingleAsync(a => a.Slug == "spelinloop" && a.Wijk.Slug == "schilderswijk");
            draft.State = PublishState.Draft;
            await db.SaveChangesAsync();
            return draft.Key;
        });
        async Task<HttpResponseMessage> SendAsync(string? preview, string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Api}/content/item/{draftKey}");
            if (preview is not null)
                request.Headers.Add("Preview", preview);
            if (key is not null)
                request.Headers.Add("Api-Key", key);
            return await client.SendAsync(request, TestContext.Current.CancellationToken);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(null, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync("true", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync("true", "verkeerd")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("misschien", "een-lange-geheime-sleutel")).StatusCode);
        var preview = await SendAsync("true", "een-lange-geheime-sleutel");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("no-store", preview.Headers.CacheControl!.ToString());
        // A cached public answer is never what a preview gets, nor the other way round.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(null, null)).StatusCode);

        using var off = new SiteFactory();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Api}/content");
        request.Headers.Add("Preview", "true");
        request.Headers.Add("Api-Key", "");
        Assert.Equal(HttpStatusCode.Unauthorized, (await off.CreateClient().SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task PreviewShowsTheNewestDraftOfAPublishedNodeWithItsReferencesWhilePublicAnswersKeepThePublishedVersion()
    {
        using var site = new SiteFactory();
        site.Settings["DeliveryApi:ApiKey"] = "een-lange-geheime-sleutel";
        var client = site.CreateClient();
        var editor = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        var key = await site.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Key).SingleAsync());
        var bibliotheek = await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Slug == "bibliotheek" && p.Wijk.Slug == "schilderswijk").Select(p => p.Key).SingleAsync());
        // Saved, not published: a new title at another meeting place of the wijk.
        await editor.SaveAsync(Web.Editing.EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Babybootcamp in de bibliotheek"), new("Input.Place", "bibliotheek")]);

        async Task<JsonNode> ItemAsync(bool preview)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Api}/content/item/{key}");
            if (preview)
            {
                request.Headers.Add("Preview", "true");
                request.Headers.Add("Api-Key", "een-lange-geheime-sleutel");
            }

            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        }

        var published = await ItemAsync(preview: false);
        Assert.Equal("Babybootcamp", (string)published["name"]!);
        Assert.NotEqual(bibliotheek.ToString(), (string)published["properties"]!["place"]!["id"]!);

        var draft = await ItemAsync(preview: true);
        Assert.Equal("Babybootcamp in de bibliotheek", (string)draft["name"]!);
        Assert.Equal(bibliotheek.ToString(), (string)draft["properties"]!["place"]!["id"]!);
        Assert.True(DateTime.Parse((string)draft["updateDate"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTime.Parse((string)published["updateDate"]!, System.Globalization.CultureInfo.InvariantCulture));

        // The public answer (cached or not) never shows the draft.
        Assert.Equal("Babybootcamp", (string)(await ItemAsync(preview: false))["name"]!);
    }

    [Fact]
    public async Task AnswersAreCachedAndAPublishEvictsThem()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var url = $"{Api}/content/item{BootcampPath}";
        Assert.Equal("Babybootcamp", (string)(await GetAsync(client, url, absolute: true))["name"]!);
        await site.WithDbAsync(db => db.Activities.Where(a => a.Slug == "babybootcamp" && a.Wijk.Slug == "schilderswijk").ExecuteUpdateAsync(a => a.SetProperty(x => x.Title, "Achter de rug om")));
        Assert.Equal("Babybootcamp", (string)(await GetAsync(client, url, absolute: true))["name"]!); // from the cache

        var editor = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        await editor.SaveAsync(Web.Editing.EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Babybootcamp voor iedereen")]);
        await editor.PublishNewestAsync(site, NodeKind.Activity, id);
        Assert.Equal("Babybootcamp voor iedereen", (string)(await GetAsync(client, url, absolute: true))["name"]!);
        var list = await GetAsync(client, "/content?filter=name:iedereen");
        Assert.Equal(1, (int)list["total"]!);
    }

    [Fact]
    public async Task TooManyRequestsFromOneAddressGet429WithRetryAfter()
    {
        using var site = new SiteFactory();
        site.Settings["DeliveryApi:RateLimit"] = "3";
        var client = site.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Api}/content?skip={i}", TestContext.Current.CancellationToken)).StatusCode);
        var refused = await client.GetAsync($"{Api}/content", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        // The site's pages are not counted against the API.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/den-haag", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task TheReferencePageLinksToTheOpenApiDocumentAndExamplesThatWork()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient();
        var page = await client.GetDocumentAsync("/api");
        var links = page.QuerySelectorAll("main a[href^='/umbraco/']").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains("/umbraco/openapi/delivery.json", links);
        Assert.True(links.Count >= 4, string.Join(", ", links));
        foreach (var link in links)
            Assert.Equal((link, HttpStatusCode.OK), (link, (await client.GetAsync(link, TestContext.Current.CancellationToken)).StatusCode));
    }

    [Fact]
    public async Task WithTheApiSwitchedOffNothingOfItAnswers()
    {
        using var site = new SiteFactory();
        site.Settings["DeliveryApi:Enabled"] = "false";
        var client = site.CreateClient();
        foreach (var url in new[] { "/api", "/umbraco/openapi/delivery.json", Api + "/content" })
            Assert.Equal((url, HttpStatusCode.NotFound), (url, (await client.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode));
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string url, bool absolute = false)
    {
        var response = await client.GetAsync(absolute ? url : Api + url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private static Task<Guid> KeyAsync(SiteFactory site, string wijk, string slug) =>
        site.WithDbAsync(db => db.Activities.Where(a => a.Slug == slug && a.Wijk.Slug == wijk).Select(a => a.Key).SingleAsync());

    private static Task<Guid> WijkKeyAsync(SiteFactory site, string wijk) =>
        site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == wijk).Select(w => w.Key).SingleAsync());

    private static Task<Guid> GemeenteKeyAsync(SiteFactory site, string gemeente) =>
        site.WithDbAsync(db => db.Gemeenten.Where(g => g.Slug == gemeente).Select(g => g.Key).SingleAsync());
}
