namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// Output-cache tags that say what a cached page or feed shows, so publishing one node evicts exactly
/// the responses that show it (and no others):
/// <list type="bullet">
/// <item><c>node:{key}</c> — the response shows this node (its name in a breadcrumb counts).</item>
/// <item><c>children:{key}</c> — it lists what is below this node (a wijk's places and activities, a gemeente's wijken).</item>
/// <item><c>place-activities:{key}</c> — it lists the activities at this meeting place.</item>
/// <item><c>listings</c> — it lists activities across wijken (home, agenda, site and type feeds).</item>
/// </list>
/// Every cached response also carries <see cref="CachePolicies.ContentTag"/>, to evict everything at once (an import).
/// </summary>
public static class CacheTags
{
    private const string ItemKey = "buurtplatform.cache-tags";

    public const string Listings = "listings";

    public static string Node(Guid key) => $"node:{key:N}";

    public static string Children(Guid key) => $"children:{key:N}";

    public static string PlaceActivities(Guid key) => $"place-activities:{key:N}";

    /// <summary>Adds tags to the response being generated (read by <see cref="ContentTagsPolicy"/> when it is cached).</summary>
    public static void Tag(this HttpContext http, params IEnumerable<string> tags)
    {
        if (http.Items[ItemKey] is not HashSet<string> set)
            http.Items[ItemKey] = set = new HashSet<string>(StringComparer.Ordinal);
        set.UnionWith(tags);
    }

    public static void TagNodes(this HttpContext http, params IEnumerable<Guid> keys) => http.Tag(keys.Select(Node));

    internal static IEnumerable<string> Of(HttpContext http) => http.Items[ItemKey] as HashSet<string> ?? [];

    /// <summary>Copies the tags the page or endpoint set onto the cache entry.</summary>
    internal sealed class ContentTagsPolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.Tags.UnionWith(Of(context.HttpContext));
            return ValueTask.CompletedTask;
        }
    }
}
