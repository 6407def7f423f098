using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.Vision.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Vision;

/// <summary>Arranging and acting for the tests of parents' ideas on the vision (Moerwijk's vision, which has no example ideas).</summary>
public static class SuggestionKit
{
    public const string Vision = "/den-haag/moerwijk/visie";

    public const string Form = Vision + "/reageren";

    /// <summary>Moerwijk's second section.</summary>
    public const string Section2 = "Ouders steunen ouders";

    /// <summary>The site with a high idea rate limit (tests post many times from one address) and the jobs off.</summary>
    public static SiteFactory Site(DatabaseKind kind = DatabaseKind.Sqlite)
    {
        var site = new SiteFactory(kind);
        site.Settings["VisionSuggestions:RateLimit"] = "100000";
        site.Settings["VisionSuggestions:JobsEnabled"] = "false";
        return site;
    }

    /// <summary>What a parent types: the text, about section 2, in Dutch, anonymous, no e-mail.</summary>
    public static Dictionary<string, string> Idea(string text, string? email = null, string? name = null, string language = "nl", string section = "2") => new()
    {
        ["Input.Section"] = section,
        ["Input.Text"] = text,
        ["Input.Show"] = name is null ? "anoniem" : "naam",
        ["Input.FirstName"] = name ?? "",
        ["Input.Email"] = email ?? "",
        ["Input.Language"] = language,
    };

    /// <summary>Opens the form, lets 10 seconds pass (the time trap), fills it in and sends it.</summary>
    public static async Task<HttpResponseMessage> SendIdeaAsync(this SiteFactory site, HttpClient client, Dictionary<string, string> values)
    {
        var doc = await client.GetDocumentAsync(Form);
        site.Clock.Advance(TimeSpan.FromSeconds(10));
        return await client.SubmitAsync(doc, Form, values, "form.suggestion-form");
    }

    /// <summary>Parents' own ideas (not the seed's examples), in the order they came.</summary>
    public static Task<List<VisionSuggestion>> IdeasAsync(this SiteFactory site) =>
        site.WithDbAsync(db => db.VisionSuggestions.AsNoTracking().Where(s => !s.IsExample).OrderBy(s => s.Id).ToListAsync());

    public static Task<int> WijkIdAsync(this SiteFactory site, string slug) =>
        site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync());

    public static async Task<(StaffAccount Account, HttpClient Client, int WijkId)> EditorAsync(this SiteFactory site, string wijk = "moerwijk")
    {
        var account = await site.CreateStaffAsync($"redactie@{wijk}.example.nl", StaffRole.Wijkredacteur, wijken: [wijk]);
        return (account, await site.SignedInClientAsync(account), await site.WijkIdAsync(wijk));
    }

    /// <summary>Posts one of the queue's forms for an idea (the card's form of that handler), with what the editor types.</summary>
    public static async Task<HttpResponseMessage> ModerateAsync(this HttpClient editor, int wijkId, int suggestionId, string handler, Dictionary<string, string>? values = null)
    {
        var queue = SuggestionPaths.Queue(wijkId);
        var doc = await editor.GetDocumentAsync(queue);
        var form = doc.QuerySelectorAll($"#idee-{suggestionId} form").FirstOrDefault(f => f.GetAttribute("action")!.EndsWith("handler=" + handler, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No {handler} form for idea {suggestionId}");
        form.SetAttribute("id", "te-sturen");
        return await editor.SubmitAsync(doc, queue, values ?? [], "#te-sturen");
    }

    /// <summary>A vision version that was published (as the editing pages leave one), so ideas can be marked as taken in by it.</summary>
    public static Task<int> PublishedVersionAsync(this SiteFactory site, string wijk = "moerwijk") => site.WithDbAsync(async db =>
    {
        var vision = await db.Visions.Include(v => v.Wijk).SingleAsync(v => v.Wijk.Slug == wijk);
        var now = site.Clock.GetUtcNow().UtcDateTime;
        var number = (await db.ContentVersions.Where(v => v.NodeKey == vision.Key).Select(v => (int?)v.Number).MaxAsync() ?? 0) + 1;
        db.ContentVersions.Add(new ContentVersion
        {
            NodeKey = vision.Key, Kind = Web.Content.NodeKind.Vision, ParentKey = vision.Wijk.Key, Number = number, Slug = "visie",
            Status = VersionStatus.Published, Text = Web.Content.ContentExporter.Render(vision), Title = vision.Title,
            CreatedByName = "test", CreatedUtc = now, PublishedByName = "test", PublishedUtc = now,
        });
        await db.SaveChangesAsync();
        return number;
    });

    public static async Task<T> WithJobsAsync<T>(this SiteFactory site, Func<SuggestionJobs, Task<T>> job)
    {
        await using var scope = site.Scope();
        return await job(scope.ServiceProvider.GetRequiredService<SuggestionJobs>());
    }
}
