using System.Globalization;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Mail;

/// <summary>The outbox over a real SMTP exchange: delivery, an outage that loses nothing, recovery that sends each message once.</summary>
public sealed class OutboxTests
{
    internal static SiteFactory SiteWithSmtp(DatabaseKind kind, SmtpSink sink)
    {
        var site = new SiteFactory(kind);
        site.Settings["Mail:Delivery"] = "Smtp";
        site.Settings["Mail:SmtpHost"] = "127.0.0.1";
        site.Settings["Mail:SmtpPort"] = sink.Port.ToString(CultureInfo.InvariantCulture);
        site.Settings["Mail:SmtpEnableSsl"] = "false"; // a server on the same machine
        site.Settings["Mail:SmtpTimeout"] = "00:00:10";
        site.Settings["Mail:From"] = "buurtplatform@example.nl";
        return site;
    }

    internal static async Task QueueAsync(SiteFactory site, params string[] recipients)
    {
        await using var scope = site.Scope();
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        foreach (var to in recipients)
            outbox.Queue(to, "Uitnodiging voor het café", $"Beste {to},\n\nWelkom bij de koffieochtend. Één link: https://localhost/x\n");
        await scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>().SaveChangesAsync();
    }

    internal static async Task<OutboxRun> SendAsync(SiteFactory site)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task QueuedMailIsDeliveredOverSmtp(DatabaseKind kind)
    {
        using var sink = SmtpSink.Create();
        await sink.StartAsync();
        using var site = SiteWithSmtp(kind, sink);
        _ = site.HttpsClient();
        await QueueAsync(site, "ouder-van-niemand@example.nl");

        Assert.Equal(new OutboxRun(1, 0), await SendAsync(site));

        var mail = Assert.Single(sink.Messages);
        Assert.Equal("ouder-van-niemand@example.nl", mail.To);
        Assert.Equal("Uitnodiging voor het café", mail.Subject);
        Assert.Contains("Één link: https://localhost/x", mail.Body);
        var row = await site.WithDbAsync(db => db.MailOutbox.SingleAsync());
        Assert.Equal((1, FixedClock.DefaultNow.UtcDateTime, ""), (row.Attempts, row.SentUtc!.Value, row.Body)); // the body, which may hold a link, is not kept
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnOutageKeepsMailInTheOutboxAndRecoverySendsEachMessageExactlyOnce(DatabaseKind kind)
    {
        using var sink = SmtpSink.Create(); // not started: the mail server is down
        using var site = SiteWithSmtp(kind, sink);
        _ = site.HttpsClient();
        var recipients = new[] { "a@example.nl", "b@example.nl", "c@example.nl" };
        await QueueAsync(site, recipients);

        Assert.Equal(new OutboxRun(0, 3), await SendAsync(site));
        var rows = await site.WithDbAsync(db => db.MailOutbox.AsNoTracking().ToListAsync());
        Assert.All(rows, r =>
        {
            Assert.Null(r.SentUtc);
            Assert.Equal(1, r.Attempts);
            Assert.Equal(FixedClock.DefaultNow.UtcDateTime.AddMinutes(1), r.NextAttemptUtc);
            Assert.False(string.IsNullOrEmpty(r.LastError));
            Assert.NotEmpty(r.Body);
        });
        Assert.Equal(new OutboxRun(0, 0), await SendAsync(site)); // not due yet

        site.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new OutboxRun(0, 3), await SendAsync(site));
        Assert.All(await site.WithDbAsync(db => db.MailOutbox.AsNoTracking().ToListAsync()), r =>
        {
            Assert.Equal(2, r.Attempts);
            Assert.Equal(site.Clock.Now.UtcDateTime.AddMinutes(2), r.NextAttemptUtc); // backoff doubles
        });

        // The server comes back; two senders run at once (two instances, or the worker and a retry).
        await sink.StartAsync();
        site.Clock.Advance(TimeSpan.FromMinutes(2));
        var runs = await Task.WhenAll(SendAsync(site), SendAsync(site));
        Assert.Equal(3, runs.Sum(r => r.Sent));

        site.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(new OutboxRun(0, 0), await SendAsync(site));
        var received = sink.Messages.Select(m => m.To).Order().ToList();
        Assert.Equal(recipients, received); // none lost, none twice
        Assert.All(await site.WithDbAsync(db => db.MailOutbox.AsNoTracking().ToListAsync()), r =>
        {
            Assert.NotNull(r.SentUtc);
            Assert.Equal(3, r.Attempts);
            Assert.Null(r.LastError);
        });
    }

    [Fact]
    public async Task TheBackgroundWorkerSendsMailCausedByAPage()
    {
        using var sink = SmtpSink.Create();
        await sink.StartAsync();
        using var site = SiteWithSmtp(DatabaseKind.Sqlite, sink);
        site.Settings["Mail:WorkerEnabled"] = "true";
        site.Settings["Mail:PollInterval"] = "00:00:00.200";
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);

        await site.HttpsClient().SubmitAsync("/backoffice/wachtwoord-vergeten", new { Email = editor.Email });

        var mail = Assert.Single(await sink.WaitForAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(editor.Email, mail.To);
        Assert.Contains("/backoffice/wachtwoord-instellen?token=", mail.Body);
    }

    [Fact]
    public void RetriesBackOffExponentiallyUpToTheMaximum()
    {
        var o = new MailOptions();
        var delays = Enumerable.Range(1, 9).Select(a => OutboxSender.Backoff(a, o).TotalMinutes).ToList();
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
        Assert.Equal(TimeSpan.FromHours(1), OutboxSender.Backoff(1000, o));
    }
    [Fact]
    public void PickupDeliveryOutsideDevelopmentIsAnnouncedAtStartWithItsFolder()
    {
        // The default delivery (Pickup) in the test environment, which is not Development.
        using var pickup = new SiteFactory();
        _ = pickup.Services;
        var warning = Assert.Single(pickup.Logs.Entries, e => e.Category == typeof(MailSetup).FullName);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("NOT sent", warning.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(pickup.DataDir, "mail-pickup"), warning.Message, StringComparison.Ordinal);
        Assert.Contains("Mail:Delivery to Smtp", warning.Message, StringComparison.Ordinal);

        // Mail that is really sent needs no warning.
        using var smtp = new SiteFactory();
        smtp.Settings["Mail:Delivery"] = "Smtp";
        smtp.Settings["Mail:SmtpHost"] = "127.0.0.1";
        _ = smtp.Services;
        Assert.DoesNotContain(smtp.Logs.Entries, e => e.Category == typeof(MailSetup).FullName);
    }
}
