namespace Buurtplatform.Web.Mail;

/// <summary>What one pass over the outbox did.</summary>
public sealed record OutboxRun(int Sent, int Failed);

/// <summary>
/// Sends the messages that are due, on any number of nodes at once. Each message is claimed first with a
/// conditional update that gives this node a lease on it (<see cref="OutboxMessage.LeaseUntilUtc"/>), counted
/// from the moment of the claim and renewed while the mail server takes its time, so no other node sends it
/// meanwhile; a node that dies leaves a lease that runs out, and the message is sent by another. A failure
/// schedules the next attempt with exponential backoff; the first message the server takes again makes every
/// message waiting in backoff due at once (the outage is over, so their waits are too).
/// </summary>
public sealed class OutboxSender(AppDbContext db, IMailSender sender, TimeProvider clock, IOptions<MailOptions> options,
    IServiceScopeFactory scopes, ILogger<OutboxSender> logger)
{
    private const int BatchSize = 50;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<OutboxRun> SendDueAsync(CancellationToken ct)
    {
        var run = await SendBatchAsync(ct);
        // A batch that ended an outage made the waiting messages due: send them now, not a poll interval later.
        if (run.Reset)
        {
            var more = await SendBatchAsync(ct);
            return new OutboxRun(run.Sent + more.Sent, run.Failed + more.Failed);
        }

        return new OutboxRun(run.Sent, run.Failed);
    }

    private async Task<(int Sent, int Failed, bool Reset)> SendBatchAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = Now;
        var due = await db.MailOutbox.AsNoTracking()
            .Where(m => m.SentUtc == null && m.FailedUtc == null && m.NextAttemptUtc <= now && (m.LeaseUntilUtc == null || m.LeaseUntilUtc <= now))
            .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);

        int sent = 0, failed = 0;
        var reset = false;
        foreach (var message in due)
        {
            // The lease counts from the claim, not from the start of the batch: a slow server earlier in the
            // batch must not leave this message's lease half spent before it is even tried.
            var claimedAt = Now;
            var lease = claimedAt + o.SendLease;
            var claimed = await db.MailOutbox
                .Where(m => m.Id == message.Id && m.SentUtc == null && m.FailedUtc == null && m.NextAttemptUtc <= claimedAt
                    && (m.LeaseUntilUtc == null || m.LeaseUntilUtc <= claimedAt))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntilUtc, lease), ct);
            if (claimed == 0)
                continue; // another node has it

            var attempts = message.Attempts + 1;
            try
            {
                await SendHoldingLeaseAsync(message, lease, ct);
                await db.MailOutbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.SentUtc, Now)
                    .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.Body, "")
                    .SetProperty(m => m.AttachmentText, (string?)null)
                    .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
                sent++;
                if (!reset)
                {
                    reset = true;
                    await EndBackoffAsync();
                }
            }
            catch (PermanentMailException e)
            {
                logger.LogError("Mail {Id} was refused for good after {Attempts} attempts: {Error}", message.Id, attempts, WithoutAddresses(e.Message));
                await db.MailOutbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.FailedUtc, Now)
                    .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, Short(e)), CancellationToken.None);
                failed++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var next = Now + Backoff(attempts, o);
                logger.LogWarning("Mail {Id} not sent (attempt {Attempts}), next try at {Next:u}: {Error}", message.Id, attempts, next, WithoutAddresses(Short(e)));
                await db.MailOutbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.NextAttemptUtc, next)
                    .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, Short(e)), CancellationToken.None);
                failed++;
            }
        }

        return (sent, failed, reset && await AnyDueAsync(ct));
    }

    /// <summary>
    /// Sends while renewing the lease every third of <see cref="MailOptions.SendLease"/>, on a context of its own
    /// (this one is not to be used by two tasks at once). A renewal only extends the lease this node holds.
    /// </summary>
    private async Task SendHoldingLeaseAsync(OutboxMessage message, DateTime lease, CancellationToken ct)
    {
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewing = RenewAsync(message.Id, lease, sending.Token);
        try
        {
            await sender.SendAsync(new OutgoingMail(message.To, message.Subject, message.Body, message.AttachmentName, message.AttachmentText), ct);
        }
        finally
        {
            await sending.CancelAsync();
            await renewing;
        }
    }

    private async Task RenewAsync(long id, DateTime lease, CancellationToken ct)
    {
        var every = options.Value.SendLease / 3;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var renewals = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            while (true)
            {
                await Task.Delay(every, clock, ct);
                var next = Now + options.Value.SendLease;
                var renewed = await renewals.MailOutbox.Where(m => m.Id == id && m.SentUtc == null && m.LeaseUntilUtc == lease)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntilUtc, next), ct);
                if (renewed == 0)
                    return;
                lease = next;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Sent (or failed): the lease is no longer needed.
        }
        catch (Exception e)
        {
            logger.LogWarning("The lease of mail {Id} could not be renewed: {Error}", id, e.Message);
        }
    }

    /// <summary>
    /// The mail server answers again: every message waiting in backoff because the server could not be reached
    /// is due now. One the server itself put off (a 4xx reply for that recipient, <see cref="TemporaryMailException"/>)
    /// keeps its wait: the server said "later" about that message, not about itself.
    /// </summary>
    private async Task EndBackoffAsync()
    {
        var now = Now;
        var waiting = await db.MailOutbox.Where(m => m.SentUtc == null && m.FailedUtc == null && m.Attempts > 0 && m.NextAttemptUtc > now
                && !(m.LastError ?? "").StartsWith(TemporaryMailException.ServerReplied))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptUtc, now), CancellationToken.None);
        if (waiting > 0)
            logger.LogInformation("The mail server answers again: {Count} waiting messages are due now", waiting);
    }

    private Task<bool> AnyDueAsync(CancellationToken ct)
    {
        var now = Now;
        return db.MailOutbox.AnyAsync(m => m.SentUtc == null && m.FailedUtc == null && m.NextAttemptUtc <= now && (m.LeaseUntilUtc == null || m.LeaseUntilUtc <= now), ct);
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
