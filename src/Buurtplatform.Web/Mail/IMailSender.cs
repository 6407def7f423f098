namespace Buurtplatform.Web.Mail;

/// <summary>A message ready to hand to the mail server, with at most one calendar attachment (an <c>.ics</c> file).</summary>
public sealed record OutgoingMail(string To, string Subject, string Body, string? AttachmentName = null, string? AttachmentText = null);

/// <summary>The seam to the mail server (tests and development use other transports than production).</summary>
public interface IMailSender
{
    /// <summary>Hands the message over, or throws. <see cref="PermanentMailException"/> means retrying cannot help.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>
/// The message can never be delivered (a 5xx reply to its recipient or content, an address that is not one):
/// the outbox marks it failed with this message as the reason and stops retrying it.
/// </summary>
public sealed class PermanentMailException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The server asked to try again later (a 4xx reply), or refused something every message would meet alike.</summary>
public sealed class TemporaryMailException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>How its message begins; the outbox keeps it as the reason, and tells these apart from an unreachable server by it.</summary>
    public const string ServerReplied = "The server answered";
}
