using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;

namespace Buurtplatform.Web.Mail;

/// <summary>
/// Sends with MailKit: over SMTP (STARTTLS, or TLS from the start on port 465; authentication when a user
/// name is set; <see cref="MailOptions.SmtpTimeout"/> per exchange), or, for <see cref="MailDelivery.Pickup"/>,
/// as .eml files in a folder only the site's user can read. The server's certificate passes the system's validation,
/// or is exactly the one pinned in <see cref="MailOptions.SmtpCertificateThumbprint"/>. One connection per message: the outbox sends
/// a few messages a minute, and a fresh connection cannot inherit a broken one's state.
/// </summary>
public sealed class MailKitSender(IOptions<MailOptions> options, IOptions<SiteOptions> site, IWebHostEnvironment env, ILogger<MailKitSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var o = options.Value;
        using var message = Compose(mail, o);
        if (o.Delivery == MailDelivery.Pickup)
        {
            var folder = PrivateFiles.EnsureFolder(PickupFolder(o, site.Value, env));
            await PrivateFiles.WriteAsync(Path.Combine(folder, Guid.NewGuid().ToString("N") + ".eml"), (file, token) => message.WriteToAsync(file, token), ct);
            return;
        }

        using var client = new SmtpClient { Timeout = (int)Math.Min(o.SmtpTimeout.TotalMilliseconds, int.MaxValue) };
        var pinned = MailOptions.PinnedCertificateHash(o.SmtpCertificateThumbprint);
        if (pinned is not null)
        {
            // The pin replaces the chain and host-name checks: a private relay's certificate has no public issuer and
            // often not the name we dial. Exactly this certificate, so a renewed one must be pinned again.
            client.ServerCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(pinned);
        }

        try
        {
            await client.ConnectAsync(o.SmtpHost!, o.SmtpPort, Security(o), ct);
            if (!string.IsNullOrEmpty(o.SmtpUserName))
                await client.AuthenticateAsync(o.SmtpUserName, o.SmtpPassword ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (SmtpCommandException e)
        {
            var reply = $"{(int)e.StatusCode} {e.Message}";
            if (IsPermanent(e))
                throw new PermanentMailException($"The server refused the message for good: {reply}", e);
            if (e.ErrorCode == SmtpErrorCode.SenderNotAccepted)
            {
                // Every message would meet the same refusal: it is our configuration, not this message. Retried, and said loudly.
                logger.LogError("The mail server refuses the sender {From} ({Reply}); check Mail:From and the server's rules", o.From, reply);
            }

            throw new TemporaryMailException($"{TemporaryMailException.ServerReplied} {reply}; the message is tried again later", e);
        }
        catch (SslHandshakeException e) when (e.ServerCertificate is not null)
        {
            // The offered thumbprint is what an operator compares with the relay's certificate before pinning it.
            logger.LogError(
                "The mail server {Host} offered a TLS certificate that was refused (SHA-256 {Offered}); {Why}",
                o.SmtpHost, Convert.ToHexString(e.ServerCertificate.GetCertHash(HashAlgorithmName.SHA256)),
                pinned is not null
                    ? "it is not the one in Mail:SmtpCertificateThumbprint"
                    : "the system does not trust it; for a relay with a self-signed or private-CA certificate set Mail:SmtpCertificateThumbprint");
            throw;
        }
        catch (AuthenticationException e)
        {
            logger.LogError("The mail server refuses the sign-in of {User} ({Reply}); check Mail:SmtpUserName and Mail:SmtpPassword", o.SmtpUserName, e.Message);
            throw;
        }
    }

    public static string PickupFolder(MailOptions o, SiteOptions site, IWebHostEnvironment env) =>
        Path.GetFullPath(Path.Combine(SiteOptions.Resolve(env, site.DataPath), o.PickupDirectory));

    /// <summary>
    /// A 5xx reply to the recipient (unknown mailbox) or to the message itself (refused content): this
    /// message will never go, so retrying is pointless. A 4xx (greylisting, a full mailbox, a busy server) is
    /// temporary; so is any 5xx about the connection or the sender, which would refuse every message alike.
    /// </summary>
    public static bool IsPermanent(SmtpCommandException e) =>
        (int)e.StatusCode is >= 500 and < 600 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;

    private static SecureSocketOptions Security(MailOptions o) =>
        !o.SmtpEnableSsl ? SecureSocketOptions.None
        : o.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect // "implicit TLS" submission (RFC 8314)
        : SecureSocketOptions.StartTls; // never StartTlsWhenAvailable: a server that drops STARTTLS must not get the password in clear

    private static MimeMessage Compose(OutgoingMail mail, MailOptions o)
    {
        // Plain text as UTF-8 quoted-printable: readable in a text editor for the pickup folder, safe for any server.
        var body = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        body.SetText("utf-8", mail.Body);
        MimeEntity content = body;
        if (mail.AttachmentName is not null && mail.AttachmentText is not null)
        {
            // A plain attachment, no METHOD (like the download): mail apps offer to add it, and nobody is asked to answer an invitation.
            var calendar = new TextPart("calendar") { ContentTransferEncoding = ContentEncoding.Base64, FileName = mail.AttachmentName };
            calendar.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = mail.AttachmentName };
            calendar.SetText("utf-8", mail.AttachmentText);
            content = new Multipart("mixed") { body, calendar };
        }

        var message = new MimeMessage { Subject = mail.Subject, Body = content };
        message.From.Add(new MailboxAddress(o.FromName, o.From));
        message.To.Add(MailboxAddress.TryParse(mail.To, out var to) ? to : throw new PermanentMailException("The recipient is not an e-mail address."));
        return message;
    }
}
