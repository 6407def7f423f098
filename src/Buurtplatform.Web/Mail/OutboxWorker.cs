using Microsoft.Extensions.Options;

namespace Buurtplatform.Web.Mail;

/// <summary>Sends the outbox every <see cref="MailOptions.PollInterval"/> while the site runs.</summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, IOptions<MailOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
            return;

        // A real-time timer: the outbox's due times follow the app's TimeProvider, the polling need not.
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly unavailable; the next tick tries again.
                logger.LogError(e, "The mail outbox could not be processed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
