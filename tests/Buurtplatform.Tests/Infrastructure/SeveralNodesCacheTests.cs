using System.Diagnostics;
using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Editing;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Infrastructure.Caching;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Buurtplatform.Tests.Infrastructure;

/// <summary>
/// Two app nodes on one PostgreSQL database (two hosts, as behind a load balancer): a change committed on one,
/// or by the import command in a process of its own, evicts the other's cached pages and feeds within a second
/// (LISTEN/NOTIFY), and a node that missed a notification catches up from the version in the database.
/// </summary>
public sealed class SeveralNodesCacheTests(ITestOutputHelper output)
{
    private const string Activity = "/den-haag/schilderswijk/activiteiten/babybootcamp";
    private const string NewTitle = "Babybootcamp voor iedereen";

    /// <summary>What a publish of Babybootcamp changes: its page and feed, its wijk's page and feed, the agenda and its feed.</summary>
    private static readonly string[] Pages = [Activity, Activity + ".ics", "/den-haag/schilderswijk", "/den-haag/schilderswijk.ics", "/agenda", "/agenda.ics"];

    /// <summary>The promise: every node shows a change within one second. Polled, so a fast machine passes at once.</summary>
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(1);

    private static SiteFactory NodeA(bool listenerOnly)
    {
        var a = new SiteFactory(DatabaseKind.Postgres);
        if (listenerOnly)
            a.Settings["Cache:VersionCheckInterval"] = "01:00:00"; // only a notification can evict in time
        return a;
    }

    private static CacheChangeListener Listener(SiteFactory node) => node.Services.GetRequiredService<CacheChangeListener>();

    /// <summary>Starts the node and waits until it listens (a host's background services start with it).</summary>
    private static async Task<HttpClient> StartedAsync(SiteFactory node)
    {
        var client = node.CreateClient();
        await WithinAsync(TimeSpan.FromSeconds(20), () => Task.FromResult(Listener(node).ProcessId != 0), "the node never listened");
        return client;
    }

    /// <summary>Polls until the condition holds, failing after the deadline; returns how long it took (the figure in docs/operations.md).</summary>
    private static async Task<TimeSpan> WithinAsync(TimeSpan deadline, Func<Task<bool>> condition, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < deadline, $"{failure} (after {clock.ElapsedMilliseconds} ms)");
            await Task.Delay(10);
        }

        return clock.Elapsed;
    }

    private static async Task<bool> AllShowAsync(HttpClient client, string text)
    {
        foreach (var url in Pages)
        {
            if (!(await client.GetStringAsync(url)).Contains(text, StringComparison.Ordinal))
                return false;
        }

        return true;
    }

    /// <summary>Fills the node's cache with every page, and checks they show the old title.</summary>
    private static async Task WarmAsync(HttpClient client)
    {
        foreach (var url in Pages)
        {
            var text = await client.GetStringAsync(url);
            Assert.True(text.Contains("Babybootcamp", StringComparison.Ordinal) && !text.Contains(NewTitle, StringComparison.Ordinal), url);
        }
    }

    private static async Task RenameOnAsync(SiteFactory node, HttpClient editor, string title)
    {
        var id = await node.ActivityIdAsync("schilderswijk", "babybootcamp");
        await editor.SaveAsync(Web.Editing.EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", title)]);
        await editor.PublishNewestAsync(node, NodeKind.Activity, id);
    }

    [Fact]
    public async Task APublishAndAnUnpublishOnOneNodeReachTheOtherNodesCachedPagesAndFeedsWithinASecond()
    {
        using var a = NodeA(listenerOnly: true);
        var editor = await a.SignedInClientAsync(await a.EditorAsync());
        await StartedAsync(a);
        using var b = a.SecondInstance();
        var parent = await StartedAsync(b);
        await WarmAsync(parent);

        await RenameOnAsync(a, editor, NewTitle);
        var stale = await WithinAsync(Promise, () => AllShowAsync(parent, NewTitle), "node B still serves the old pages");
        output.WriteLine($"Node B showed the publish {stale.TotalMilliseconds:0} ms after node A answered it");

        var id = await a.ActivityIdAsync("schilderswijk", "babybootcamp");
        Assert.Equal(HttpStatusCode.Redirect, (await editor.NodeActionAsync(NodeKind.Activity, id, "Unpublish")).StatusCode);
        stale = await WithinAsync(Promise, async () => (await parent.GetAsync(Activity)).StatusCode == HttpStatusCode.NotFound
            && !(await parent.GetStringAsync("/den-haag/schilderswijk.ics")).Contains("SUMMARY:" + NewTitle, StringComparison.Ordinal)
            && !(await parent.GetStringAsync("/agenda")).Contains(NewTitle, StringComparison.Ordinal),
            "node B still serves the unpublished activity");
        output.WriteLine($"Node B showed the unpublish {stale.TotalMilliseconds:0} ms after node A answered it");
    }

    [Fact]
    public async Task TheImportCommandInAProcessOfItsOwnReachesBothNodesWithinASecond()
    {
        using var a = NodeA(listenerOnly: true);
        var first = await StartedAsync(a);
        using var b = a.SecondInstance();
        var second = await StartedAsync(b);
        await WarmAsync(first);
        await WarmAsync(second);

        var content = Directory.CreateTempSubdirectory("bp-import-").FullName;
        try
        {
            CopyFolder(TestEnvironment.SeedContent, content);
            var file = Path.Combine(content, "den-haag", "schilderswijk", "activiteiten", "babybootcamp.md");
            File.WriteAllText(file, File.ReadAllText(file).Replace("title: Babybootcamp\n", $"title: {NewTitle}\n", StringComparison.Ordinal));

            var (code, _, error) = await RunCommandAsync(a, "import", content);
            Assert.True(code == 0, error);

            // An import evicts everything at once (the tag every cached response carries): the activity page stands for
            // all of them within the promise (each node renders every page anew after it, which on a busy machine is
            // most of the time), and the others show it too.
            var stale = await WithinAsync(Promise, async () => (await first.GetStringAsync(Activity)).Contains(NewTitle, StringComparison.Ordinal)
                && (await second.GetStringAsync(Activity)).Contains(NewTitle, StringComparison.Ordinal), "a node still serves the old page");
            output.WriteLine($"Both nodes showed the import {stale.TotalMilliseconds:0} ms after the command ended");
            Assert.True(await AllShowAsync(first, NewTitle) && await AllShowAsync(second, NewTitle), "a node still serves an old page");
        }
        finally
        {
            Directory.Delete(content, recursive: true);
        }
    }

    [Fact]
    public async Task ANodeThatMissedANotificationCatchesUpFromTheVersionBeforeServingFromItsCache()
    {
        using var a = NodeA(listenerOnly: false);
        var editor = await a.SignedInClientAsync(await a.EditorAsync());
        await StartedAsync(a);
        using var b = a.SecondInstance();
        var parent = await StartedAsync(b);
        await WarmAsync(parent);

        // B stops listening: it will never hear of the publish.
        await Listener(b).StopAsync(CancellationToken.None);
        Assert.Equal(0, Listener(b).ProcessId);
        var applied = b.Services.GetRequiredService<CacheCoherence>().AppliedVersion;

        await RenameOnAsync(a, editor, NewTitle);

        var stale = await WithinAsync(Promise, () => AllShowAsync(parent, NewTitle), "node B still serves the old pages");
        output.WriteLine($"Node B, not listening, showed the publish {stale.TotalMilliseconds:0} ms after node A answered it");
        Assert.True(b.Services.GetRequiredService<CacheCoherence>().AppliedVersion > applied);
        Assert.Contains(b.Logs.Entries, e => e.Message.Contains("Cache behind the database", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALostListeningConnectionIsOpenedAgainCatchingUpWithWhatChangedMeanwhile()
    {
        using var a = NodeA(listenerOnly: true);
        var editor = await a.SignedInClientAsync(await a.EditorAsync());
        await StartedAsync(a);
        using var b = a.SecondInstance();
        var parent = await StartedAsync(b);
        await WarmAsync(parent);

        // The database ends B's listening connection (a restart of PostgreSQL, a network cut), and A publishes at once.
        var lost = Listener(b).ProcessId;
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
            kill.Parameters.AddWithValue("pid", lost);
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        }

        await RenameOnAsync(a, editor, NewTitle);

        // Reconnecting waits 250 ms first; then the version in the database says what was missed.
        var stale = await WithinAsync(TimeSpan.FromSeconds(5), () => AllShowAsync(parent, NewTitle), "node B never caught up");
        output.WriteLine($"Node B, reconnecting, showed the publish {stale.TotalMilliseconds:0} ms after node A answered it");
        Assert.NotEqual(0, Listener(b).ProcessId);
        Assert.NotEqual(lost, Listener(b).ProcessId);

        // Listening again: the next publish arrives as a notification.
        await RenameOnAsync(a, editor, "Babybootcamp voor alle baby's");
        await WithinAsync(Promise, () => AllShowAsync(parent, "Babybootcamp voor alle baby"), "node B still serves the old pages");
    }

    [Fact]
    public void APayloadCarriesTheVersionAndTagsAndFallsBackToEverythingWhenTooLong()
    {
        Assert.Equal("7 listings node:ab", CacheChanges.Payload(7, ["listings", "node:ab"]));
        Assert.Equal("8 content", CacheChanges.Payload(8, [.. Enumerable.Range(0, 400).Select(i => $"node:{Guid.NewGuid():N}")]));
        var parsed = CacheChanges.Parse("7 listings node:ab")!;
        Assert.Equal(7L, parsed.Version);
        Assert.Equal(["listings", "node:ab"], parsed.Tags);
        Assert.Null(CacheChanges.Parse("not ours"));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    /// <summary>The built app run with a command on the node's PostgreSQL database, as an operator would.</summary>
    internal static async Task<(int Code, string Output, string Error)> RunCommandAsync(SiteFactory node, params string[] args)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["Site__DataPath"] = node.DataDir;
        start.Environment["Site__ImportOnStart"] = "false";
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["Database__ConnectionString"] = node.PostgresConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
