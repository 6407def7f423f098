using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Editing;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Calendar;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Neighbourhoods;

/// <summary>
/// Each wijk's school-holiday region is a setting of the wijk (<c>region</c>); an activity with
/// <c>skipSchoolHolidays: wijk</c> skips that region's holidays, and follows the wijk when its region changes.
/// </summary>
public sealed class WijkRegionTests
{
    private const string Voorlezen = "/zwolle/holtenbroek/activiteiten/voorlezen-in-de-ouderkamer";

    [Fact]
    public async Task AnActivitySkippingItsWijksHolidaysFollowsTheWijkWhenAnEditorChangesItsRegion()
    {
        using var site = new SiteFactory();
        // A spring holiday of noord only, over Friday 26 February 2027 (the activity is on Fridays).
        await site.WithDbAsync(async db =>
        {
            var holidays = await db.SchoolHolidays.SingleAsync();
            holidays.Periods = [.. holidays.Periods, new HolidayPeriod { Name = "Voorjaarsvakantie 2027", Regions = "noord", From = new(2027, 2, 20), To = new(2027, 2, 28) }];
            await db.SaveChangesAsync();
        });
        var row = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Slug == "voorlezen-in-de-ouderkamer"));
        Assert.True(row.Schedule.SkipWijkSchoolHolidays);
        Assert.Equal(HolidayRegion.Noord, row.Schedule.SkipSchoolHolidays); // Holtenbroek (Zwolle) is noord
        var client = site.CreateClient();
        Assert.Contains("20270226", Exdates(await client.GetStringAsync(Voorlezen + ".ics", TestContext.Current.CancellationToken)));

        var editor = await site.SignedInClientAsync(await site.EditorAsync("holtenbroek", "zwolle@example.nl"));
        var wijkId = await site.WijkIdAsync("holtenbroek");
        var edit = await editor.GetDocumentAsync(EditingPaths.Edit(NodeKind.Wijk, wijkId));
        Assert.Equal("noord", edit.QuerySelector("select[name='Input.Region'] option[selected]")?.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SaveAsync(EditingPaths.Edit(NodeKind.Wijk, wijkId), [new("Input.Region", "zuid")])).StatusCode);
        await editor.PublishNewestAsync(site, NodeKind.Wijk, wijkId);

        row = await site.WithDbAsync(db => db.Activities.AsNoTracking().SingleAsync(a => a.Slug == "voorlezen-in-de-ouderkamer"));
        Assert.Equal(HolidayRegion.Zuid, row.Schedule.SkipSchoolHolidays);
        // The cached feed was evicted with the wijk: the noord-only holiday no longer removes the Friday.
        Assert.DoesNotContain("20270226", Exdates(await client.GetStringAsync(Voorlezen + ".ics", TestContext.Current.CancellationToken)));
        // An activity that names its region keeps it.
        Assert.Equal(HolidayRegion.Noord, await site.WithDbAsync(db => db.Activities.Where(a => a.Slug == "taalplezier" && a.Wijk.Slug == "holtenbroek").Select(a => a.Schedule.SkipSchoolHolidays).SingleAsync()));

        // The activity editor offers "the wijk's holidays", naming the region, and keeps the choice.
        var activityId = row.Id;
        var activityForm = await editor.GetDocumentAsync(EditingPaths.Edit(NodeKind.Activity, activityId));
        var wijkOption = activityForm.QuerySelector("select[name='Input.SkipSchoolHolidays'] option[value='wijk']");
        Assert.NotNull(wijkOption);
        Assert.True(wijkOption.HasAttribute("selected"));
        Assert.Contains("regio zuid", wijkOption.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWijkFileReadsAndWritesItsRegionAndRefusesAnUnknownOne()
    {
        var errors = new List<ContentError>();
        var text = "---\nkey: 1bf68c4d-3e04-4085-a205-6a47ab05f714\nupdated: 2026-11-16T16:20:00Z\nname: Testwijk\nsummary: Een wijk.\nregion: zuid\npostcodes: [2525]\n---\n\nTekst.\n";
        var wijk = (Web.Neighbourhoods.Wijk)ContentTreeReader.ParseNode(NodeKind.Wijk, "testwijk", text, errors)!;
        Assert.Empty(errors);
        Assert.Equal(HolidayRegion.Zuid, wijk.Region);
        Assert.Contains("region: zuid", ContentExporter.Render(wijk), StringComparison.Ordinal);

        ContentTreeReader.ParseNode(NodeKind.Wijk, "testwijk", text.Replace("region: zuid", "region: oost", StringComparison.Ordinal), errors);
        var error = Assert.Single(errors);
        Assert.Equal("region", error.Field);
        Assert.Contains("noord, midden or zuid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnActivitysScheduleReadsAndWritesSkippingTheWijksHolidays()
    {
        var file = File.ReadAllText(Path.Combine(TestEnvironment.SeedContent, "zwolle", "holtenbroek", "activiteiten", "voorlezen-in-de-ouderkamer.md"));
        var errors = new List<ContentError>();
        var activity = (Activity)ContentTreeReader.ParseNode(NodeKind.Activity, "voorlezen-in-de-ouderkamer", file, errors)!;
        Assert.Empty(errors);
        Assert.True(activity.Schedule.SkipWijkSchoolHolidays);
        Assert.Null(activity.Schedule.SkipSchoolHolidays);
        Assert.Contains("skipSchoolHolidays: wijk", ContentExporter.Render(activity), StringComparison.Ordinal);
    }

    private static string Exdates(string ics) =>
        string.Join('\n', ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n").Where(l => l.StartsWith("EXDATE", StringComparison.Ordinal)));
}
