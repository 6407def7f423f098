using System.Security.Cryptography;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Buurtplatform.Tests.Mail;

/// <summary>
/// STARTTLS and sign-in end to end against a real aiosmtpd that takes mail only after AUTH, and AUTH only inside
/// TLS (smtp_auth_sink.py), with a self-signed certificate as a private relay has: pinned by
/// <c>Mail:SmtpCertificateThumbprint</c> it is used, otherwise it is refused before the password leaves.
/// </summary>
public sealed class SmtpTlsTests
{
    private const string User = "buurtplatform";
    private const string Password = "geheim wachtwoord 7";

    private static SiteFactory SiteSigningInTo(SmtpSink sink, string? thumbprint, string password = Password)
    {
        var site = OutboxTests.SiteWithSmtp(DatabaseKind.Sqlite, sink);
        site.Settings["Mail:SmtpEnableSsl"] = "true";
        site.Settings["Mail:SmtpUserName"] = User;
        site.Settings["Mail:SmtpPassword"] = password;
        if (thumbprint is not null)
            site.Settings["Mail:SmtpCertificateThumbprint"] = thumbprint;
        return site;
    }

    /// <summary>The thumbprint as <c>openssl x509 -fingerprint -sha256</c> prints it: AB:CD:….</summary>
    private static string OpenSslStyle(byte[] hash) => string.Join(':', hash.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    private static Task<OutboxMessage> RowAsync(SiteFactory site) => site.WithDbAsync(db => db.MailOutbox.AsNoTracking().SingleAsync());

    [Fact]
    public async Task WithThePinnedCertificateTheMailGoesOverStartTlsAfterSigningIn()
    {
        using var sink = SmtpSink.CreateWithSignIn(User, Password, startTls: true);
        await sink.StartAsync();
        using var site = SiteSigningInTo(sink, OpenSslStyle(sink.Certificate!.GetCertHash(HashAlgorithmName.SHA256)).ToLowerInvariant());
        _ = site.Services; // starts the site
        await OutboxTests.QueueAsync(site, "ouder@example.nl");

        Assert.Equal(new OutboxRun(1, 0), await OutboxTests.SendAsync(site));

        var mail = Assert.Single(sink.Messages);
        Assert.Equal("ouder@example.nl", mail.To);
        Assert.Contains("Één link: https://localhost/x", mail.Body);
        // One sign-in, inside TLS, accepted: the server takes no mail without it.
        Assert.Matches(@"^\S+ tls=yes user=buurtplatform ok=yes$", Assert.Single(sink.AuthAttempts));
        Assert.NotNull((await RowAsync(site)).SentUtc);
    }

    [Theory]
    [InlineData("not pinned")]
    [InlineData("another certificate pinned")]
    public async Task ACertificateThatIsNeitherPinnedNorTrustedIsRefusedBeforeThePasswordLeavesAndTheMailStaysInTheOutbox(string situation)
    {
        using var sink = SmtpSink.CreateWithSignIn(User, Password, startTls: true);
        await sink.StartAsync();
        var other = SHA256.HashData("een ander certificaat"u8.ToArray());
        using var site = SiteSigningInTo(sink, situation == "not pinned" ? null : OpenSslStyle(other));
        _ = site.Services; // starts the site
        await OutboxTests.QueueAsync(site, "ouder@example.nl");

        Assert.Equal(new OutboxRun(0, 1), await OutboxTests.SendAsync(site));
        Assert.Empty(sink.Messages);
        Assert.Empty(sink.AuthAttempts); // the password was not offered to a server we could not verify

        // Kept and retried with the backoff, not marked failed: the operator can pin the certificate.
        var row = await RowAsync(site);
        Assert.Equal((1, (DateTime?)null, (DateTime?)null), (row.Attempts, row.SentUtc, row.FailedUtc));
        Assert.Equal(FixedClock.DefaultNow.UtcDateTime.AddMinutes(1), row.NextAttemptUtc);
        Assert.NotEmpty(row.Body);
        site.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new OutboxRun(0, 1), await OutboxTests.SendAsync(site));
        Assert.Equal(2, (await RowAsync(site)).Attempts);

        // The log says the certificate was refused, which one it was, and the setting that accepts it.
        var refusals = site.Logs.Entries.Where(e => e.Category == typeof(MailKitSender).FullName && e.Level == LogLevel.Error).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, e =>
        {
            Assert.Contains("certificate that was refused", e.Message, StringComparison.Ordinal);
            Assert.Contains(Convert.ToHexString(sink.Certificate!.GetCertHash(HashAlgorithmName.SHA256)), e.Message, StringComparison.Ordinal);
            Assert.Contains("Mail:SmtpCertificateThumbprint", e.Message, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(Password, site.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTlsRequiredThePasswordIsNotSentToAServerThatOffersSignInWithoutStartTls()
    {
        using var sink = SmtpSink.CreateWithSignIn(User, Password, startTls: false);
        await sink.StartAsync();
        using (var site = SiteSigningInTo(sink, thumbprint: null))
        {
            _ = site.Services; // starts the site
            await OutboxTests.QueueAsync(site, "ouder@example.nl");

            Assert.Equal(new OutboxRun(0, 1), await OutboxTests.SendAsync(site));
            Assert.Empty(sink.AuthAttempts);
            Assert.Empty(sink.Messages);
            var row = await RowAsync(site);
            Assert.Null(row.FailedUtc); // retried: the server may be fixed
            Assert.Contains("STARTTLS", row.LastError);
        }

        // The server does take that password in clear text from a client that allows it: the refusal above is the client's.
        using var clear = SiteSigningInTo(sink, thumbprint: null);
        clear.Settings["Mail:SmtpEnableSsl"] = "false";
        _ = clear.Services;
        await OutboxTests.QueueAsync(clear, "ouder@example.nl");
        Assert.Equal(new OutboxRun(1, 0), await OutboxTests.SendAsync(clear));
        Assert.Matches(@"^\S+ tls=no user=buurtplatform ok=yes$", Assert.Single(sink.AuthAttempts));
    }

    [Fact]
    public async Task AWrongPasswordOverStartTlsIsRetriedAndTheLogNamesTheSettingsToCheck()
    {
        using var sink = SmtpSink.CreateWithSignIn(User, Password, startTls: true);
        await sink.StartAsync();
        using var site = SiteSigningInTo(sink, Convert.ToHexString(sink.Certificate!.GetCertHash(HashAlgorithmName.SHA256)), password: "een oud wachtwoord");
        _ = site.Services; // starts the site
        await OutboxTests.QueueAsync(site, "ouder@example.nl");

        Assert.Equal(new OutboxRun(0, 1), await OutboxTests.SendAsync(site));
        Assert.Empty(sink.Messages);
        Assert.All(sink.AuthAttempts, a => Assert.Matches(@"^\S+ tls=yes user=buurtplatform ok=no$", a));
        Assert.NotEmpty(sink.AuthAttempts);
        Assert.Null((await RowAsync(site)).FailedUtc);
        Assert.Contains(site.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("check Mail:SmtpUserName and Mail:SmtpPassword", StringComparison.Ordinal));
        Assert.DoesNotContain("een oud wachtwoord", site.Logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("2fd4e1c67a2d28fced849ee1bb76e7391b93eb12")] // SHA-1, not SHA-256
    [InlineData("zz:0f:3a:92:aa:01:9c:6e:5d:e7:14:38:c2:bb:90:47:11:0d:a5:6f:3e:28:c9:84:7b:e2:51:0a:96:d3:4c:18")]
    public void AThumbprintThatIsNotASha256InHexStopsTheStart(string thumbprint)
    {
        using var site = new SiteFactory();
        site.Settings["Mail:SmtpCertificateThumbprint"] = thumbprint;
        var error = Assert.ThrowsAny<Exception>(() => site.CreateClient());
        Assert.Contains("Mail:SmtpCertificateThumbprint must be the SHA-256", error.ToString(), StringComparison.Ordinal);
    }
}
