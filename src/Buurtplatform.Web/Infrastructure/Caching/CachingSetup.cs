namespace Buurtplatform.Web.Infrastructure.Caching;

public static class CachingSetup
{
    /// <summary>
    /// One page cache per node, kept in step across nodes on PostgreSQL: changes are versioned and announced
    /// (<see cref="CacheChanges"/>), every node listens (<see cref="CacheChangeListener"/>) and checks the version
    /// before serving from its cache (<see cref="CacheCoherence"/>).
    /// </summary>
    public static IServiceCollection AddCacheCoherence(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<CacheOptions>().Bind(config.GetSection(CacheOptions.Section))
            .Validate(o => o.VersionCheckInterval >= TimeSpan.Zero && o.MaxReconnectDelay > TimeSpan.Zero,
                "Cache:VersionCheckInterval must not be negative and Cache:MaxReconnectDelay must be positive")
            .ValidateOnStart();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<CacheCoherence>(sp, sp.GetRequiredService<DatabaseOptions>().Provider));
        services.AddScoped<CacheChanges>();
        services.AddSingleton<CacheChangeListener>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheChangeListener>());
        return services;
    }
}
