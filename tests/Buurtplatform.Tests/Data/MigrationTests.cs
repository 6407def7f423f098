using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtplatform.Tests.Data;

/// <summary>Each provider has its own migration set; it must describe the current model exactly.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void SqliteMigrationsMatchTheModel()
    {
        using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run bash scripts/add-migration.sh NameOfTheChange");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgresMigrationsMatchTheModel()
    {
        // No connection is opened: the check compares the model with the migrations' snapshot.
        using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run bash scripts/add-migration.sh NameOfTheChange");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task MigrationsApplyToAnEmptyDatabase(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind, seeded: false);
        _ = site.CreateClient();
        var (applied, pending) = await site.WithDbAsync(async db =>
            ((await db.Database.GetAppliedMigrationsAsync()).ToList(), (await db.Database.GetPendingMigrationsAsync()).ToList()));
        Assert.NotEmpty(applied);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task TheSqliteInitialMigrationGoesDownToAnEmptyDatabaseAndUpWithTheFullTextTriggersInPlace()
    {
        var dir = Directory.CreateTempSubdirectory("bp-migrate-");
        try
        {
            await using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
                .UseSqlite($"Data Source={Path.Combine(dir.FullName, "m.db")};Pooling=False").Options);
            var migrator = db.GetService<IMigrator>();
            await db.Database.MigrateAsync();
            await AssertTheFullTextIndexFollowsAsync(db, "up");

            // Down to nothing: the FTS5 table and its triggers, which no DropTable knows of, must go too,
            // or Up cannot create them again.
            await migrator.MigrateAsync(Migration.InitialDatabase);
            var left = await db.Database.SqlQueryRaw<string>(
                "SELECT name AS Value FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name NOT LIKE '\\_\\_EFMigrations%' ESCAPE '\\'").ToListAsync();
            Assert.True(left.Count == 0, $"down: left {string.Join(", ", left)}");

            await db.Database.MigrateAsync();
            await AssertTheFullTextIndexFollowsAsync(db, "up again");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ThePostgresInitialMigrationGoesDownToAnEmptyDatabaseAndUpWithTheFullTextInPlace()
    {
        using var site = new SiteFactory(DatabaseKind.Postgres, seeded: false);
        _ = site.CreateClient();
        await site.WithDbAsync(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);
            // The text search configuration goes after the table whose generated columns use it.
            var left = await db.Database.SqlQueryRaw<string>(
                "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_EFMigrations%' " +
                "UNION ALL SELECT cfgname FROM pg_ts_config WHERE cfgname = 'dutch_unaccent'").ToListAsync();
            Assert.True(left.Count == 0, $"down: left {string.Join(", ", left)}");

            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"SearchDocuments\" (\"NodeKey\", \"Kind\", \"Title\", \"Url\", \"Text\", \"TitleText\", \"BodyText\", \"Words\", \"GemeenteId\", \"WijkId\", \"AgeBands\", \"DayMask\", \"IsFree\") " +
                "VALUES ({0}, 'Activity', 'T', '/t', 't', 'Trommelen', 'voor peuters', '', 1, 1, 0, 0, false)", Guid.NewGuid());
            Assert.Equal(1, await db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM \"SearchDocuments\" WHERE \"SearchVector\" @@ to_tsquery('dutch_unaccent', 'peuter') AND \"TitleVector\" @@ to_tsquery('dutch_unaccent', 'trommel')").SingleAsync());
        });
    }

    private static async Task AssertTheFullTextIndexFollowsAsync(AppDbContext db, string when)
    {
        var triggers = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_fts_%' ORDER BY name").ToListAsync();
        Assert.True(triggers.SequenceEqual(["search_fts_delete", "search_fts_insert", "search_fts_update"]), $"{when}: triggers {string.Join(", ", triggers)}");
        var sql = await db.Database.SqlQueryRaw<string>("SELECT sql AS Value FROM sqlite_master WHERE name = 'search_fts'").SingleAsync();
        Assert.Contains("prefix", sql, StringComparison.Ordinal);

        // A row written now is found by the full-text index, and gone from it once deleted.
        var word = "trommel" + when.Replace(" ", "", StringComparison.Ordinal);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO SearchDocuments (NodeKey, Kind, Title, Url, Text, TitleText, BodyText, Words, GemeenteId, WijkId, AgeBands, DayMask, IsFree) " +
            "VALUES ({0}, 'Activity', 'T', '/t', 't', {1}, '', '', 1, 1, 0, 0, 0)", Guid.NewGuid(), word);
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM search_fts WHERE search_fts MATCH {0}", word).SingleAsync());
        await db.Database.ExecuteSqlRawAsync("DELETE FROM SearchDocuments WHERE TitleText = {0}", word);
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM search_fts WHERE search_fts MATCH {0}", word).SingleAsync());
    }
}
