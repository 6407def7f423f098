using System.Diagnostics;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Mail;

/// <summary>
/// The outbox sent by two nodes at once on one PostgreSQL database, over a real SMTP server: slow, and down then
/// back. Every mail is delivered exactly once; the backoff ends when the server answers again.
/// </summary>
public sealed class SeveralNodesOutboxTests(ITestOutputHelper output)
{
    private static string[] Recipients(int count) => [.. Enumerable.Range(1, count).Select(i => $"ouder{i:00}@example.nl")];

    /// <summary>Each node sends until nothing is left that it can claim; both at the same time.</summary>
    private static async Task<int> BothSendAsync(SiteFactory a, SiteFactory b, Func<SiteFactory, Task<bool>> more)
    {
        async Task<int> Loop(SiteFactory node)
        {
            var sent = 0;
            var clock = Stopwatch.StartNew();
            while (await more(node))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "the outbox was never empty");
                sent += (await OutboxTests.SendAsync(node)).Sent;
                await Task.Delay(20);
            }

            return sent;
        }

        var runs = await Task.WhenAll(Loop(a), Loop(b));
        return runs.Sum();
    }

    [Fact]
    public async Task ASlowMailServerWithTwoNodesSendingGetsEveryMailExactlyOnce()
    {
        // Each message takes the server 1.2 s, longer than the lease of 1 s: only renewing the lease keeps the
        // other node off it. Real time here, as the server's slowness is real.
        using var sink = SmtpSink.Create("DELAY * 1.2");
        await sink.StartAsync();
        using var a = OutboxTests.SiteWithSmtp(DatabaseKind.Postgres, sink);
        a.Settings["Mail:SendLease"] = "00:00:01";
        a.TestServices = s => s.AddSingleton(TimeProvider.System);
        _ = a.HttpsClient();
        using var b = a.SecondInstance();
        _ = b.HttpsClient();
        var recipients = Recipients(8);
        await OutboxTests.QueueAsync(a, recipients);

        var sent = await BothSendAsync(a, b, node => node.WithDbAsync(db => db.MailOutbox.AnyAsync(m => m.SentUtc == null)));

        Assert.Equal(recipients.Length, sent);
        Assert.Equal(recipients, sink.Messages.Select(m => m.To).Order(StringComparer.Ordinal)); // none lost, none twice
        Assert.All(await a.WithDbAsync(db => db.MailOutbox.AsNoTracking().ToListAsync()), m => Assert.Equal((1, null), (m.Attempts, m.LeaseUntilUtc)));
        output.WriteLine($"Slow server, two nodes: {sink.Messages.Count} deliveries of {recipients.Length} mails");
    }

    [Fact]
    public async Task AServerDownAndBackGetsEveryMailExactlyOnceAndTheBackoffEndsWhenItAnswers()
    {
        using var sink = SmtpSink.Create(); // not started: the mail server is down
        using var a = OutboxTests.SiteWithSmtp(DatabaseKind.Postgres, sink);
        _ = a.HttpsClient();
        using var b = a.SecondInstance();
        _ = b.HttpsClient();
        var waiting = Recipients(6);
        await OutboxTests.QueueAsync(a, waiting);

        // Three rounds of both nodes failing: each message tried once per round, its wait doubling (1, 2, 4 minutes).
        foreach (var wait in new[] { 1, 2, 4 })
        {
            var runs = await Task.WhenAll(OutboxTests.SendAsync(a), OutboxTests.SendAsync(b));
            Assert.Equal((0, waiting.Length), (runs.Sum(r => r.Sent), runs.Sum(r => r.Failed)));
            Assert.All(await a.WithDbAsync(db => db.MailOutbox.AsNoTracking().ToListAsync()),
                m => Assert.Equal(a.Clock.Now.UtcDateTime.AddMinutes(wait), m.NextAttemptUtc));
            a.Clock.Advance(TimeSpan.FromMinutes(wait == 4 ? 1 : wait)); // after the third failure, only one of the four minutes passes
        }

        // The server is back; a new mail is due at once. It goes, and the six waiting ones go with it instead of three minutes later.
        await sink.StartAsync();
        await OutboxTests.QueueAsync(a, "nieuw@example.nl");
        var back = await Task.WhenAll(OutboxTests.SendAsync(a), OutboxTests.SendAsync(b));

        Assert.Equal(waiting.Length + 1, back.Sum(r => r.Sent));
        Assert.Equal(waiting.Append("nieuw@example.nl").Order(StringComparer.Ordinal), sink.Messages.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(await a.WithDbAsync(db => db.MailOutbox.AsNoTracking().ToListAsync()), m => Assert.NotNull(m.SentUtc));
        Assert.Contains(a.Logs.Entries.Concat(b.Logs.Entries), e => e.Message.Contains("answers again", StringComparison.Ordinal));

        // Nothing is sent twice later either.
        a.Clock.Advance(TimeSpan.FromHours(2));
        var later = await Task.WhenAll(OutboxTests.SendAsync(a), OutboxTests.SendAsync(b));
        Assert.Equal(0, later.Sum(r => r.Sent));
        Assert.Equal(waiting.Length + 1, sink.Messages.Count);
    }

    [Fact]
    public async Task AMessageOfANodeThatDiedWhileSendingIsSentByAnotherOnceItsLeaseRunsOut()
    {
        using var a = new SiteFactory(DatabaseKind.Postgres);
        _ = a.HttpsClient();
        using var b = a.SecondInstance();
        _ = b.HttpsClient();
        await OutboxTests.QueueAsync(a, "ouder@example.nl");
        // Node A claimed it (a lease of 5 minutes, the default) and died before it was sent.
        await a.WithDbAsync(db => db.MailOutbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntilUtc, a.Clock.Now.UtcDateTime.AddMinutes(5))));

        Assert.Equal(new Web.Mail.OutboxRun(0, 0), await OutboxTests.SendAsync(b)); // still A's
        a.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new Web.Mail.OutboxRun(1, 0), await OutboxTests.SendAsync(b));

        var row = await a.WithDbAsync(db => db.MailOutbox.AsNoTracking().SingleAsync());
        Assert.Equal((1, (DateTime?)null), (row.Attempts, row.LeaseUntilUtc));
        Assert.Single(MailFiles.Read(Path.Combine(a.DataDir, "mail-pickup")));
    }
}
