namespace Buurtplatform.Web.Mail;

/// <summary>
/// A message waiting to be sent, or sent. Mail is written here in the same transaction as the change
/// that causes it, and the <see cref="OutboxWorker"/> delivers it with retries: an SMTP outage delays
/// mail but loses none.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    /// <summary>Plain text. Emptied once sent: bodies may hold one-time links, which are secrets.</summary>
    public string Body { get; set; } = "";

    /// <summary>The file name of the one text attachment (an appointment as <c>.ics</c>), or null.</summary>
    public string? AttachmentName { get; set; }

    /// <summary>The attachment's text (UTF-8, <c>text/calendar</c>); emptied with the body once sent.</summary>
    public string? AttachmentText { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Delivery attempts so far, successful or not.</summary>
    public int Attempts { get; set; }

    /// <summary>Not before this time. While a worker sends, it is pushed ahead as a lease, so no two workers send the same message.</summary>
    public DateTime NextAttemptUtc { get; set; }

    public DateTime? SentUtc { get; set; }

    /// <summary>Set when the server refused the recipient for good; such a message is not retried.</summary>
    public DateTime? FailedUtc { get; set; }

    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("MailOutbox");
        b.Property(m => m.To).HasMaxLength(256);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.Property(m => m.AttachmentName).HasMaxLength(200);
        b.HasIndex(m => new { m.SentUtc, m.NextAttemptUtc });
    }
}
