using Microsoft.AspNetCore.Mvc.Filters;

namespace Buurtplatform.Web.SignUps;

public static class SignUpSetup
{
    /// <summary>Rate-limit policy on the parents' sign-up posts (the form and the personal link's buttons).</summary>
    public const string RateLimitPolicy = "sign-up";

    /// <summary>Options, the sign-up services, the background jobs, the rate limit, and logging that never sees a personal link.</summary>
    public static IServiceCollection AddSignUps(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SignUpOptions>().Bind(config.GetSection(SignUpOptions.Section))
            .Validate(SignUpOptions.IsValid, "SignUps: RetentionDays 1-3650, MaximumFormAge above MinimumFillTime, RateLimit/RateWindow/JobInterval positive, MaxChildren 1-20, RemarkMaxLength 20-2000, DatesOffered 1-52, FollowUpWorkingDays 0-20, ContactLanguages ISO 639 codes.")
            .ValidateOnStart();
        services.AddScoped<SignUpDates>();
        services.AddScoped<SignUpBook>();
        services.AddSingleton<Public.SignUpFormSnapshots>();
        services.AddScoped<SignUpMails>();
        services.AddScoped<DateChangeNotices>();
        services.AddScoped<SignUpJobs>();
        services.AddScoped<Staff.Inbox>();
        services.AddSingleton<TimeTrap>();
        services.AddSingleton<SignUpWriteGate>();
        services.AddHostedService<SignUpWorker>();

        var options = config.GetSection(SignUpOptions.Section).Get<SignUpOptions>() ?? new SignUpOptions();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimitPolicy, new PostRateLimit(options.RateLimit, options.RateWindow)));

        // The host's request start/finish lines hold the full path, and a personal link's path holds its
        // token: never written, whatever level is configured. HTTP logging is off for the same reason.
        services.Configure<LoggerFilterOptions>(o =>
        {
            o.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning, null));
            o.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore.HttpLogging", LogLevel.None, null));
        });
        return services;
    }

    /// <summary>First in the pipeline: personal links' tokens leave the path before anything can log or route it.</summary>
    public static IApplicationBuilder UseSignUpLinks(this IApplicationBuilder app) => app.UsePersonalLinks();
}

/// <summary>
/// The page shows (or takes) a parent's personal data: the answer is never stored by a browser or proxy
/// (<c>Cache-Control: no-store</c>), and the page has no <c>[OutputCache]</c>. <see cref="NoReferrer"/>
/// for pages whose URL holds a personal link.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PersonalDataAttribute : Attribute, IResourceFilter
{
    public bool NoReferrer { get; set; }

    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var response = context.HttpContext.Response;
        response.OnStarting(() =>
        {
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
            if (NoReferrer)
                response.Headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}

/// <summary>
/// Lets at most <see cref="SignUpOptions.MaxConcurrentWrites"/> sign-up writes of this process wait for a slot's
/// lock at once. Correctness does not depend on it (the database lock does that, across instances too); it
/// keeps a burst from taking every pooled connection, which would time out requests waiting for one.
/// </summary>
public sealed class SignUpWriteGate(IOptions<SignUpOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(options.Value.MaxConcurrentWrites);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _semaphore.WaitAsync(ct);
        return new Pass(_semaphore);
    }

    public void Dispose() => _semaphore.Dispose();

    private sealed class Pass(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                semaphore.Release();
        }
    }
}
