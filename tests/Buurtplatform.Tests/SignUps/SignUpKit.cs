using System.Net;
using AngleSharp.Dom;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Mail;
using Buurtplatform.Web.SignUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.SignUps;

/// <summary>Arranging and acting for the sign-up tests: seed activities, a parent's answers, the form round trip.</summary>
public static class SignUpKit
{
    /// <summary>Moerwijk, once: Tuesday 26 January 2027, 19.30–21.00, 15 places.</summary>
    public const string Evening = "/den-haag/moerwijk/activiteiten/peutergedrag-avond";

    /// <summary>Schilderswijk, weekly on Tuesday 13.30–15.00 (clubhuis), 10 places per date.</summary>
    public const string Bootcamp = "/den-haag/schilderswijk/activiteiten/babybootcamp";

    /// <summary>Moerwijk, a course: 6 Thursdays from 7 January 2027, 9.30–11.00, 12 places.</summary>
    public const string Course = "/den-haag/moerwijk/activiteiten/babybootcamp";

    public static string Form(string activity) => activity + "/aanmelden";

    /// <summary>What a parent types: one child of 2 years, Dutch, no call, consent given.</summary>
    public static Dictionary<string, string> Parent(string firstName, string? email = null, string? phone = null, int children = 1) => new()
    {
        ["Input.FirstName"] = firstName,
        ["Input.Email"] = email ?? "",
        ["Input.Phone"] = phone ?? "",
        ["Input.Children"] = children.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Ages[0].Value"] = "2",
        ["Input.Ages[0].Unit"] = "jaar",
        ["Input.Ages[1].Value"] = "8",
        ["Input.Ages[1].Unit"] = "maanden",
        ["Input.Ages[2].Value"] = "4",
        ["Input.Ages[3].Value"] = "5",
        ["Input.Language"] = "nl",
        ["Input.WantsCall"] = "nee",
        ["Input.Consent"] = "true",
    };

    /// <summary>Opens the form, lets 10 seconds pass (the time trap), fills it in and sends it.</summary>
    public static async Task<HttpResponseMessage> SignUpAsync(this SiteFactory site, HttpClient client, string activity, Dictionary<string, string> values, string? date = null)
    {
        var doc = await client.GetDocumentAsync(Form(activity) + (date is null ? "" : "?datum=" + date));
        site.Clock.Advance(TimeSpan.FromSeconds(10));
        if (date is not null)
            values["Input.Date"] = date;
        return await client.SubmitAsync(doc, Form(activity), values, "form.signup-form");
    }

    /// <summary>Follows a redirect with the same client (cookies included) and parses the page.</summary>
    public static async Task<IDocument> FollowAsync(this HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    public static Task<int> ActivityIdAsync(this SiteFactory site, string activity) => site.WithDbAsync(db =>
    {
        var parts = activity.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return db.Activities.Where(a => a.Slug == parts[3] && a.Wijk.Slug == parts[1]).Select(a => a.Id).SingleAsync();
    });

    public static async Task<int> SettingsAsync(this SiteFactory site, string activity, Action<SignUpSettings> change)
    {
        var id = await site.ActivityIdAsync(activity);
        await site.WithDbAsync(async db =>
        {
            var a = await db.Activities.SingleAsync(x => x.Id == id);
            var row = await db.SignUpSettings.SingleOrDefaultAsync(s => s.ActivityId == id);
            if (row is null)
            {
                row = SignUpSettings.For(a, null);
                db.SignUpSettings.Add(row);
            }

            change(row);
            await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>The site with a high sign-up rate limit (tests post many times from one address).</summary>
    public static SiteFactory Site(DatabaseKind kind = DatabaseKind.Sqlite)
    {
        var site = new SiteFactory(kind);
        site.Settings["SignUps:RateLimit"] = "100000";
        site.Settings["SignUps:JobsEnabled"] = "false";
        return site;
    }

    /// <summary>Sends the whole outbox (the sender works in batches of 50) and returns the pickup folder's messages.</summary>
    public static async Task<List<ReceivedMail>> DeliverAllMailAsync(this SiteFactory site)
    {
        while (true)
        {
            await using var scope = site.Scope();
            var run = await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
            if (run.Sent + run.Failed == 0)
                break;
        }

        return MailFiles.Read(Path.Combine(site.DataDir, "mail-pickup"));
    }

    public static async Task<T> WithJobsAsync<T>(this SiteFactory site, Func<SignUpJobs, Task<T>> job)
    {
        await using var scope = site.Scope();
        return await job(scope.ServiceProvider.GetRequiredService<SignUpJobs>());
    }

    public static Task<List<SignUp>> SignUpsAsync(this SiteFactory site) =>
        site.WithDbAsync(db => db.SignUps.AsNoTracking().Include(s => s.Slot).OrderBy(s => s.Id).ToListAsync());
}
