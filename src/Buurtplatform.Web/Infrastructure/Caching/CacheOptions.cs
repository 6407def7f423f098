namespace Buurtplatform.Web.Infrastructure.Caching;

/// <summary>Settings of the page cache on several nodes (section <c>Cache</c>); used on PostgreSQL only.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>
    /// How often, at most, a node compares the version it applied with the database's before it serves a
    /// page from its cache (one primary-key read). It catches a change whose notification this node missed
    /// (a lost listening connection). Default 250 ms.
    /// </summary>
    public TimeSpan VersionCheckInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The longest wait between two attempts to listen again after the listening connection was lost: the
    /// wait starts at 250 ms and doubles up to this. Default 30 s.
    /// </summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);
}
