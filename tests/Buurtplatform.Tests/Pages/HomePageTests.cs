using System.Net;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.NearMe;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Pages;

/// <summary>The home page: the postcode question first, this week near it, or this week per gemeente in short (Monday 23 November 2026, 9.00).</summary>
public sealed class HomePageTests
{
    /// <summary>This week's dates (today and the six days after), computed by the site's calendar.</summary>
    private static async Task<List<ActivityOccurrence>> ThisWeekAsync(SiteFactory site)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Buurtplatform.Web.Data.AppDbContext>();
        var calendar = scope.ServiceProvider.GetRequiredService<ActivityCalendar>();
        await calendar.PrepareAsync();
        return calendar.Upcoming(await db.PublicActivities().ToListAsync(), calendar.Today, calendar.Today.PlusDays(7));
    }

    private static double Meters(int pc4, Activity a)
    {
        Assert.True(new PostcodeCentres().TryGetCentre(pc4, out var centre));
        return centre.DistanceMetersTo(new GeoPoint(a.MeetingPlace.Latitude, a.MeetingPlace.Longitude));
    }

    [Fact]
    public async Task WithoutAPostcodeItAsksForOneAndShowsThisWeekPerGemeenteInShort()
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync("/");

        // The question comes first, and works as a plain form.
        var near = doc.QuerySelector("main section.home-near")!;
        Assert.Equal("Wat is er bij u in de buurt?", near.QuerySelector("h2").Text());
        var form = near.QuerySelector("form")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/", form.GetAttribute("action"));
        Assert.Equal("Uw postcode", form.QuerySelector("label[for=postcode]").Text());
        Assert.Equal("postcode", form.QuerySelector("#postcode")!.GetAttribute("name"));
        Assert.NotNull(form.QuerySelector("button[type=submit]"));
        Assert.Same(near, doc.QuerySelector("main h2")!.ParentElement);

        // Per gemeente: how often there is something this week, the next three dates, the wijken. No long list.
        var week = (await ThisWeekAsync(site)).Where(o => !o.IsCancelled).ToList();
        var cards = doc.QuerySelectorAll("#deze-week ~ ul.cards > li.gemeente-week").ToList();
        Assert.Equal(["/amsterdam", "/den-haag", "/groningen", "/zwolle"], cards.Select(c => c.QuerySelector("h3 a")!.GetAttribute("href")).ToList());
        foreach (var card in cards)
        {
            var slug = card.QuerySelector("h3 a")!.GetAttribute("href")![1..];
            var dates = week.Where(o => o.Activity.Wijk.Gemeente.Slug == slug).ToList();
            Assert.Equal(dates.Count switch { 0 => "Deze week niets. Kijk bij de wijken wat er later komt.", 1 => "Deze week 1 keer iets te doen", var n => $"Deze week {n} keer iets te doen" },
                card.QuerySelector(".count").Text());
            Assert.Equal(dates.Take(3).Select(o => Links.Activity(o.Activity)).ToList(), card.QuerySelectorAll(".next a").Select(a => a.GetAttribute("href")!).ToList());
            Assert.All(card.QuerySelectorAll(".next .when"), w => Assert.Matches("^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) 2[3-9] november, ", w.Text()));
            Assert.NotEmpty(card.QuerySelectorAll(".wijken a[href^='/" + slug + "/']"));
        }

        Assert.True(week.Count > 3 * cards.Count, $"the seed has {week.Count} dates this week, and the page lists at most {3 * cards.Count}");
        Assert.Empty(doc.QuerySelectorAll("ul.occurrences li"));
        Assert.NotNull(doc.QuerySelector("#deze-week ~ p a[href='/agenda']"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task WithAPostcodeItListsThisWeekWithinTwoKilometresAndLinksIntoTheAgenda(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();

        var response = await client.GetAsync("/?postcode=2525");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var doc = await client.GetDocumentAsync("/?postcode=2525");

        var expected = (await ThisWeekAsync(site)).Where(o => Meters(2525, o.Activity) <= 2000).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal($"Deze week {expected.Count} keer iets te doen binnen 2 km van 2525", doc.QuerySelector("#deze-week").Text());
        var listed = doc.QuerySelectorAll("#deze-week ~ ul.occurrences li").ToList();
        Assert.Equal(expected.Count, listed.Count);
        Assert.Equal(expected.Select(o => Links.Activity(o.Activity)).Order(StringComparer.Ordinal),
            listed.Select(li => li.QuerySelector("a")!.GetAttribute("href")!).Order(StringComparer.Ordinal));
        Assert.All(listed, li => Assert.Matches(@"^(\d00 m|\d+(,\d)? km)$", li.QuerySelector(".distance").Text()));
        Assert.Equal("/agenda?postcode=2525&afstand=2", doc.QuerySelector("#deze-week ~ p a.more")!.GetAttribute("href"));
        Assert.Equal("2525", doc.QuerySelector("#postcode")!.GetAttribute("value"));
        Assert.Empty(doc.QuerySelectorAll("li.gemeente-week"));
    }

    [Fact]
    public async Task AFullPostcodeBecomesItsFourDigitsAndAnUnknownOneIsExplained()
    {
        using var site = new SiteFactory();
        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/?postcode=2525+ab");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?postcode=2525", response.Headers.Location!.OriginalString);

        var doc = await client.GetDocumentAsync("/?postcode=0000");
        Assert.Equal("We kennen postcode ‘0000’ niet. Vul vier cijfers in, zoals 2525, of 2525 AB.", doc.QuerySelector(".home-near .notice").Text());
        Assert.Equal("true", doc.QuerySelector("#postcode")!.GetAttribute("aria-invalid"));
        Assert.NotEmpty(doc.QuerySelectorAll("li.gemeente-week")); // the ordinary home page, not an empty list
    }

    [Fact]
    public async Task NothingNearThisWeekOffersTheAgendaAtTheNextDistance()
    {
        using var site = new SiteFactory();
        var doc = await site.CreateClient().GetDocumentAsync("/?postcode=4301");

        Assert.Equal("Deze week 0 keer iets te doen binnen 2 km van 4301", doc.QuerySelector("#deze-week").Text());
        Assert.Contains("Binnen 2 km van postcode 4301 is deze week niets te doen.", doc.QuerySelector(".empty").Text());
        Assert.Equal("/agenda?postcode=4301&afstand=5", doc.QuerySelector(".empty a.next-distance")!.GetAttribute("href"));
    }
}
