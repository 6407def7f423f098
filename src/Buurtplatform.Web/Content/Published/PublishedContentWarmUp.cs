namespace Buurtplatform.Web.Content.Published;

/// <summary>
/// Builds the published-content snapshot every public page reads (<see cref="PublishedContentStore"/>) in the
/// background as the site starts (after the migrations, which run before the host starts), instead of by the first
/// request, when <see cref="SiteOptions.PrepareSnapshotOnStart"/> is on; as <c>SearchIndexWarmup</c> does for search.
/// The start does not wait for it. The store builds a snapshot once however many ask, and a change announced meanwhile
/// (planned publishing that fell due while the site was down) still gets its own build. A failure is logged and left to
/// the first request, which builds the snapshot itself and reports what it finds.
/// </summary>
internal sealed partial class PublishedContentWarmUp(
    PublishedContentStore store, IOptions<SiteOptions> options, ILogger<PublishedContentWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PrepareSnapshotOnStart)
            return;
        await Task.Yield(); // never on the start's own thread
        try
        {
            await store.GetAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The site stops during the build.
        }
        catch (Exception e)
        {
            Failed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The published content was not read at start; the first request reads it.")]
    private static partial void Failed(ILogger logger, Exception exception);
}
