using System.Globalization;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.Mail;
using Buurtplatform.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.SignUps;

/// <summary>Sign-up mail over a real SMTP exchange (aiosmtpd): delivered, and during an outage kept and sent once it recovers.</summary>
public sealed class SignUpMailSmtpTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheConfirmationIsKeptThroughAMailServerOutageAndDeliveredOnceWhenItRecovers(DatabaseKind kind)
    {
        using var sink = SmtpSink.Create(); // not started: the mail server is down
        using var site = SignUpKit.Site(kind);
        site.Settings["Mail:Delivery"] = "Smtp";
        site.Settings["Mail:SmtpHost"] = "127.0.0.1";
        site.Settings["Mail:SmtpPort"] = sink.Port.ToString(CultureInfo.InvariantCulture);
        site.Settings["Mail:SmtpEnableSsl"] = "false";
        site.Settings["Mail:SmtpTimeout"] = "00:00:10";
        var client = site.HttpsClient();

        // The sign-up is acknowledged although no mail can go: it is committed with its mail in the outbox.
        var response = await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Sanne", email: "sanne@example.nl"));
        Assert.Equal("U bent aangemeld", (await client.FollowAsync(response)).QuerySelector("h1").Text());
        Assert.Equal(new OutboxRun(0, 1), await SendAsync(site));
        var waiting = await site.WithDbAsync(db => db.MailOutbox.AsNoTracking().SingleAsync());
        Assert.Equal((1, (DateTime?)null), (waiting.Attempts, waiting.SentUtc));
        Assert.Empty(sink.Messages);

        await sink.StartAsync();
        site.Clock.Advance(TimeSpan.FromMinutes(1));
        var runs = await Task.WhenAll(SendAsync(site), SendAsync(site)); // two senders at once: still one mail
        Assert.Equal(1, runs.Sum(r => r.Sent));
        site.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new OutboxRun(0, 0), await SendAsync(site));

        var mail = Assert.Single(sink.Messages);
        Assert.Equal("sanne@example.nl", mail.To);
        Assert.Equal("Aangemeld: Peutergedrag: een avond voor ouders", mail.Subject);
        Assert.Contains("/mijn-aanmelding/", mail.Body);
        Assert.Contains("Beste Sanne,", mail.Body);
        var link = new Uri(mail.Link("/mijn-aanmelding/")).AbsolutePath;
        Assert.Contains("Sanne", (await client.GetDocumentAsync(link)).MainText());
    }

    private static async Task<OutboxRun> SendAsync(SiteFactory site)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
    }
}
