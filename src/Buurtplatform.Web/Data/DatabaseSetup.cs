namespace Buurtplatform.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Database settings (section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, a file in the data folder) or <c>Postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite file, relative to <see cref="SiteOptions.DataPath"/>. Default <c>buurtplatform.db</c>.</summary>
    public string SqliteFile { get; set; } = "buurtplatform.db";

    /// <summary>Npgsql connection string; required when <see cref="Provider"/> is <c>Postgres</c>. No default.</summary>
    public string? ConnectionString { get; set; }
}

public static class DatabaseSetup
{
    /// <summary>Registers <see cref="AppDbContext"/> on the configured provider, each with its own migration set.</summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        var options = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var site = config.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();

        // The data folder holds the SQLite database, the keys and the photos, whichever the provider: the site's user only.
        var dataPath = PrivateFiles.EnsureFolder(SiteOptions.Resolve(env, site.DataPath));
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var file = Path.Combine(dataPath, options.SqliteFile);
                PrivateFiles.EnsureFile(file);
                services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite($"Data Source={file}"));
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                    throw new InvalidOperationException("Database:Provider is Postgres, but Database:ConnectionString is empty. Set it, e.g. Host=localhost;Username=buurtplatform;Password=…;Database=buurtplatform.");
                services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(options.ConnectionString));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite or Postgres.");
        }

        return services;
    }
}
