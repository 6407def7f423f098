using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Data;
using Microsoft.EntityFrameworkCore;

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
}
