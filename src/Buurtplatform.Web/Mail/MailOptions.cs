namespace Buurtplatform.Web.Mail;

public enum MailDelivery
{
    /// <summary>Write each message as an .eml file into <see cref="MailOptions.PickupDirectory"/> (development).</summary>
    Pickup,

    /// <summary>Send through the SMTP server in <see cref="MailOptions.SmtpHost"/> (production).</summary>
    Smtp,
}

/// <summary>Outgoing mail (section <c>Mail</c>). Defaults in code; configuration overrides them.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary><c>Pickup</c> (default: files you can open, no server needed) or <c>Smtp</c>.</summary>
    public MailDelivery Delivery { get; set; } = MailDelivery.Pickup;

    /// <summary>Folder for <c>Pickup</c>, relative to <c>Site:DataPath</c>. Default <c>mail-pickup</c>.</summary>
    public string PickupDirectory { get; set; } = "mail-pickup";

    /// <summary>The sender address. Default <c>noreply@buurtplatform.invalid</c>; set a real one in production.</summary>
    public string From { get; set; } = "noreply@buurtplatform.invalid";

    /// <summary>Name shown with <see cref="From"/>. Default "Buurtplatform".</summary>
    public string FromName { get; set; } = "Buurtplatform";

    /// <summary>SMTP server; required when <see cref="Delivery"/> is <c>Smtp</c>. No default.</summary>
    public string? SmtpHost { get; set; }

    /// <summary>SMTP port. Default 587 (submission with STARTTLS).</summary>
    public int SmtpPort { get; set; } = 587;

    /// <summary>STARTTLS before authenticating. Default true; only a server on the same machine may do without.</summary>
    public bool SmtpEnableSsl { get; set; } = true;

    /// <summary>
    /// For a relay with a self-signed or private-CA certificate: the SHA-256 of that certificate in hex (colons and
    /// spaces allowed, as <c>openssl x509 -noout -fingerprint -sha256</c> prints it). When set, exactly that
    /// certificate is accepted, whatever its issuer, host name or dates, and no other. Default empty: the system's
    /// validation (a trusted issuer, the host name, in date).
    /// </summary>
    public string? SmtpCertificateThumbprint { get; set; }

    /// <summary>SMTP user name; empty for a server that needs none. Default empty.</summary>
    public string? SmtpUserName { get; set; }

    /// <summary>SMTP password; set it through an environment variable or a secrets store, not in a file in the repository. Default empty.</summary>
    public string? SmtpPassword { get; set; }

    /// <summary>How long one SMTP exchange may take. Default 30 seconds.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Run the background worker that sends the outbox. Default true; every node may run it (each message is claimed with a lease).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks for due messages. Default 15 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Wait after the first failed attempt; it doubles after each further failure. Default 1 minute.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between attempts. Messages are retried at this pace until they go. Default 1 hour.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The lease a node takes on a message it sends, counted from the claim and renewed every third of it while the
    /// server takes its time; when the node dies, another sends the message once the lease has run out. Default 5 minutes.
    /// </summary>
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The bytes of a <see cref="SmtpCertificateThumbprint"/>: null when it is empty, or when it is not 64 hex
    /// digits (a SHA-1 thumbprint, a typo), which the start-up check refuses.
    /// </summary>
    public static byte[]? PinnedCertificateHash(string? thumbprint)
    {
        var hex = string.Concat((thumbprint ?? "").Where(c => c is not (':' or ' ')));
        if (hex.Length != 64)
            return null;
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
