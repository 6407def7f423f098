using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// Start-up work that would otherwise wait its turn on one thread, done on another core while the main thread
/// prepares the database (issue 15: a restart to the first page, docs/performance.md). Each piece is work the site
/// does anyway, at its first use; done earlier, it is simply there when that use comes. Nothing waits for it: a
/// failure here is logged and the first use does the work again (and reports its own failure as it always did).
/// </summary>
public static class StartupWarmUp
{
    /// <summary>
    /// Razor Pages' action descriptors: every page's model, handlers and bound properties, read by reflection (a
    /// quarter of a second or more of a restart). <c>MapRazorPages</c> and the first request need them; the framework
    /// builds them once, under its own lock, on whichever thread asks first. Needs no database.
    /// </summary>
    public static void WarmUpPages(this WebApplication app) =>
        Run(app, "the pages' descriptors", () =>
        {
            _ = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors;
            return Task.CompletedTask;
        });

    /// <summary>Starts <paramref name="work"/> on the thread pool and returns at once; a failure is logged (debug), not thrown.</summary>
    public static void Run(WebApplication app, string what, Func<Task> work) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (Exception e)
            {
                // Stopping, a database not there yet: the first request does this again and reports what it finds.
                StartupProgress.Logger(app).LogDebug(e, "Preparing {What} at start-up did not finish; the first request prepares it", what);
            }
        });
}
