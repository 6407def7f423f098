namespace Buurtplatform.Web.Content.Published;

/// <summary>The published-content snapshot built while the site starts (<see cref="Infrastructure.StartupWarmUp"/>).</summary>
public static class PublishedContentWarmUp
{
    /// <summary>
    /// Builds the snapshot every public page reads (<see cref="PublishedContentStore"/>) on another core while the rest
    /// of the start-up runs, instead of by the first request, when <see cref="SiteOptions.PrepareSnapshotOnStart"/> is
    /// on. Call once the database is migrated. The store builds a snapshot once however many ask, and a change announced
    /// meanwhile (planned publishing that fell due while the site was down) still gets its own build.
    /// </summary>
    public static void WarmUpPublishedContent(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<SiteOptions>>().Value.PrepareSnapshotOnStart)
            return;
        Infrastructure.StartupWarmUp.Run(app, "the published content", async () =>
            await app.Services.GetRequiredService<PublishedContentStore>().GetAsync(app.Lifetime.ApplicationStopping));
    }
}
