using System.Text.Json.Nodes;
using Buurtplatform.Web.Data;
using Buurtplatform.Web.Media;

namespace Buurtplatform.Web.Health;

/// <summary>
/// <c>/health</c>: JSON for operators and monitors. 200 while the database answers ("ok", or "degraded" when
/// libvips is missing: the site works, photo uploads do not); 503 when the database does not.
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
            if (vips.Available)
            {
                libvips["version"] = vips.Detail;
            }
            else
            {
                libvips["detail"] = vips.Detail;
                libvips["effect"] = "photo uploads and imports with photos are refused; the rest of the site works";
                libvips["fix"] = ImageProcessorUnavailableException.InstallCommand;
            }

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
}
