using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;

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
        services.AddScoped<SignUpMails>();
        services.AddScoped<SignUpJobs>();
        services.AddScoped<Staff.Inbox>();
        services.AddSingleton<TimeTrap>();
        services.AddSingleton<SignUpWriteGate>();
        services.AddHostedService<SignUpWorker>();

        var options = config.GetSection(SignUpOptions.Section).Get<SignUpOptions>() ?? new SignUpOptions();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimitPolicy, new SignUpRateLimit(options)));

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

    /// <summary>Per client address, posts only; opening a form is never limited. 429 with Retry-After and a plain-Dutch text.</summary>
    private sealed class SignUpRateLimit(SignUpOptions options) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, ct) =>
        {
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                ? (int)Math.Ceiling(retryAfter.TotalSeconds) : (int)options.RateWindow.TotalSeconds;
            var http = context.HttpContext;
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers.CacheControl = "no-store";
            var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(t["SignUp.TooMany", Math.Max(1, (seconds + 59) / 60)], ct);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) => HttpMethods.IsPost(httpContext.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.RateLimit,
                Window = options.RateWindow,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("read");
    }
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
