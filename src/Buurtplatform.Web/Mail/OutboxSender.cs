namespace Buurtplatform.Web.Mail;

/// <summary>What one pass over the outbox did.</summary>
public sealed record OutboxRun(int Sent, int Failed);

/// <summary>
/// Sends the messages that are due. Each message is claimed first with a conditional update that
/// pushes its next-attempt time ahead by a lease, so two workers (or the worker and a test) never
/// send the same message. A failure schedules the next attempt with exponential backoff.
/// </summary>
public sealed class OutboxSender(AppDbContext db, IMailSender sender, TimeProvider clock, IOptions<MailOptions> options, ILogger<OutboxSender> logger)
{
    private const int BatchSize = 50;

    public async Task<OutboxRun> SendDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.MailOutbox.AsNoTracking()
            .Where(m => m.SentUtc == null && m.FailedUtc == null && m.NextAttemptUtc <= now)
            .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);

        int sent = 0, failed = 0;
        foreach (var message in due)
        {
            var lease = now + o.SendLease;
            var claimed = await db.MailOutbox
                .Where(m => m.Id == message.Id && m.SentUtc == null && m.FailedUtc == null && m.NextAttemptUtc <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptUtc, lease), ct);
            if (claimed == 0)
                continue; // another worker has it

            var attempts = message.Attempts + 1;
            try
            {
                await sender.SendAsync(new OutgoingMail(message.To, message.Subject, message.Body, message.AttachmentName, message.AttachmentText), ct);
                await db.MailOutbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.SentUtc, now)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.Body, "")
                    .SetProperty(m => m.AttachmentText, (string?)null)
                    .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
                sent++;
            }
            catch (PermanentMailException e)
            {
                logger.LogError("Mail {Id} was refused for good after {Attempts} attempts: {Error}", message.Id, attempts, WithoutAddresses(e.Message));
                await db.MailOutbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.FailedUtc, now)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, Short(e)), CancellationToken.None);
                failed++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var next = now + Backoff(attempts, o);
                logger.LogWarning("Mail {Id} not sent (attempt {Attempts}), next try at {Next:u}: {Error}", message.Id, attempts, next, WithoutAddresses(Short(e)));
                await db.MailOutbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.NextAttemptUtc, next)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, Short(e)), CancellationToken.None);
                failed++;
            }
        }

        return new OutboxRun(sent, failed);
    }

    /// <summary>1, 2, 4, 8 … times <see cref="MailOptions.RetryDelay"/>, never more than <see cref="MailOptions.MaxRetryDelay"/>.</summary>
    public static TimeSpan Backoff(int attempts, MailOptions o)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(o.RetryDelay.Ticks * factor, o.MaxRetryDelay.Ticks));
        return delay < o.MaxRetryDelay ? delay : o.MaxRetryDelay;
    }

    /// <summary>
    /// Mail servers quote the recipient in their refusals ("5.1.1 &lt;ouder@…&gt;: unknown"); a parent's address
    /// must not reach the application log (docs/privacy.md). The outbox row keeps the full text.
    /// </summary>
    public static string WithoutAddresses(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"[^\s<>""'(),;:]+@[^\s<>""'(),;:]+", "<address>");

    /// <summary>The reason as stored and logged: the message, and the inner one unless the message already quotes it (a server's reply).</summary>
    private static string Short(Exception e) =>
        Short(e.InnerException is null || e.Message.Contains(e.InnerException.Message, StringComparison.Ordinal) ? e.Message : $"{e.Message} ({e.InnerException.Message})");

    private static string Short(string text) => text.Length <= 1000 ? text : text[..1000];
}
