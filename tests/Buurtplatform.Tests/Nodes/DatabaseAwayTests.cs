using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Editing;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.SignUps;
using Npgsql;

namespace Buurtplatform.Tests.Nodes;

/// <summary>
/// PostgreSQL becomes unreachable (a relay in front of it is cut: open connections reset, new ones refused) and
/// comes back: the site says 503 with Retry-After on its friendly page, keeps serving what it has cached, gives
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

        // A page that needs the database: 503, Retry-After and the friendly page (public and staff alike).
        foreach (var (client, url) in new[] { (anonymous, OtherPage), (staff, "/backoffice") })
        {
            var away = await client.GetAsync(url);
            Assert.True(away.StatusCode == HttpStatusCode.ServiceUnavailable, $"{url}: {(int)away.StatusCode}");
            Assert.Equal(TimeSpan.FromSeconds(30), away.Headers.RetryAfter!.Delta);
            Assert.Equal("Even niet bereikbaar", (await away.ParseAsync()).QuerySelector("h1")!.TextContent);
        }

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
            status = (await anonymous.GetAsync(OtherPage)).StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline && await Task.Delay(200).ContinueWith(_ => true));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/backoffice")).StatusCode);
        Assert.Empty(await site.SignUpsAsync()); // nothing was stored while it was away

        // The form as it came back is sent once more, unchanged: now it is stored, once.
        var sent = await parent.SubmitAsync(again, SignUpKit.Form(SignUpKit.Evening), [], "form.signup-form");
        Assert.Equal("U bent aangemeld", (await parent.FollowAsync(sent)).QuerySelector("h1")!.TextContent);
        var row = Assert.Single(await site.SignUpsAsync());
        Assert.Equal(("Tweede", "twee@example.nl", "0612345678"), (row.FirstName, row.Email, row.Phone));
    }
}
