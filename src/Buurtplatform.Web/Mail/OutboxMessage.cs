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

    /// <summary>Not before this time: the time it was written, or the next try after a failure (back-off).</summary>
    public DateTime NextAttemptUtc { get; set; }

    /// <summary>
    /// While a node sends it: the time until which that node holds it (a lease), renewed while the mail server
    /// takes its time, so no other node sends it meanwhile. A lease that passed (its node died) frees it again.
    /// </summary>
    public DateTime? LeaseUntilUtc { get; set; }

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
