using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Buurtplatform.Tests.Site;

/// <summary>A first start says what it is doing: migrating, importing, ready. Before, the console was silent for minutes.</summary>
public sealed class StartupProgressTests
{
    [Fact]
    public void AFirstStartSaysItIsMigratingThenImportingThenReady()
    {
        using var site = new SiteFactory(contentPath: TestEnvironment.SeedContent); // an empty database: migrated and imported at start
        _ = site.Services;

        var progress = site.Logs.Entries.Where(e => e.Category == StartupProgress.Category).ToList();
        Assert.All(progress, e => Assert.Equal(LogLevel.Information, e.Level));
        Assert.Collection(progress,
            e => Assert.Matches(@"^Migrating the database \(\d+ migrations\)…$", e.Message),
            e => Assert.Equal($"Importing {TestEnvironment.SeedContent} into the empty database, photos included…", e.Message),
            e => Assert.Equal("Ready", e.Message)); // the in-memory test server has no address to name
    }

    [Fact]
    public void ARestartOnAFilledDatabaseGoesStraightToReady()
    {
        using var site = new SiteFactory(); // a copy of the migrated and filled template
        _ = site.Services;

        Assert.Equal(["Ready"], site.Logs.Entries.Where(e => e.Category == StartupProgress.Category).Select(e => e.Message));
    }
}
