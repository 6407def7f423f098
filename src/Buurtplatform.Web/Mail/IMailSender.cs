namespace Buurtplatform.Web.Mail;

/// <summary>A message ready to hand to the mail server.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body);

/// <summary>The seam to the mail server (tests and development use other transports than production).</summary>
public interface IMailSender
{
    /// <summary>Hands the message over, or throws. <see cref="PermanentMailException"/> means retrying cannot help.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>The server refused the message for good (an unknown recipient): the outbox stops retrying it.</summary>
public sealed class PermanentMailException(string message, Exception inner) : Exception(message, inner);
