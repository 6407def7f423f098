using System.Net;
using System.Net.Mail;
using System.Text;
using Buurtplatform.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Buurtplatform.Web.Mail;

/// <summary>
/// Sends with System.Net.Mail's <see cref="SmtpClient"/>: over SMTP, or, for <see cref="MailDelivery.Pickup"/>,
/// into a folder as .eml files. A new client per message, because SmtpClient is not thread-safe.
/// </summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options, IOptions<SiteOptions> site, IWebHostEnvironment env) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var o = options.Value;
        using var message = new MailMessage
        {
            From = new MailAddress(o.From, o.FromName),
            Subject = mail.Subject,
            Body = mail.Body,
            IsBodyHtml = false,
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            // Readable in a text editor for the pickup folder; safe for any SMTP server.
            BodyTransferEncoding = System.Net.Mime.TransferEncoding.QuotedPrintable,
        };
        message.To.Add(new MailAddress(mail.To));

        using var client = new SmtpClient { Timeout = (int)o.SmtpTimeout.TotalMilliseconds };
        if (o.Delivery == MailDelivery.Pickup)
        {
            var folder = PickupFolder(o, site.Value, env);
            Directory.CreateDirectory(folder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = folder;
        }
        else
        {
            client.DeliveryMethod = SmtpDeliveryMethod.Network;
            client.Host = o.SmtpHost!;
            client.Port = o.SmtpPort;
            client.EnableSsl = o.SmtpEnableSsl;
            if (!string.IsNullOrEmpty(o.SmtpUserName))
                client.Credentials = new NetworkCredential(o.SmtpUserName, o.SmtpPassword);
        }

        try
        {
            await client.SendMailAsync(message, ct);
        }
        catch (SmtpFailedRecipientException e) when (IsPermanent(e.StatusCode))
        {
            throw new PermanentMailException($"The server refused the recipient ({e.StatusCode}).", e);
        }
    }

    public static string PickupFolder(MailOptions o, SiteOptions site, IWebHostEnvironment env) =>
        Path.GetFullPath(Path.Combine(SiteOptions.Resolve(env, site.DataPath), o.PickupDirectory));

    // 5xx replies about the mailbox: it does not exist or will never accept this message.
    private static bool IsPermanent(SmtpStatusCode code) =>
        code is SmtpStatusCode.MailboxUnavailable or SmtpStatusCode.UserNotLocalTryAlternatePath or SmtpStatusCode.MailboxNameNotAllowed;
}
