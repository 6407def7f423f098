using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

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

    /// <summary>
    /// Whether the DbContext uses the compiled EF Core model of its provider (<c>Data/CompiledModels/</c>) instead of
    /// building the model from the entity configurations at start, about a third of a restart. Turn it off for
    /// <c>dotnet ef migrations add</c> (<c>-- --Database:CompiledModel=false</c>), which must read the configurations; after
    /// a model change, regenerate the compiled models (docs/development.md). Default true.
    /// </summary>
    public bool CompiledModel { get; set; } = true;

    /// <summary>
    /// PostgreSQL: the most pooled connections one node opens (Npgsql's <c>Max Pool Size</c>, set from this whatever the
    /// connection string says); a request that finds them all busy waits for one. Each node opens one more, not pooled,
    /// to listen for cache changes. Choose it so that <see cref="Nodes"/> × (MaxPoolSize + 1) ≤ PostgreSQL's
    /// <c>max_connections</c> − <c>superuser_reserved_connections</c> − <see cref="ReservedConnections"/>. Default 40
    /// (two nodes fit in PostgreSQL's default of 100).
    /// </summary>
    public int MaxPoolSize { get; set; } = 40;

    /// <summary>PostgreSQL: how many app nodes share the database, for the start-up check of the sum above. Default 1.</summary>
    public int Nodes { get; set; } = 1;

    /// <summary>
    /// PostgreSQL: connections kept free for everything besides the nodes (psql, pg_dump, the <c>import</c> command run
    /// beside the nodes, monitoring), for the start-up check. Default 5.
    /// </summary>
    public int ReservedConnections { get; set; } = 5;
}

public static class DatabaseSetup
{
    /// <summary>The provider's compiled model, unless <see cref="DatabaseOptions.CompiledModel"/> is off.</summary>
    private static DbContextOptionsBuilder Compiled(this DbContextOptionsBuilder o, DatabaseOptions options, Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        options.CompiledModel ? o.UseModel(model) : o;

    /// <summary>Registers <see cref="AppDbContext"/> on the configured provider, each with its own migration set.</summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        var options = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.MaxPoolSize < 1 || options.Nodes < 1 || options.ReservedConnections < 0)
            throw new InvalidOperationException("Database:MaxPoolSize and Database:Nodes must be at least 1, Database:ReservedConnections at least 0.");
        services.AddSingleton(options);
        var site = config.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();

        // The data folder holds the SQLite database, the keys and the photos, whichever the provider: the site's user only.
        var dataPath = PrivateFiles.EnsureFolder(SiteOptions.Resolve(env, site.DataPath));
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var file = Path.Combine(dataPath, options.SqliteFile);
                PrivateFiles.EnsureFile(file);
                services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o.UseSqlite($"Data Source={file}")
                    .Compiled(options, Buurtplatform.CompiledModels.Sqlite.SqliteAppDbContextModel.Instance).AddInterceptors(Interceptors(sp)));
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                    throw new InvalidOperationException("Database:Provider is Postgres, but Database:ConnectionString is empty. Set it, e.g. Host=localhost;Username=buurtplatform;Password=…;Database=buurtplatform.");
                var pooled = new NpgsqlConnectionStringBuilder(options.ConnectionString) { MaxPoolSize = options.MaxPoolSize }.ConnectionString;
                services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o.UseNpgsql(pooled)
                    .Compiled(options, Buurtplatform.CompiledModels.Postgres.PostgresAppDbContextModel.Instance).AddInterceptors(Interceptors(sp)));
                services.AddHostedService<ConnectionBudgetCheck>();
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite or Postgres.");
        }

        return services;
    }

    /// <summary>A committed change to content tells this node's published-content snapshot (<see cref="Content.Published.PublishedContentInterceptor"/>).</summary>
    private static IInterceptor[] Interceptors(IServiceProvider sp) =>
        sp.GetService<Content.Published.PublishedContentInterceptor>() is { } published ? [published] : [];
}
