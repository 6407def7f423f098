using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Editing;

/// <summary>Staff of the seed's Schilderswijk (wijk A) and Moerwijk (wijk B), and the editing steps tests repeat.</summary>
public static class Editors
{
    public static string S(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static Task<StaffAccount> EditorAsync(this SiteFactory site, string wijk = "schilderswijk", string email = "redacteur@example.nl") =>
        site.CreateStaffAsync(email, StaffRole.Wijkredacteur, wijken: [wijk]);

    public static Task<StaffAccount> ProfessionalAsync(this SiteFactory site, string place = "schilderswijk/clubhuis", string email = "pro@example.nl") =>
        site.CreateStaffAsync(email, StaffRole.Professional, places: [place]);

    public static Task<StaffAccount> AdministratorAsync(this SiteFactory site) =>
        site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);

    public static Task<int> PlaceIdAsync(this SiteFactory site, string wijk, string slug) =>
        site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Wijk.Slug == wijk && p.Slug == slug).Select(p => p.Id).SingleAsync());

    public static Task<int> ActivityIdAsync(this SiteFactory site, string wijk, string slug) =>
        site.WithDbAsync(db => db.Activities.Where(a => a.Wijk.Slug == wijk && a.Slug == slug).Select(a => a.Id).SingleAsync());

    public static Task<int> WijkIdAsync(this SiteFactory site, string wijk) =>
        site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == wijk).Select(w => w.Id).SingleAsync());

    public static Task<int> VisionIdAsync(this SiteFactory site, string wijk) =>
        site.WithDbAsync(db => db.Visions.Where(v => v.Wijk.Slug == wijk).Select(v => v.Id).SingleAsync());

    /// <summary>The form on an editor page, with what the test types (plus the pressed button), posted like a browser.</summary>
    public static Task<HttpResponseMessage> SaveAsync(this HttpClient client, string editUrl, IEnumerable<KeyValuePair<string, string>> values, string command = "save") =>
        client.SubmitAsync(editUrl, values.Append(new("Command", command)), "form#f-form");

    /// <summary>Posts a button of the node page (publish, unpublish, rollback …) with the page's own antiforgery token.</summary>
    public static async Task<HttpResponseMessage> NodeActionAsync(this HttpClient client, NodeKind kind, int id, string handler, params (string Name, string Value)[] fields)
    {
        var page = await client.GetDocumentAsync(EditingPaths.Node(kind, id));
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", page.AntiforgeryToken()) };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await client.PostAsync($"{EditingPaths.Node(kind, id)}?handler={handler}", new FormUrlEncodedContent(form));
    }

    public static async Task PublishNewestAsync(this HttpClient client, SiteFactory site, NodeKind kind, int id)
    {
        var newest = await site.NewestVersionAsync(kind, id);
        var response = await client.NodeActionAsync(kind, id, "Publish", ("Versie", S(newest.Number)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await site.NewestVersionAsync(kind, id);
        Assert.True(after.Status == VersionStatus.Published, $"version {after.Number} is {after.Status}: {await client.FlashAsync(kind, id)}");
    }

    /// <summary>The message the node page shows after a redirect.</summary>
    public static async Task<string> FlashAsync(this HttpClient client, NodeKind kind, int id) =>
        (await client.GetDocumentAsync(EditingPaths.Node(kind, id))).QuerySelector("main .notice[role=status]").Text();

    /// <summary>The node's newest version of its Dutch text (translations have versions of their own).</summary>
    public static Task<ContentVersion> NewestVersionAsync(this SiteFactory site, NodeKind kind, int id) => site.WithDbAsync(async db =>
    {
        var key = await KeyAsync(db, kind, id);
        return await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == key && v.Culture == ContentVersion.Dutch).OrderByDescending(v => v.Number).FirstAsync();
    });

    public static Task<List<ContentVersion>> VersionsAsync(this SiteFactory site, NodeKind kind, int id) => site.WithDbAsync(async db =>
    {
        var key = await KeyAsync(db, kind, id);
        return await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == key && v.Culture == ContentVersion.Dutch).OrderBy(v => v.Number).ToListAsync();
    });

    private static Task<Guid> KeyAsync(Web.Data.AppDbContext db, NodeKind kind, int id) => kind switch
    {
        NodeKind.Activity => db.Activities.Where(x => x.Id == id).Select(x => x.Key).SingleAsync(),
        NodeKind.MeetingPlace => db.MeetingPlaces.Where(x => x.Id == id).Select(x => x.Key).SingleAsync(),
        NodeKind.Vision => db.Visions.Where(x => x.Id == id).Select(x => x.Key).SingleAsync(),
        NodeKind.Wijk => db.Wijken.Where(x => x.Id == id).Select(x => x.Key).SingleAsync(),
        NodeKind.Gemeente => db.Gemeenten.Where(x => x.Id == id).Select(x => x.Key).SingleAsync(),
        _ => db.Partners.Where(x => x.Id == id).Select(x => x.Key).SingleAsync(),
    };

    /// <summary>Runs what is due in the plan, as the worker would, with the site's (fixed) clock.</summary>
    public static async Task<int> RunPlannedPublishingAsync(this SiteFactory site)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<ScheduledPublishing>().RunDueAsync();
    }

    /// <summary>The id of the node a redirect after saving points at (…/{id}/versies).</summary>
    public static int IdFromLocation(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var doc = response.ParseAsync().GetAwaiter().GetResult();
            Assert.Fail($"expected a redirect after saving, got {(int)response.StatusCode}: " + string.Join("; ", Errors(doc).Summary.Select(s => $"{s.Target}: {s.Text}")));
        }

        var parts = response.Headers.Location!.OriginalString.Split('/');
        return int.Parse(parts[^2], CultureInfo.InvariantCulture);
    }

    /// <summary>The warning notice's heading and its items as (link, text); an empty heading when there is none.</summary>
    public static (string Heading, List<(string Link, string Text)> Items) Warnings(IDocument doc) =>
        (doc.QuerySelector("main .warning-summary h2").Text(),
         doc.QuerySelectorAll("main .warning-summary li a").Select(a => (a.GetAttribute("href")!, a.Text())).ToList());

    /// <summary>The error summary's items as (link target, text), and the messages next to fields by input id.</summary>
    public static (List<(string Target, string Text)> Summary, Dictionary<string, string> Fields) Errors(IDocument doc) =>
        (doc.QuerySelectorAll(".error-summary li a").Select(a => (a.GetAttribute("href")!.TrimStart('#'), a.Text())).ToList(),
         doc.QuerySelectorAll(".field-error[id]").ToDictionary(e => e.Id![..^"-error".Length], e => e.Text()));
}
