using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// What a start is doing, for the person who just typed the run command: migrating, importing, ready (with the
/// addresses). A first start takes a minute or two; without these lines the console said nothing meanwhile.
/// </summary>
public static class StartupProgress
{
    public const string Category = "Buurtplatform.Web.Startup";

    public static ILogger Logger(WebApplication app) => app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);

    /// <summary>Logs "ready" once the server listens, with where the site and the backoffice are.</summary>
    public static void AnnounceWhenReady(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var site = addresses.FirstOrDefault()?.TrimEnd('/');
            if (site is null)
                Logger(app).LogInformation("Ready");
            else
                Logger(app).LogInformation("Ready: the site is at {Site}/ and the backoffice at {Backoffice}", site, site + "/backoffice");
        });
}
