using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Buurtplatform.Web.Infrastructure.Caching;

namespace Buurtplatform.Web.Infrastructure;

public static class WebSetup
{
    /// <summary>
    /// Reads the optional settings file named by <c>BUURTPLATFORM_SETTINGS_FILE</c> (the run command points it to
    /// <c>appsettings.Development.json</c> at the repository root). It ranks as one more appsettings file: above
    /// <c>appsettings.json</c>, below environment variables and the command line, which win as everywhere in ASP.NET Core.
    /// </summary>
    public static void AddSettingsFile(this WebApplicationBuilder builder)
    {
        var file = builder.Configuration["BUURTPLATFORM_SETTINGS_FILE"];
        if (string.IsNullOrEmpty(file))
            return;
        var json = new JsonConfigurationSource { Path = Path.GetFullPath(file), Optional = false, ReloadOnChange = false };
        json.ResolveFileProvider();
        var sources = builder.Configuration.Sources;
        var environment = sources.OfType<EnvironmentVariablesConfigurationSource>().FirstOrDefault(e => string.IsNullOrEmpty(e.Prefix));
        sources.Insert(environment is null ? sources.Count : sources.IndexOf(environment), json);
    }

    public static IServiceCollection AddSiteOptions(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SiteOptions>().Bind(config.GetSection(SiteOptions.Section))
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "Site:PublicBaseUrl must be an absolute URL")
            .Validate(o => o.TrustedProxies.All(p => TrustedProxies.Parse(p) is not null), TrustedProxies.InvalidMessage)
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PeriodicWork>(); // the background workers' loop, on that clock
        return services;
    }

    /// <summary>Every text goes through resource files; the cultures are the interface languages (<see cref="Languages.LanguageSetup"/>).</summary>
    public static IServiceCollection AddSiteLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory, Languages.IsolatingStringLocalizerFactory>();
        services.AddScoped<DateText>();
        return services;
    }

    /// <summary>Razor Pages from the feature folders (the <c>{x:slug}</c> route constraint comes with <c>AddContent</c>).</summary>
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorPages(o => o.RootDirectory = "/");

        // Write é, ë, € and Arabic as characters, not as &#x..; entities: smaller pages, readable source.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return services;
    }

    /// <summary>Brotli/gzip for HTML, CSS and JS: the wijk page must stay under 50 KB on the wire.</summary>
    public static IServiceCollection AddCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "application/ld+json", "text/calendar"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>
    /// Anonymous pages are served from the output cache; the tag lets publishing evict them, on every node
    /// (<see cref="Caching.CachingSetup.AddCacheCoherence"/>).
    /// </summary>
    public static IServiceCollection AddPageCache(this IServiceCollection services, IConfiguration config)
    {
        var site = config.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
        var duration = site.PageCacheDuration;
        if (site.PageCacheMegabytes < 1)
            throw new InvalidOperationException("Site:PageCacheMegabytes must be at least 1.");
        services.AddOutputCache(o =>
        {
            o.SizeLimit = site.PageCacheMegabytes * 1024L * 1024L;
            // Every cached response varies by the encoding it was compressed with (see UseCompressedOutputCache).
            o.AddBasePolicy(new CompressedEntries());
            o.AddPolicy(CachePolicies.PublicPage, b => b.Expire(duration).SetVaryByQuery("*").VaryByValue(Languages.LanguageSuggestion.VaryBy).Tag(CachePolicies.ContentTag)
                .AddPolicy<CacheTags.ContentTagsPolicy>().AddPolicy<Caching.CacheCoherence.Policy>()
                .AddPolicy<RepeatedQueries>());
        });
        services.AddSingleton<RepeatedQueries>();
        services.AddCacheCoherence(config);
        return services;
    }

    /// <summary>
    /// The output cache, with compression inside it: a page is compressed once, when it is rendered, and the cache
    /// keeps the compressed bytes (one entry per encoding, <see cref="CompressedEntries"/>) and serves them as they
    /// are, instead of compressing the cached page again on every hit. Compression also stays outside, for what never
    /// reaches an endpoint (static files); a response compressed inside is left alone there (it has a Content-Encoding).
    /// </summary>
    public static IApplicationBuilder UseCompressedOutputCache(this IApplicationBuilder app) =>
        app.UseOutputCache().UseResponseCompression();

    /// <summary>
    /// Adds the encoding the response will be compressed with (br, gzip or none, as response compression chooses from
    /// Accept-Encoding) to every output cache key: a cached brotli page never reaches a client that asked for gzip.
    /// </summary>
    internal sealed class CompressedEntries : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var compression = context.HttpContext.RequestServices.GetRequiredService<IResponseCompressionProvider>();
            var encoding = compression.CheckRequestAcceptsCompression(context.HttpContext)
                ? compression.GetCompressionProvider(context.HttpContext)?.EncodingName ?? ""
                : "";
            context.CacheVaryByRules.VaryByValues["encoding"] = encoding;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }

    /// <summary>
    /// A page with a query string is stored in the output cache from the second time its address is asked for
    /// (<see cref="SiteOptions.PageCacheQueriesWhenRepeated"/>): the first time it is rendered and sent, not buffered
    /// nor stored. The addresses seen are remembered as hashes in a fixed table (no lock, no allocation, 256 KB): a
    /// slot taken by another address, or two addresses with one hash, only store a page a request later or earlier.
    /// </summary>
    internal sealed class RepeatedQueries(IOptions<SiteOptions> options) : IOutputCachePolicy
    {
        private readonly bool _enabled = options.Value.PageCacheQueriesWhenRepeated;
        internal const int Slots = 1 << 16;
        private readonly int[] _seen = new int[Slots];

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            if (_enabled && context.AllowCacheStorage && request.QueryString.HasValue && !SeenBefore(request.PathBase.Value, request.Path.Value, request.QueryString.Value))
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }

        /// <summary>Whether this address was asked for before (and remembers it if not).</summary>
        internal bool SeenBefore(string? pathBase, string? path, string? query)
        {
            // Never 0, the value of an empty slot.
            var hash = HashCode.Combine(pathBase, path, query) | 1;
            ref var slot = ref _seen[(uint)hash % Slots];
            if (Volatile.Read(ref slot) == hash)
            {
                return true;
            }

            Volatile.Write(ref slot, hash);
            return false;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }

    /// <summary>
    /// Static files. A fingerprinted URL (<c>asp-append-version</c> adds <c>?v=</c> and the hash of the file) always
    /// answers the same bytes, so browsers may keep it a year without asking again; only when the hash is the
    /// file's current one, so an old link never pins new content. Unversioned URLs keep the default (revalidate).
    /// </summary>
    public static IApplicationBuilder UseSiteStaticFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                var request = file.Context.Request;
                if (!request.Query.TryGetValue("v", out var version) || version.Count != 1)
                {
                    return;
                }

                var versions = file.Context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Mvc.ViewFeatures.IFileVersionProvider>();
                var current = versions.AddFileVersionToPath(request.PathBase, request.Path.Value!);
                if (current.EndsWith("?v=" + version[0], StringComparison.Ordinal))
                {
                    file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                }
            },
        });

    /// <summary>Security headers on every response: a strict CSP (no inline script or style), no sniffing, no framing (except where a page names who may frame it).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                // Pages that can show the map ([ShowsMap]) also allow images from the configured tile server; no other page does.
                var tiles = context.GetEndpoint()?.Metadata.GetMetadata<IAllowsImagesFrom>() is { } images ? " " + images.ImageOrigin(context.RequestServices) : "";
                // TryAdd: a response that sets a stricter policy of its own keeps it (photos: default-src 'none').
                h.TryAdd("Content-Security-Policy", ContentSecurityPolicy(tiles));
                h["X-Content-Type-Options"] = "nosniff";
                h.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin"); // a page with a token in its URL sets no-referrer
                // A page that names its own frame-ancestors (the embeddable agenda) decides framing itself; X-Frame-Options knows only "nobody".
                if (!AllowsFraming(h.ContentSecurityPolicy.ToString()))
                    h["X-Frame-Options"] = "DENY";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
                return Task.CompletedTask;
            });
            await next();
        });

    /// <summary>
    /// The site's policy: everything from this origin only, no inline script or style. <paramref name="moreImages"/>
    /// (" https://tiles…") widens images for the map; <paramref name="frameAncestors"/> names who may frame the page.
    /// </summary>
    public static string ContentSecurityPolicy(string moreImages = "", string frameAncestors = "'none'") =>
        $"default-src 'self'; img-src 'self' data:{moreImages}; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {frameAncestors}";

    /// <summary>Does this Content-Security-Policy let some site frame the page (a <c>frame-ancestors</c> other than <c>'none'</c>)?</summary>
    internal static bool AllowsFraming(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries)
            .FirstOrDefault(d => d.StartsWith("frame-ancestors ", StringComparison.OrdinalIgnoreCase)) is { } directive
        && !directive.EndsWith("'none'", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Endpoint metadata of a page that shows images from one other origin (the map's tile server): its
/// Content-Security-Policy allows that origin too. An attribute of the feature implements it, so the
/// security headers need not know the feature.
/// </summary>
public interface IAllowsImagesFrom
{
    /// <summary>The origin, e.g. <c>https://tile.openstreetmap.org</c>, as the feature's settings give it.</summary>
    string ImageOrigin(IServiceProvider services);
}

public static class CachePolicies
{
    public const string PublicPage = "public-page";
    public const string ContentTag = "content";
}
