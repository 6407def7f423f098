using System.Threading.RateLimiting;

namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// The rate limit of parents' forms (sign-ups, ideas on the vision): per client address, posts only; opening a
/// form is never limited. 429 with Retry-After and a plain-Dutch text. Each policy name counts on its own.
/// </summary>
public sealed class PostRateLimit(int permitLimit, TimeSpan window) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, ct) =>
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Ceiling(retryAfter.TotalSeconds) : (int)window.TotalSeconds;
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(t.Plural("SignUp.TooMany", Math.Max(1, (seconds + 59) / 60)), ct);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => HttpMethods.IsPost(httpContext.Request.Method)
        ? RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
        })
        : RateLimitPartition.GetNoLimiter("read");
}
