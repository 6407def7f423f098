using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Buurtplatform.Tests.Mail;

/// <summary>
/// What the outbox does with a mail server's refusals, over a real SMTP exchange (aiosmtpd answering chosen
/// addresses with chosen replies): a 5xx to a recipient or a message is final, a 4xx is retried.
/// </summary>
public sealed class SmtpReplyTests
{
    private static Task<List<OutboxMessage>> RowsAsync(SiteFactory site) =>
        site.WithDbAsync(db => db.MailOutbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task AFiveHundredReplyToARecipientOrAMessageMarksItFailedWithTheServersReasonAndItIsNeverRetried()
    {
        using var sink = SmtpSink.Create(
            "RCPT onbekend@example.nl 550 5.1.1 User unknown",
            "DATA geweigerd@example.nl 554 5.7.1 Message refused by policy");
        await sink.StartAsync();
        using var site = OutboxTests.SiteWithSmtp(DatabaseKind.Sqlite, sink);
        _ = site.Services; // starts the site
        await OutboxTests.QueueAsync(site, "onbekend@example.nl", "geweigerd@example.nl", "ouder@example.nl");

        Assert.Equal(new OutboxRun(1, 2), await OutboxTests.SendAsync(site));

        var rows = await RowsAsync(site);
        Assert.All(rows.Take(2), r =>
        {
            Assert.Equal(FixedClock.DefaultNow.UtcDateTime, r.FailedUtc);
            Assert.Null(r.SentUtc);
            Assert.Equal(1, r.Attempts);
        });
        Assert.Contains("550 5.1.1 User unknown", rows[0].LastError);
        Assert.Contains("554 5.7.1 Message refused by policy", rows[1].LastError);
        Assert.NotNull(rows[2].SentUtc);

        // Hours later nothing is tried again: the server said no for good.
        site.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(new OutboxRun(0, 0), await OutboxTests.SendAsync(site));
        Assert.Equal(["ouder@example.nl"], sink.Messages.Select(m => m.To));
        Assert.Equal([1, 1, 1], (await RowsAsync(site)).Select(r => r.Attempts));

        // The log says why, without the parent's address.
        var errors = site.Logs.Entries.Where(e => e.Category == typeof(OutboxSender).FullName && e.Level == LogLevel.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Message.Contains("550 5.1.1 User unknown", StringComparison.Ordinal));
        Assert.DoesNotContain("onbekend@example.nl", site.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFourHundredReplyIsTemporaryTheMessageIsRetriedWithBackoffUntilTheServerTakesIt()
    {
        using var sink = SmtpSink.Create(
            "RCPT grijs@example.nl 451 4.7.1 Greylisted, please try again later",
            "DATA vol@example.nl 452 4.2.2 Mailbox full");
        await sink.StartAsync();
        using var site = OutboxTests.SiteWithSmtp(DatabaseKind.Sqlite, sink);
        _ = site.Services; // starts the site
        await OutboxTests.QueueAsync(site, "grijs@example.nl", "vol@example.nl");

        Assert.Equal(new OutboxRun(0, 2), await OutboxTests.SendAsync(site));
        var rows = await RowsAsync(site);
        Assert.All(rows, r =>
        {
            Assert.Null(r.FailedUtc);
            Assert.Equal(1, r.Attempts);
            Assert.Equal(FixedClock.DefaultNow.UtcDateTime.AddMinutes(1), r.NextAttemptUtc);
        });
        Assert.Contains("451 4.7.1 Greylisted", rows[0].LastError);
        Assert.Contains("452 4.2.2 Mailbox full", rows[1].LastError);

        site.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new OutboxRun(0, 2), await OutboxTests.SendAsync(site));
        Assert.All(await RowsAsync(site), r => Assert.Equal(2, r.Attempts));

        // The server takes them now.
        sink.Stop();
        sink.Rules = [];
        await sink.StartAsync();
        site.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new OutboxRun(2, 0), await OutboxTests.SendAsync(site));
        Assert.Equal(["grijs@example.nl", "vol@example.nl"], sink.Messages.Select(m => m.To).Order());
        Assert.All(await RowsAsync(site), r => Assert.Equal((3, null, null), (r.Attempts, r.FailedUtc, r.LastError)));
    }

    [Fact]
    public async Task ARefusedSenderIsOurConfigurationSoMessagesAreRetriedAndTheLogSaysWhatToCheck()
    {
        using var sink = SmtpSink.Create("MAIL buurtplatform@example.nl 553 5.7.1 Sender address rejected: not owned by user");
        await sink.StartAsync();
        using var site = OutboxTests.SiteWithSmtp(DatabaseKind.Sqlite, sink);
        _ = site.Services; // starts the site
        await OutboxTests.QueueAsync(site, "ouder@example.nl");

        Assert.Equal(new OutboxRun(0, 1), await OutboxTests.SendAsync(site));
        var row = Assert.Single(await RowsAsync(site));
        Assert.Null(row.FailedUtc);
        Assert.Contains("553 5.7.1", row.LastError);
        Assert.Contains(site.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("check Mail:From", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithTlsRequiredNothingIsSentToAServerThatOffersNoStartTls()
    {
        using var sink = SmtpSink.Create(); // plain SMTP only
        await sink.StartAsync();
        using var site = OutboxTests.SiteWithSmtp(DatabaseKind.Sqlite, sink);
        site.Settings["Mail:SmtpEnableSsl"] = "true";
        site.Settings["Mail:SmtpUserName"] = "buurtplatform";
        site.Settings["Mail:SmtpPassword"] = "geheim wachtwoord";
        _ = site.Services; // starts the site
        await OutboxTests.QueueAsync(site, "ouder@example.nl");

        Assert.Equal(new OutboxRun(0, 1), await OutboxTests.SendAsync(site));
        var row = Assert.Single(await RowsAsync(site));
        Assert.Null(row.FailedUtc); // a server that is set up wrongly now may be fixed: retried
        Assert.Contains("STARTTLS", row.LastError);
        Assert.Empty(sink.Messages);
    }
}
