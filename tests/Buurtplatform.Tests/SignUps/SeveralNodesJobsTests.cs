using System.Diagnostics;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.SignUps;

/// <summary>
/// Two app nodes on one PostgreSQL database, both running their background workers (sign-up jobs and the mail
/// outbox): the reminders that fall due are queued once and delivered once, to each parent.
/// </summary>
public sealed class SeveralNodesJobsTests(ITestOutputHelper output)
{
    private const int Parents = 50;

    [Fact]
    public async Task RemindersDueWithBothNodesJobsRunningReachEachParentExactlyOnce()
    {
        using var a = SignUpKit.Site(DatabaseKind.Postgres);
        // Both nodes run every worker, every 100 ms (real time; the clock that decides what is due is the test's).
        a.Settings["SignUps:JobsEnabled"] = "true";
        a.Settings["SignUps:JobInterval"] = "00:00:00.100";
        a.Settings["Mail:WorkerEnabled"] = "true";
        a.Settings["Mail:PollInterval"] = "00:00:00.100";
        await a.SettingsAsync(SignUpKit.Evening, s => s.Capacity = Parents);
        var client = a.HttpsClient();
        for (var i = 1; i <= Parents; i++)
            await a.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent($"Ouder{i}", email: $"ouder{i}@example.nl"));
        using var b = a.SecondInstance();
        _ = b.HttpsClient(); // started: its workers run too
        var pickup = Path.Combine(a.DataDir, "mail-pickup");
        await UntilAsync(() => Task.FromResult(Reminders(pickup).Count == 0 && MailFiles.Read(pickup).Count >= Parents), "the confirmations were not all sent");

        // Monday 25 January 2027, 19.30 in Amsterdam: the reminders for Tuesday's evening are due, on both nodes at once.
        a.Clock.Now = new DateTimeOffset(2027, 1, 25, 18, 30, 0, TimeSpan.Zero);
        await UntilAsync(async () => Reminders(pickup).Count >= Parents
            && await a.WithDbAsync(db => db.MailOutbox.AllAsync(m => m.SentUtc != null)), "the reminders were not all sent");

        // Let both nodes run more rounds: nothing more may come.
        var rounds = Stopwatch.StartNew();
        while (rounds.Elapsed < TimeSpan.FromSeconds(1))
            await Task.Delay(100);
        var reminders = Reminders(pickup);
        Assert.Equal(Parents, reminders.Count);
        Assert.Equal(Enumerable.Range(1, Parents).Select(i => $"ouder{i}@example.nl").Order(StringComparer.Ordinal),
            reminders.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.Equal(Parents, await a.WithDbAsync(db => db.SignUps.CountAsync(s => s.ReminderSentUtc != null)));
        var duplicates = MailFiles.Read(pickup).GroupBy(m => (m.To, m.Subject)).Count(g => g.Count() > 1);
        Assert.Equal(0, duplicates);
        output.WriteLine($"{reminders.Count} reminders to {Parents} parents with two nodes' workers running; duplicate mails: {duplicates}");
    }

    private static List<ReceivedMail> Reminders(string pickup) =>
        MailFiles.Read(pickup).Where(m => m.Subject.StartsWith("Herinnering", StringComparison.Ordinal)).ToList();

    private static async Task UntilAsync(Func<Task<bool>> condition, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), failure);
            await Task.Delay(50);
        }
    }
}
