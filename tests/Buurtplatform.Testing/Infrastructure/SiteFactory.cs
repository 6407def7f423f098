using Buurtplatform.Web.Content;
using Buurtplatform.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Buurtplatform.Tests.Infrastructure;

/// <summary>
/// The site on a database of its own: a fresh SQLite file (copied from a template that was migrated
/// and filled with the seed content once per run), or a fresh PostgreSQL database (created from a
/// template database the same way). The clock is fixed; logs are captured. Passwords are hashed with
/// <see cref="TestPasswordIterations"/> PBKDF2 rounds unless a test asks for <see cref="RealPasswordHashing"/>.
/// </summary>
public sealed class SiteFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bp-test-").FullName;
    private readonly string? _postgresDatabase;
    private readonly string? _postgresConnection;

    /// <summary>
    /// PBKDF2 rounds for passwords hashed by a test site. Identity's default (100,000 rounds of HMAC-SHA512) costs
    /// tens of milliseconds per account made or password checked, which hundreds of tests pay without testing it.
    /// A hash records its own round count, so the site verifies these as it would real ones.
    /// </summary>
    public const int TestPasswordIterations = 1;

    /// <summary>False once <see cref="Restart"/> handed the data folder and database to the next instance.</summary>
    private bool _ownsData = true;

    static SiteFactory()
    {
        // Each test host would otherwise take inotify instances for its file watchers (configuration
        // reload, static files); with hundreds of hosts the user's limit (often 128) runs out. Test hosts
        // never need to see files change, so polling watchers (no inotify) are the right kind here.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public SiteFactory(DatabaseKind kind = DatabaseKind.Sqlite, bool seeded = true, string? contentPath = null)
    {
        Kind = kind;
        ContentPath = contentPath ?? TestEnvironment.SeedContent;
        if (kind == DatabaseKind.Sqlite)
        {
            if (seeded && contentPath is null)
                File.Copy(Templates.Sqlite.Value, Path.Combine(_dataDir, "buurtplatform.db"));
        }
        else
        {
            var admin = TestEnvironment.RequirePostgres();
            _postgresDatabase = "bp_" + Guid.NewGuid().ToString("N");
            var template = seeded && contentPath is null ? Templates.Postgres.Value : "template0";
            using (var conn = new NpgsqlConnection(admin))
            {
                conn.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_postgresDatabase}\" TEMPLATE \"{template}\"", conn);
                cmd.ExecuteNonQuery();
            }

            _postgresConnection = new NpgsqlConnectionStringBuilder(admin) { Database = _postgresDatabase }.ConnectionString;
        }

        ImportOnStart = seeded;

        // Tests send the outbox themselves (Staff.DeliverMailAsync, OutboxTests), so nothing is sent behind their back.
        Settings["Mail:WorkerEnabled"] = "false";
        // The same for the sign-up jobs (reminders, digest, retention): tests run them with SignUpJobs and the fixed clock.
        Settings["SignUps:JobsEnabled"] = "false";

        // Tests run planned publishing themselves (ScheduledPublishing.RunDueAsync with the fixed clock).
        Settings["Editing:SchedulerWorkerEnabled"] = "false";

        // Tests fetch partner calendars themselves (PartnerCalendarImport.RunDueAsync).
        Settings["PartnerCalendars:WorkerEnabled"] = "false";

        // Tests arrange rows straight in the database (ExecuteUpdate, SQL) before their first request, which no change
        // notification announces: the snapshot is built by that first request, after the arranging, as it was before
        // Site:PrepareSnapshotOnStart. PublishedContentTests turns it on to test the start-up build.
        Settings["Site:PrepareSnapshotOnStart"] = "false";
    }

    /// <summary>The same site started again on the same data folder and database (a restart), with the same clock and settings.</summary>
    private SiteFactory(SiteFactory previous, bool ownDataFolder = false)
    {
        Kind = previous.Kind;
        ContentPath = previous.ContentPath;
        ImportOnStart = previous.ImportOnStart;
        Clock = previous.Clock;
        _dataDir = ownDataFolder ? Directory.CreateTempSubdirectory("bp-test-node-").FullName : previous._dataDir;
        _ownsDataFolderOnly = ownDataFolder;
        _postgresDatabase = previous._postgresDatabase;
        _postgresConnection = previous._postgresConnection;
        foreach (var (key, value) in previous.Settings)
            Settings[key] = value;
        TestServices = previous.TestServices;
        RealPasswordHashing = previous.RealPasswordHashing;
    }

    /// <summary>
    /// Stops this site (keeping its data folder and database) and returns a new one on the same data: what an
    /// operator's restart does. The new instance owns the data from then on; dispose it, not this one, last.
    /// </summary>
    public SiteFactory Restart()
    {
        _ownsData = false;
        Dispose();
        return new SiteFactory(this);
    }

    /// <summary>
    /// A second app instance on the same data folder and database, running next to this one (two hosts
    /// behind a load balancer), with the same clock and settings. Dispose it before this one.
    /// </summary>
    public SiteFactory SecondInstance() => new(this) { _ownsData = false };

    /// <summary>
    /// Another node of a cluster: the same PostgreSQL database, same clock and settings, but a data folder of
    /// its own, so nothing reaches it through a shared disk (keys, photos). Dispose it before this one.
    /// </summary>
    public SiteFactory OtherNode() => Kind == DatabaseKind.Postgres
        ? new(this, ownDataFolder: true) { _ownsData = false }
        : throw new InvalidOperationException("Nodes of a cluster share a PostgreSQL database; a SQLite site is one node.");

    /// <summary>True for <see cref="OtherNode"/>: its data folder is its own, the database is not.</summary>
    private readonly bool _ownsDataFolderOnly;

    public DatabaseKind Kind { get; }

    public string ContentPath { get; }

    public bool ImportOnStart { get; }

    public FixedClock Clock { get; private init; } = new();

    public LogSink Logs { get; } = new();

    /// <summary>Extra settings, applied before the app is built.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    public string DataDir => _dataDir;

    /// <summary>The connection string of this site's own PostgreSQL database (null on SQLite), for a command run as a separate process or a relay in front of it.</summary>
    public string? PostgresConnectionString => _postgresConnection;

    /// <summary>Replaces or adds services after the app's own registrations.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>
    /// True: passwords are hashed with the app's own PBKDF2 settings (Identity's defaults), for tests about
    /// passwords and hashing. False (the default): with <see cref="TestPasswordIterations"/> rounds. Set before the site starts.
    /// </summary>
    public bool RealPasswordHashing { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("hostBuilder:reloadConfigOnChange", "false");
        builder.UseSetting("Site:DataPath", _dataDir);
        builder.UseSetting("Site:ContentPath", ContentPath);
        builder.UseSetting("Site:ImportOnStart", ImportOnStart ? "true" : "false");
        builder.UseSetting("Database:Provider", Kind.ToString());
        if (_postgresConnection is not null)
            builder.UseSetting("Database:ConnectionString", _postgresConnection);
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            if (!RealPasswordHashing)
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations);
            TestServices?.Invoke(services);
        });
    }

    /// <summary>A scope with the app's DbContext, for arranging and asserting rows.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        await using var scope = Scope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDataFolderOnly)
            SqliteCleanup();
        if (!disposing || !_ownsData)
            return;
        SqliteCleanup();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
            conn.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }
    }

    private void SqliteCleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown: the temp folder is cleaned by the OS later.
        }
    }

    /// <summary>Databases migrated and filled with the seed content once per test run.</summary>
    private static class Templates
    {
        public static readonly Lazy<string> Sqlite = new(() =>
        {
            var dir = Directory.CreateTempSubdirectory("bp-template-").FullName;
            var file = Path.Combine(dir, "template.db");
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
            using (var db = new SqliteAppDbContext(options))
                Fill(db);
            return file;
        });

        public static readonly Lazy<string> Postgres = new(() =>
        {
            var admin = TestEnvironment.RequirePostgres();
            var name = "bp_template_" + Guid.NewGuid().ToString("N")[..8];
            using (var conn = new NpgsqlConnection(admin))
            {
                conn.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
                cmd.ExecuteNonQuery();
            }

            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
            using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(cs).Options))
                Fill(db);
            return name;
        });

        private static void Fill(AppDbContext db)
        {
            db.Database.Migrate();
            new ContentImporter(db, Microsoft.Extensions.Logging.Abstractions.NullLogger<ContentImporter>.Instance)
                .ImportAsync(TestEnvironment.SeedContent).GetAwaiter().GetResult();
        }
    }
}
