namespace Buurtplatform.Web.Mail;

/// <summary>Sends the outbox every <see cref="MailOptions.PollInterval"/> while the site runs.</summary>
public sealed class OutboxWorker(PeriodicWork periodic, IOptions<MailOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.WorkerEnabled
            ? periodic.RunAsync(options.Value.PollInterval, runAtStart: true,
                (services, ct) => services.GetRequiredService<OutboxSender>().SendDueAsync(ct),
                e => logger.LogError(e, "The mail outbox could not be processed"), stoppingToken)
            : Task.CompletedTask;
}
