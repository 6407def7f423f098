namespace Buurtplatform.Web.PartnerCalendars;

public static class PartnerCalendarSetup
{
    /// <summary>Options, the fetcher (one HTTP client for the site), the import and moderation, and the background fetch.</summary>
    public static IServiceCollection AddPartnerCalendars(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<PartnerCalendarOptions>().Bind(config.GetSection(PartnerCalendarOptions.Section))
            .Validate(PartnerCalendarOptions.IsValid, "PartnerCalendars: Timeout, MaxBytes (≤ 100 MB), MaxEvents, MaxDatesPerEvent positive; MaxRedirects 0-10; Horizon ≥ 7 days; FetchInterval ≥ 1 minute.")
            .ValidateOnStart();
        services.AddSingleton<CalendarFetcher>();
        services.AddScoped<PartnerCalendarImport>();
        services.AddScoped<PartnerEventPublishing>();
        services.AddHostedService<PartnerCalendarWorker>();
        return services;
    }
}

/// <summary>Fetches the partner calendars that are due, every <see cref="PartnerCalendarOptions.FetchInterval"/> / 4, on one node per round.</summary>
public sealed class PartnerCalendarWorker(PeriodicWork periodic, IOptions<PartnerCalendarOptions> options, ILogger<PartnerCalendarWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
            return Task.CompletedTask;

        // A quarter of the interval: a calendar is fetched within a quarter of its due time, and rounds with nothing due cost one query.
        var beat = options.Value.FetchInterval / 4;
        return periodic.RunAsync(beat, runAtStart: false,
            (services, ct) => services.GetRequiredService<PartnerCalendarImport>().RunDueAsync(ct),
            e => logger.LogWarning(e, "A partner calendar round failed; the next round tries again"), stoppingToken);
    }
}

/// <summary>The partner calendar pages' URLs.</summary>
public static class PartnerCalendarPaths
{
    public static string List(int wijkId) => $"/backoffice/wijken/{wijkId}/partneragendas";

    public static string Events(int wijkId) => $"/backoffice/wijken/{wijkId}/partneragendas/activiteiten";

    /// <summary>The confirmation step before removing a calendar (the list page's Remove handler).</summary>
    public static string Remove(int wijkId, int calendarId) => $"{List(wijkId)}?handler=Remove&calendarId={calendarId}";
}
