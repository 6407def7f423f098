using System.Collections.Concurrent;

namespace Buurtplatform.Web.Backoffice;

/// <summary>
/// Logs refused backoffice requests of signed-in staff (ASVS V7.2.2): every 403 (out of scope, administrators
/// only) and every 404 of a backoffice page (an id that is not theirs, or does not exist). One Warning line
/// names the status, the page's route (the kind of resource, e.g. <c>backoffice/wijken/{wijkId:int}</c>), the
/// scoped ids asked for, the method, and the person by account id and role: no name, address, client address
/// or parent's data. At most one line per person and kind of resource per <see cref="Interval"/>; the next
/// line says how many were left out, so a script probing ids cannot flood the log.
/// </summary>
/// <remarks>
/// The middleware runs before authorization, so it also sees the policy's own 403s (which end the pipeline
/// there); it reads the person after the rest of the pipeline has run, when authentication has set them.
/// </remarks>
public sealed class RefusedAccessLog(TimeProvider clock, ILogger<RefusedAccessLog> logger) : IMiddleware
{
    /// <summary>One line per person and kind of resource per this much time.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Above this many remembered (person, kind) pairs, those older than <see cref="Interval"/> are dropped.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<(string User, string Kind), Window> _windows = new();

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        var status = context.Response.StatusCode;
        if (status is not (StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound)
            || !BackofficePaths.IsBackofficePath(context.Request.Path)
            || StaffScope.UserId(context.User) is not { } userId
            || context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return;
        }

        var kind = endpoint.RoutePattern.RawText ?? endpoint.DisplayName ?? "unknown";
        var ids = string.Join(", ", ScopedRouteValues.All
            .Where(name => context.Request.RouteValues.ContainsKey(name))
            .Select(name => string.Create(CultureInfo.InvariantCulture, $"{name}={context.Request.RouteValues[name]}")));
        if (Admit(userId, kind) is not { } leftOut)
            return;
        logger.LogWarning(
            "Access refused: {Status} {Method} {Resource} ({Ids}) for staff account {UserId} ({Role}); {LeftOut} more like it in the last minute not logged",
            status, context.Request.Method, kind, ids.Length == 0 ? "no scoped id" : ids, userId, StaffScope.Role(context.User), leftOut);
    }

    /// <summary>The number of refusals left out since the last line, when this one may be logged; null when not.</summary>
    private int? Admit(string userId, string kind)
    {
        var now = clock.GetUtcNow();
        if (_windows.Count > PruneAbove)
        {
            foreach (var (key, old) in _windows)
            {
                if (now - old.Started >= Interval)
                    _windows.TryRemove(key, out _);
            }
        }

        var window = _windows.GetOrAdd((userId, kind), _ => new Window(now - Interval));
        lock (window)
        {
            if (now - window.Started < Interval)
            {
                window.LeftOut++;
                return null;
            }

            var leftOut = window.LeftOut;
            window.Started = now;
            window.LeftOut = 0;
            return leftOut;
        }
    }

    private sealed class Window(DateTimeOffset started)
    {
        public DateTimeOffset Started { get; set; } = started;

        public int LeftOut { get; set; }
    }
}
