using System.Diagnostics;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Search;

/// <summary>The index is written in the content's transaction: it commits and rolls back with it; operators can rebuild it.</summary>
public sealed class SearchIndexTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("bp-index-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string CopyOfSeed()
    {
        var target = Path.Combine(_work, "content");
        foreach (var file in Directory.GetFiles(TestEnvironment.SeedContent, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(TestEnvironment.SeedContent, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    private static void Replace(string file, string find, string replace)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(find, text);
        File.WriteAllText(file, text.Replace(find, replace, StringComparison.Ordinal));
    }

    /// <summary>Everything in the index, to compare before and after.</summary>
    private static Task<string> SnapshotAsync(SiteFactory site) => site.WithDbAsync(async db =>
        string.Join('\n', (await db.SearchDocuments.AsNoTracking().OrderBy(d => d.NodeKey).Select(d => d.NodeKey + " " + d.Title + " " + d.Words).ToListAsync()).Concat(
            await db.SearchTerms.AsNoTracking().OrderBy(t => t.Word).Select(t => t.Word + "=" + t.Documents).ToListAsync())));

    private static async Task ImportAsync(SiteFactory site, string folder)
    {
        await using var scope = site.Scope();
        await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(folder);
    }

    /// <summary>Fails the first SaveChanges that writes index rows, once armed: an index write that goes wrong.</summary>
    private sealed class FailIndexWrites : SaveChangesInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Armed && eventData.Context!.ChangeTracker.Entries<Web.Search.SearchDocument>().Any())
                throw new InvalidOperationException("index write failed (test)");
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }

    private static SiteFactory SiteWith(DatabaseKind kind, FailIndexWrites failure) => new(kind)
    {
        TestServices = services =>
        {
            services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(failure));
            services.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(failure));
        },
    };

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnImportThatFailsLeavesTheIndexAsItWas(DatabaseKind kind)
    {
        var content = CopyOfSeed();
        Replace(Path.Combine(content, "den-haag/gemeente.md"), "name: Den Haag", "name: Den Haag Hofstad");
        Replace(Path.Combine(content, "den-haag/schilderswijk/activiteiten/samen-zingen.md"), "title: Samen zingen", "title: Samen zingen met Ploemp");
        // A bad file further on: the whole import fails.
        Replace(Path.Combine(content, "zwolle/zwolle-zuid/wijk.md"), "key: ", "key: geen-guid\nkeyX: ");
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();
        var before = await SnapshotAsync(site);

        await Assert.ThrowsAsync<ContentImportException>(() => ImportAsync(site, content));

        Assert.Equal(before, await SnapshotAsync(site));
        Assert.Empty(SearchTests.Hrefs(await client.GetDocumentAsync("/zoeken?q=ploemp")));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task WhenTheIndexWriteFailsTheContentChangeRollsBackToo(DatabaseKind kind)
    {
        var failure = new FailIndexWrites();
        var content = CopyOfSeed();
        Replace(Path.Combine(content, "den-haag/schilderswijk/activiteiten/samen-zingen.md"), "title: Samen zingen", "title: Samen zingen met Ploemp");
        using var site = SiteWith(kind, failure);
        var client = site.CreateClient();
        var before = await SnapshotAsync(site);
        failure.Armed = true;

        // Inside the importer's transaction…
        await Assert.ThrowsAsync<InvalidOperationException>(() => ImportAsync(site, content));
        Assert.Equal("Samen zingen", await site.WithDbAsync(db => db.Activities.Where(a => a.Slug == "samen-zingen" && a.Wijk.Slug == "schilderswijk").Select(a => a.Title).SingleAsync()));

        // …and in a plain SaveChanges, which opens its own.
        await Assert.ThrowsAsync<InvalidOperationException>(() => site.WithDbAsync(async db =>
        {
            var a = await db.Activities.SingleAsync(x => x.Slug == "samen-zingen" && x.Wijk.Slug == "schilderswijk");
            a.Title = "Samen zingen met Ploemp";
            await db.SaveChangesAsync();
        }));
        Assert.Equal("Samen zingen", await site.WithDbAsync(db => db.Activities.Where(a => a.Slug == "samen-zingen" && a.Wijk.Slug == "schilderswijk").Select(a => a.Title).SingleAsync()));
        Assert.Equal(before, await SnapshotAsync(site));

        // With the fault gone the same import goes through, index included.
        failure.Armed = false;
        await ImportAsync(site, content);
        Assert.Equal(["/den-haag/schilderswijk/activiteiten/samen-zingen"], SearchTests.Hrefs(await client.GetDocumentAsync("/zoeken?q=ploemp")));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AChangedScheduleAloneUpdatesTheRow(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        _ = site.CreateClient();
        var key = await site.WithDbAsync(async db =>
        {
            var a = await db.Activities.SingleAsync(x => x.Slug == "samen-zingen" && x.Wijk.Slug == "schilderswijk");
            a.Schedule.Days = [DayOfWeek.Saturday];
            await db.SaveChangesAsync();
            return a.Key;
        });
        Assert.Equal(1 << (int)DayOfWeek.Saturday, await site.WithDbAsync(db => db.SearchDocuments.Where(d => d.NodeKey == key).Select(d => d.DayMask).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheReindexCommandRebuildsADamagedIndex(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var client = site.CreateClient();
        var before = await SnapshotAsync(site);
        Assert.NotEmpty(SearchTests.Hrefs(await client.GetDocumentAsync("/zoeken?q=zingen")));

        // Damage it behind the index's back (what a bulk SQL update by hand would do).
        await site.WithDbAsync(async db =>
        {
            await db.SearchDocuments.Where(d => d.Title.Contains("zingen")).ExecuteDeleteAsync();
            await db.SearchTerms.Where(t => t.Word.StartsWith("b")).ExecuteDeleteAsync();
        });
        Assert.NotEqual(before, await SnapshotAsync(site));

        // The operator's command: dotnet run -- reindex (here: the built app with the test's database settings).
        var config = site.Services.GetRequiredService<IConfiguration>();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Buurtplatform.Web.dll"), "reindex"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Site__DataPath"] = config["Site:DataPath"];
        start.Environment["Site__ImportOnStart"] = "false";
        start.Environment["Database__Provider"] = config["Database:Provider"];
        start.Environment["Database__ConnectionString"] = config["Database:ConnectionString"] ?? "";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, output + error);
        Assert.Contains("Search index rebuilt:", output);

        Assert.Equal(before.Split('\n').Select(l => l.Split(' ', 2).Last()).Order(), (await SnapshotAsync(site)).Split('\n').Select(l => l.Split(' ', 2).Last()).Order());
        Assert.Contains("/den-haag/schilderswijk/activiteiten/samen-zingen", SearchTests.Hrefs(await client.GetDocumentAsync("/zoeken?q=zingen")));
    }
}
