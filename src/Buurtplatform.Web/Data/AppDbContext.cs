using Buurtplatform.Web.Activities;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Web.Data;

/// <summary>
/// The one DbContext. Pages and endpoints use it directly. Each provider has a subclass only so
/// that it can carry its own migration set (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Gemeente> Gemeenten => Set<Gemeente>();

    public DbSet<Wijk> Wijken => Set<Wijk>();

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<MeetingPlace> MeetingPlaces => Set<MeetingPlace>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<Vision.Vision> Visions => Set<Vision.Vision>();

    public DbSet<Calendar.SchoolHolidays> SchoolHolidays => Set<Calendar.SchoolHolidays>();

    public DbSet<Media.MediaItem> MediaItems => Set<Media.MediaItem>();

    public DbSet<Media.MediaUsage> MediaUsages => Set<Media.MediaUsage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Timestamps are UTC everywhere; SQLite hands them back as Unspecified, Npgsql insists on Utc.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

/// <summary>The embedded default: a SQLite file in the app's data folder.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

/// <summary>PostgreSQL, for production.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
