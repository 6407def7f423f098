using System.Net;
using AngleSharp.Html.Dom;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.SignUps;
using Buurtplatform.Web.Data;
using Buurtplatform.Web.SignUps;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Buurtplatform.Tests.Data;

/// <summary>
/// Two app nodes on one PostgreSQL database: starting together on an empty database (migrations and the first
/// import under an advisory lock), and a burst of sign-ups split over both within a bounded number of connections.
/// </summary>
public sealed class SeveralNodesDatabaseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoNodesStartingTogetherOnAnEmptyDatabaseBothComeUpWithOneMigrationAndOneImport()
    {
        using var a = new SiteFactory(DatabaseKind.Postgres, seeded: false);
        a.Settings["Site:ImportOnStart"] = "true";
        using var b = a.SecondInstance();

        // Both hosts start (migrate, import the seed into the empty database) at the same moment.
        var clients = await Task.WhenAll(Task.Run(() => a.CreateClient()), Task.Run(() => b.CreateClient()));

        foreach (var client in clients)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/den-haag/schilderswijk")).StatusCode);
        var migrations = await a.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().Count()));
        Assert.Equal(migrations, await a.WithDbAsync(async db => (await db.Database.GetAppliedMigrationsAsync()).Count()));
        // One node imported the seed; the other found it there.
        Assert.Equal(1, await a.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == Web.Audit.AuditAction.ContentImport)));
    }

    [Fact]
    public async Task TwoHundredSignUpsSplitOverTwoNodesForTwentyPlacesGiveTwentyPlacesWithinTheConnectionBudget()
    {
        using var a = SignUpKit.Site(DatabaseKind.Postgres);
        a.Settings["Database:MaxPoolSize"] = "10";
        a.Settings["Database:Nodes"] = "2";
        await a.SettingsAsync(SignUpKit.Evening, s => s.Capacity = 20);
        using var b = a.SecondInstance();
        var nodes = new[] { a.HttpsClient(), b.HttpsClient() };
        var forms = new List<List<KeyValuePair<string, string>>>();
        foreach (var client in nodes)
        {
            var doc = await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening));
            forms.Add(Forms.Fields((IHtmlFormElement)doc.QuerySelector("form.signup-form")!)
                .Where(f => !SignUpKit.Parent("x").ContainsKey(f.Key) && f.Key != "Input.Date").ToList());
        }

        a.Clock.Advance(TimeSpan.FromSeconds(10));
        var database = new NpgsqlConnectionStringBuilder(a.PostgresConnectionString).Database!;
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakAsync(database, sampling.Token);

        // 200 parents at the same moment, every second one on the other node.
        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(1, 200).Select(async i =>
        {
            var node = i % 2;
            var values = new List<KeyValuePair<string, string>>(forms[node]);
            values.AddRange(SignUpKit.Parent($"Ouder{i}", email: $"ouder{i}@example.nl"));
            values.Add(new("Input.Date", "2027-01-26"));
            await start.WaitAsync();
            return await nodes[node].PostAsync(SignUpKit.Form(SignUpKit.Evening), new FormUrlEncodedContent(values));
        }).ToList();
        start.Release(200);
        var responses = await Task.WhenAll(posts);
        await sampling.CancelAsync();
        var connections = await peak;

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var rows = await a.SignUpsAsync();
        Assert.Equal(200, rows.Count);
        Assert.Equal(20, rows.Count(r => r.State.HoldsPlace()));
        Assert.Equal(180, rows.Count(r => r.State == SignUpState.Waitlisted));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), rows.Select(r => r.Sequence).Order());

        // Each node: at most its pool of 10 and its listening connection.
        Assert.InRange(connections, 1, 2 * (10 + 1));
        output.WriteLine($"Peak connections to the database during 200 sign-ups over two nodes (Max Pool Size 10 each): {connections}");
    }

    [Fact]
    public void TheConnectionsNeededAreEachNodesPoolAndItsListeningConnection()
    {
        Assert.Equal(82, ConnectionBudgetCheck.Needed(new DatabaseOptions { Nodes = 2, MaxPoolSize = 40 }));
        Assert.Equal(101, ConnectionBudgetCheck.Needed(new DatabaseOptions { Nodes = 1, MaxPoolSize = 100 }));
    }

    [Fact]
    public async Task ANodeWhosePoolsCannotFitInTheServersConnectionsSaysSoAtStart()
    {
        using var site = new SiteFactory(DatabaseKind.Postgres);
        site.Settings["Database:Nodes"] = "3";
        site.Settings["Database:MaxPoolSize"] = "100";
        _ = site.CreateClient();

        var warning = Assert.Single(site.Logs.Entries, e => e.Category.EndsWith("ConnectionBudgetCheck", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("need 303", warning.Message);
    }

    /// <summary>The most backends connected to the database at once (sampled every 5 ms), besides the sampler itself.</summary>
    private static async Task<int> SamplePeakAsync(string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        var peak = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @db", connection);
            count.Parameters.AddWithValue("db", database);
            peak = Math.Max(peak, (int)(long)(await count.ExecuteScalarAsync(CancellationToken.None))!);
            try
            {
                await Task.Delay(5, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return peak;
    }
}
