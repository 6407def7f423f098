namespace Buurtplatform.Web.Mail;

/// <summary>
/// Puts mail in the outbox. <see cref="Queue"/> only adds the row: the caller's SaveChangesAsync
/// stores it together with the change that caused it, and the worker sends it afterwards.
/// </summary>
public sealed class MailOutbox(AppDbContext db, TimeProvider clock)
{
    /// <param name="calendar">An appointment to attach: its file name and iCalendar text.</param>
    public OutboxMessage Queue(string to, string subject, string body, (string Name, string Text)? calendar = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            To = to, Subject = subject, Body = body, CreatedUtc = now, NextAttemptUtc = now,
            AttachmentName = calendar?.Name, AttachmentText = calendar?.Text,
        };
        db.MailOutbox.Add(message);
        return message;
    }
}
