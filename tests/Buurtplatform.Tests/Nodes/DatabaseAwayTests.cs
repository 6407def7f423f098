using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Editing;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.SignUps;
using Npgsql;

namespace Buurtplatform.Tests.Nodes;

/// <summary>
/// PostgreSQL becomes unreachable (a relay in front of it is cut: open connections reset, new ones refused) and
/// comes back: the site says 503 with Retry-After on its friendly page where it needs the database, keeps serving
/// what it has cached and the public pages it renders from the published-content snapshot, gives
/// a parent their sign-up form back as typed with nothing stored, and works again without a restart.
/// </summary>
public sealed class DatabaseAwayTests
{
    private const string CachedPage = "/den-haag/schilderswijk";
    private const string OtherPage = "/den-haag/moerwijk";

    [Fact]
    public async Task WhileTheDatabaseIsAwayTheSiteAnswers503KeepsCachedPagesAndTheParentsInputAndRecoversWithoutARestart()
    {
        using var site = SignUpKit.Site(DatabaseKind.Postgres);
        var direct = new NpgsqlConnectionStringBuilder(site.PostgresConnectionString);
        using var proxy = new TcpProxy(direct.Host!, direct.Port);
        site.Settings["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;

        var anonymous = site.CreateClient();
        var cachedBefore = await (await anonymous.GetAsync(CachedPage)).Content.ReadAsStringAsync();
        var staff = await site.SignedInClientAsync(await site.EditorAsync());
        var parent = site.HttpsClient();
        var form = await parent.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening));
        site.Clock.Advance(TimeSpan.FromSeconds(10));

        proxy.Stop();

        // A page in the output cache is served as before.
        var cached = await anonymous.GetAsync(CachedPage);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Equal(cachedBefore, await cached.Content.ReadAsStringAsync());

        // A public page nobody asked for yet is rendered from the published-content snapshot in memory: no database needed.
        var other = await anonymous.GetAsync(OtherPage);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains("Moerwijk", (await other.ParseAsync()).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        // A page that needs the database (the backoffice): 503, Retry-After and the friendly page.
        var away = await staff.GetAsync("/backoffice");
        Assert.True(away.StatusCode == HttpStatusCode.ServiceUnavailable, $"/backoffice: {(int)away.StatusCode}");
        Assert.Equal(TimeSpan.FromSeconds(30), away.Headers.RetryAfter!.Delta);
        Assert.Equal("Even niet bereikbaar", (await away.ParseAsync()).QuerySelector("h1")!.TextContent);

        // The sign-up form sent now comes back with what the parent typed and says nothing was stored.
        var typed = SignUpKit.Parent("Tweede", email: "twee@example.nl", phone: "0612345678");
        var notSaved = await parent.SubmitAsync(form, SignUpKit.Form(SignUpKit.Evening), typed, "form.signup-form");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notSaved.StatusCode);
        Assert.NotNull(notSaved.Headers.RetryAfter);
        var again = await notSaved.ParseAsync();
        Assert.Contains("er is niets bewaard", again.QuerySelector("#niet-opgeslagen")!.TextContent);
        Assert.Equal("Tweede", again.QuerySelector("input[name='Input.FirstName']")!.GetAttribute("value"));
        Assert.Equal("twee@example.nl", again.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));
        Assert.Equal("0612345678", again.QuerySelector("input[name='Input.Phone']")!.GetAttribute("value"));

        // The database returns: the same node serves again, without a restart.
        proxy.Start();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        HttpStatusCode status;
        do
        {
            status = (await staff.GetAsync("/backoffice")).StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline && await Task.Delay(200).ContinueWith(_ => true));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(await site.SignUpsAsync()); // nothing was stored while it was away

        // The form as it came back is sent once more, unchanged: now it is stored, once.
        var sent = await parent.SubmitAsync(again, SignUpKit.Form(SignUpKit.Evening), [], "form.signup-form");
        Assert.Equal("U bent aangemeld", (await parent.FollowAsync(sent)).QuerySelector("h1")!.TextContent);
        var row = Assert.Single(await site.SignUpsAsync());
        Assert.Equal(("Tweede", "twee@example.nl", "0612345678"), (row.FirstName, row.Email, row.Phone));
    }
}
