using System.Net;
using System.Text.Json.Nodes;
using Buurtplatform.Web.Media;

namespace Buurtplatform.Web.Health;

/// <summary>
/// <c>/health</c>: JSON for operators and monitors. 200 while the database answers ("ok", or "degraded" when
/// libvips is missing: the site works, photo uploads do not); 503 when the database does not. Everyone sees
/// the statuses; only administrators and this machine see the details (libvips' version, paths, error text,
/// the fix), which would help an attacker choose an exploit.
/// </summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (HttpContext context, AppDbContext db, IImageProcessor processor, ILoggerFactory logs, CancellationToken ct) =>
        {
            bool database;
            try
            {
                database = await db.Database.CanConnectAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logs.CreateLogger(typeof(HealthEndpoint)).LogError(e, "Health check: the database does not answer");
                database = false;
            }

            var vips = await processor.StatusAsync(ct);
            var libvips = new JsonObject { ["status"] = vips.Available ? "ok" : "missing" };
            if (MaySeeDetails(context))
                AddDetails(libvips, vips);

            var body = new JsonObject
            {
                ["status"] = !database ? "unhealthy" : vips.Available ? "ok" : "degraded",
                ["database"] = new JsonObject { ["status"] = database ? "ok" : "unreachable" },
                ["libvips"] = libvips,
            };
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text(body.ToJsonString(), "application/json", statusCode: database ? 200 : 503);
        });
        return app;
    }

    private static void AddDetails(JsonObject libvips, ProcessorStatus vips)
    {
        if (vips.Available)
        {
            libvips["version"] = vips.Detail;
            return;
        }

        libvips["detail"] = vips.Detail;
        libvips["effect"] = "photo uploads and imports with photos are refused; the rest of the site works";
        libvips["fix"] = ImageProcessorUnavailableException.InstallCommand;
    }

    /// <summary>
    /// An administrator, or a request from this machine that did not come through a proxy. A request a proxy
    /// forwarded carries <c>X-Forwarded-For</c> until the site trusts that proxy (<c>Site:TrustedProxies</c>, which
    /// then puts the client's own address in its place): without that check every visitor of a proxy on this
    /// machine would count as this machine.
    /// </summary>
    private static bool MaySeeDetails(HttpContext context) =>
        Backoffice.StaffScope.IsAdministrator(context.User)
        || (context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip) && !context.Request.Headers.ContainsKey("X-Forwarded-For"));
}
