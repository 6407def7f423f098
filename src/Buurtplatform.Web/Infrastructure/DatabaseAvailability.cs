using System.Net.Sockets;
using Npgsql;

namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// Tells "the database cannot be reached right now" from every other failure: the first is answered 503 with
/// <c>Retry-After</c> (the site recovers by itself when the database is back, no restart), the rest stay 500.
/// </summary>
public static class DatabaseAvailability
{
    /// <summary>Seconds a client is asked to wait (<c>Retry-After</c>) while the database is away.</summary>
    public const int RetryAfterSeconds = 30;

    /// <summary>
    /// True when the exception, or one inside it (EF wraps the provider's), says the database is unreachable:
    /// connection refused or reset, a timeout while connecting, or the server shutting down or full.
    /// </summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    // 57P01-57P03: shutting down or starting; 53300: too many connections; 08xxx: connection failures.
                    if (pg.SqlState is "57P01" or "57P02" or "57P03" or "53300" || pg.SqlState.StartsWith("08", StringComparison.Ordinal))
                        return true;
                    break;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsUnavailable):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Sends the friendly error page with 503 for an unreachable database, 500 otherwise; and drops this node's
    /// idle pooled connections to it then, so the first requests after its return get fresh connections
    /// rather than ones that broke while it was away.
    /// </summary>
    public static IApplicationBuilder UseFriendlyErrors(this IApplicationBuilder app, string errorPath) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = errorPath,
            StatusCodeSelector = e =>
            {
                if (!IsUnavailable(e))
                    return StatusCodes.Status500InternalServerError;
                NpgsqlConnection.ClearAllPools();
                return StatusCodes.Status503ServiceUnavailable;
            },
        });
}
