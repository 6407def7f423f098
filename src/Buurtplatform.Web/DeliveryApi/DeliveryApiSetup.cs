using System.ComponentModel;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.RateLimiting;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Media;
using Buurtplatform.Web.SignUps;

namespace Buurtplatform.Web.DeliveryApi;

/// <summary>
/// A read-only Content Delivery API in the shape of Umbraco's v2 (<c>/umbraco/delivery/api/v2</c>): items by key or path, a
/// query with fetch, filter, sort and paging, expand and fields; the OpenAPI document at <c>/umbraco/openapi/delivery.json</c>.
/// See docs/api.md.
/// </summary>
public static class DeliveryApiSetup
{
    public const string BasePath = "/umbraco/delivery/api/v2";
    public const string DocumentName = "delivery";
    public const string OpenApiPath = "/umbraco/openapi/delivery.json";
    private const string CachePolicy = "delivery-api";
    private const string RateLimitPolicy = "delivery-api";

    /// <summary>The JSON of the API: camelCase names, as ASP.NET Core's web defaults and Umbraco.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddDeliveryApi(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<DeliveryApiOptions>().Bind(config.GetSection(DeliveryApiOptions.Section))
            .Validate(o => o.DefaultTake >= 1 && o.MaxTake >= o.DefaultTake && o.RateLimit >= 1 && o.RateWindow > TimeSpan.Zero && o.NextDates >= 1,
                "DeliveryApi: DefaultTake ≥ 1, MaxTake ≥ DefaultTake, RateLimit ≥ 1, RateWindow > 0, NextDates ≥ 1")
            .ValidateOnStart();
        var options = config.GetSection(DeliveryApiOptions.Section).Get<DeliveryApiOptions>() ?? new DeliveryApiOptions();
        var duration = config.GetSection(SiteOptions.Section).Get<SiteOptions>()?.PageCacheDuration ?? new SiteOptions().PageCacheDuration;
        services.AddOutputCache(o => o.AddPolicy(CachePolicy, b => b.AddPolicy<NoPreviewInCache>().Expire(duration).SetVaryByQuery("*")
            .SetVaryByHeader("Accept-Language", "Start-Item").Tag(CachePolicies.ContentTag).AddPolicy<CacheTags.ContentTagsPolicy>()));
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimitPolicy, new ApiRateLimit(options.RateLimit, options.RateWindow)));
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.GroupName == DocumentName;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new()
                {
                    Title = "Buurtplatform Content Delivery API",
                    Version = "v2",
                    Description = "Published content of the wijken (gemeenten, wijken, meeting places, activities, visions, partners) in the shape of Umbraco's Content Delivery API v2. Read-only; see /api.",
                };
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapDeliveryApi(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<DeliveryApiOptions>>().Value.Enabled)
            return app;
        app.MapOpenApi("/umbraco/openapi/{documentName}.json");
        var api = app.MapGroup(BasePath).WithGroupName(DocumentName).WithTags("Content")
            .CacheOutput(CachePolicy).RequireRateLimiting(RateLimitPolicy);

        api.MapGet("/content/item/{id:guid}", async (
                [Description("The item's key (GUID).")] Guid id, HttpContext http, DeliveryReader reader,
                [FromHeader(Name = "Accept-Language"), Description("Requested culture: nl (default), en, ar, tr, pl or uk (a region such as ar-MA counts as its language; the first known one of a list). Texts not translated stay Dutch.")] string? acceptLanguage,
                [FromHeader(Name = "Preview"), Description("true: drafts too (needs Api-Key).")] string? preview,
                [FromHeader(Name = "Api-Key"), Description("The key of DeliveryApi:ApiKey, for Preview.")] string? apiKey,
                [FromHeader(Name = "Start-Item"), Description("Key or path of a gemeente: only items below it.")] string? startItem,
                [Description("Properties to expand, e.g. properties[$all] or properties[place,organiser].")] string? expand,
                [Description("Properties to include, e.g. properties[summary,nextDates].")] string? fields) =>
            {
                var request = await reader.OpenAsync(http, acceptLanguage, preview, apiKey, startItem, expand, fields);
                if (request.Error is { } error)
                    return error;
                return request.Tree!.Find(id) is { } node && request.InScope(node) ? Results.Json(request.Writer!.Response(node), Json) : NotFound($"No item with id {id}.");
            })
            .WithName("GetContentItemById").WithSummary("Gets a content item by id")
            .Produces<ApiContentResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/content/item/{**path}", async (
                [Description("The path of the item's page, e.g. den-haag/schilderswijk/activiteiten/babybootcamp (below Start-Item when given).")] string path,
                HttpContext http, DeliveryReader reader,
                [FromHeader(Name = "Accept-Language"), Description("Requested culture: nl (default), en, ar, tr, pl or uk (a region such as ar-MA counts as its language; the first known one of a list). Texts not translated stay Dutch.")] string? acceptLanguage,
                [FromHeader(Name = "Preview"), Description("true: drafts too (needs Api-Key).")] string? preview,
                [FromHeader(Name = "Api-Key"), Description("The key of DeliveryApi:ApiKey, for Preview.")] string? apiKey,
                [FromHeader(Name = "Start-Item"), Description("Key or path of a gemeente: the path is below it.")] string? startItem,
                [Description("Properties to expand, e.g. properties[$all].")] string? expand,
                [Description("Properties to include, e.g. properties[summary].")] string? fields) =>
            {
                var request = await reader.OpenAsync(http, acceptLanguage, preview, apiKey, startItem, expand, fields);
                if (request.Error is { } error)
                    return error;
                var full = request.Start is { } start ? start.Path + "/" + path.Trim('/') : path;
                return request.Tree!.Find(full) is { } node && request.InScope(node) ? Results.Json(request.Writer!.Response(node), Json) : NotFound($"No item with path '{path}'.");
            })
            .WithName("GetContentItemByPath").WithSummary("Gets a content item by route")
            .Produces<ApiContentResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/content/items", async (
                HttpContext http, DeliveryReader reader,
                [Description("Keys (GUIDs) of the items; repeat for several.")] string[]? id,
                [FromHeader(Name = "Accept-Language"), Description("Requested culture: nl (default), en, ar, tr, pl or uk (a region such as ar-MA counts as its language; the first known one of a list). Texts not translated stay Dutch.")] string? acceptLanguage,
                [FromHeader(Name = "Preview"), Description("true: drafts too (needs Api-Key).")] string? preview,
                [FromHeader(Name = "Api-Key"), Description("The key of DeliveryApi:ApiKey, for Preview.")] string? apiKey,
                [FromHeader(Name = "Start-Item"), Description("Key or path of a gemeente: only items below it.")] string? startItem,
                [Description("Properties to expand.")] string? expand,
                [Description("Properties to include.")] string? fields) =>
            {
                var request = await reader.OpenAsync(http, acceptLanguage, preview, apiKey, startItem, expand, fields);
                if (request.Error is { } error)
                    return error;
                var keys = new List<Guid>();
                foreach (var value in id ?? [])
                {
                    if (!Guid.TryParse(value, out var key))
                        return BadRequest($"id: '{value}' is not a GUID.");
                    keys.Add(key);
                }

                var items = keys.Distinct().Select(request.Tree!.Find).OfType<DeliveryNode>().Where(request.InScope).Select(request.Writer!.Response).ToList();
                return Results.Json(items, Json);
            })
            .WithName("GetContentItems").WithSummary("Gets content item(s) by id")
            .Produces<List<ApiContentResponse>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapGet("/content", async (
                HttpContext http, DeliveryReader reader, IOptions<DeliveryApiOptions> options,
                [Description("children:{id|path}, descendants:{id|path} or ancestors:{id|path}.")] string? fetch,
                [Description("contentType:alias, contentType:!alias, name:text, name:!text, createDate or updateDate with >, >:, <, <: and a date; repeatable.")] string[]? filter,
                [Description("name, createDate, updateDate, sortOrder or level, with :asc or :desc; repeatable.")] string[]? sort,
                [Description("Items to skip. Default 0.")] string? skip,
                [Description("Items to take. Default DeliveryApi:DefaultTake (10), at most DeliveryApi:MaxTake (100).")] string? take,
                [FromHeader(Name = "Accept-Language"), Description("Requested culture: nl (default), en, ar, tr, pl or uk (a region such as ar-MA counts as its language; the first known one of a list). Texts not translated stay Dutch.")] string? acceptLanguage,
                [FromHeader(Name = "Preview"), Description("true: drafts too (needs Api-Key).")] string? preview,
                [FromHeader(Name = "Api-Key"), Description("The key of DeliveryApi:ApiKey, for Preview.")] string? apiKey,
                [FromHeader(Name = "Start-Item"), Description("Key or path of a gemeente: only items below it.")] string? startItem,
                [Description("Properties to expand.")] string? expand,
                [Description("Properties to include.")] string? fields) =>
            {
                var request = await reader.OpenAsync(http, acceptLanguage, preview, apiKey, startItem, expand, fields);
                if (request.Error is { } error)
                    return error;
                var query = DeliveryQuery.Parse(request, fetch, filter ?? [], SortsInOrder(http) ?? sort ?? [], skip, take, options.Value);
                if (query.Error is { } bad)
                    return bad;
                var matched = query.Apply(request.Tree!).ToList();
                var page = matched.Skip(query.Skip).Take(query.Take).Select(request.Writer!.Response).ToList();
                return Results.Json(new ApiPagedContent(matched.Count, page), Json);
            })
            .WithName("GetContent").WithSummary("Gets content item(s) from a query")
            .Produces<ApiPagedContent>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    /// <summary>
    /// The <c>sort</c> values in the order the request gives them, read from the query string itself: the output cache's key
    /// sorts a repeated parameter's values in the request's own collection (so <c>sort=updateDate:desc&amp;sort=name:asc</c>
    /// arrived as name first), and the order of sorts is their meaning.
    /// </summary>
    private static string[]? SortsInOrder(HttpContext http) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(http.Request.QueryString.Value).TryGetValue("sort", out var sorts) ? [.. sorts.Select(v => v ?? "")] : null;

    internal static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: detail);

    internal static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    /// <summary>
    /// A preview request is never answered from the cache nor stored in it: drafts stay out of every shared copy. And the
    /// order of the <c>sort</c> values is part of the key (the cache's own key treats a repeated parameter as a set).
    /// </summary>
    private sealed class NoPreviewInCache : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.CacheVaryByRules.VaryByValues["sort-order"] = string.Join('|', SortsInOrder(context.HttpContext) ?? []);
            if (context.HttpContext.Request.Headers.ContainsKey("Preview") || context.HttpContext.Request.Headers.ContainsKey("Api-Key"))
            {
                context.EnableOutputCaching = false;
                context.AllowCacheLookup = false;
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }

    /// <summary>Every request counts, per client address; 429 with Retry-After and a problem body.</summary>
    private sealed class ApiRateLimit(int permitLimit, TimeSpan window) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, ct) =>
        {
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                ? (int)Math.Ceiling(retryAfter.TotalSeconds) : (int)window.TotalSeconds;
            var http = context.HttpContext;
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers.CacheControl = "no-store";
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"More than {permitLimit} requests in {window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; try again in {seconds} s.").ExecuteAsync(http);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitLimit,
                Window = window,
                QueueLimit = 0,
            });
    }
}

/// <summary>What every Delivery API request needs: the tree it may see, the start item, expand and fields, or the error to answer.</summary>
public sealed record DeliveryRequest(DeliveryTree? Tree, DeliveryNode? Start, DeliveryWriter? Writer, IResult? Error)
{
    /// <summary>Below the Start-Item (or the start item itself), when one was given.</summary>
    public bool InScope(DeliveryNode node) => Start is null || node.Key == Start.Key || Tree!.IsBelow(node, Start);
}

/// <summary>Opens a request: preview access, the tree, Start-Item, expand and fields. Scoped.</summary>
public sealed class DeliveryReader(AppDbContext db, Content.Published.Published published, ActivityCalendar calendar, SignUpDates signUpDates, MediaUrls media,
    IOptions<DeliveryApiOptions> options)
{
    public async Task<DeliveryRequest> OpenAsync(HttpContext http, string? acceptLanguage, string? preview, string? apiKey, string? startItem, string? expand, string? fields)
    {
        var culture = Culture(acceptLanguage);
        http.Response.Headers.ContentLanguage = culture;
        var wantsPreview = false;
        if (preview is not null)
        {
            if (!bool.TryParse(preview, out wantsPreview))
                return Fail(DeliveryApiSetup.BadRequest($"Preview: '{preview}' is not true or false."));
        }

        if (wantsPreview)
        {
            http.Response.Headers.CacheControl = "no-store";
            if (options.Value.ApiKey is not { Length: > 0 } key)
                return Fail(Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Preview is off on this site (no DeliveryApi:ApiKey)."));
            if (apiKey is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(apiKey), Encoding.UTF8.GetBytes(key)))
                return Fail(Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Preview needs the right Api-Key."));
        }

        var expandSelection = PropertySelection.None;
        if (expand is not null && (expandSelection = PropertySelection.Parse(expand, out var expandError)!) is null)
            return Fail(DeliveryApiSetup.BadRequest($"expand: {expandError}."));
        var fieldsSelection = PropertySelection.Everything;
        if (fields is not null && (fieldsSelection = PropertySelection.Parse(fields, out var fieldsError)!) is null)
            return Fail(DeliveryApiSetup.BadRequest($"fields: {fieldsError}."));

        // Public requests read the published-content snapshot; a preview reads every node and its newest version.
        var content = wantsPreview ? null : await published.GetAsync(http.RequestAborted);
        var tree = await DeliveryTree.LoadAsync(db, content, calendar, signUpDates, media, options.Value, culture, http.RequestAborted);
        DeliveryNode? start = null;
        if (!string.IsNullOrEmpty(startItem) && (start = tree.FindByIdOrPath(startItem!)) is null)
            return Fail(DeliveryApiSetup.NotFound($"Start-Item: no item with id or path '{startItem}'."));

        // Every change to any node evicts these: gemeenten and wijken, places and activities through "listings", visions and
        // partners through their gemeente's "children" (Editing/ContentCacheEviction).
        http.Tag(tree.Nodes.Where(n => n.Level == 1).Select(n => CacheTags.Children(n.Key)).Append(CacheTags.Listings));
        return new DeliveryRequest(tree, start, new DeliveryWriter(tree, expandSelection, fieldsSelection), null);
    }

    private static DeliveryRequest Fail(IResult error) => new(null, null, null, error);

    /// <summary>
    /// The content language an <c>Accept-Language</c> header asks for: its languages by quality (a region counts as its
    /// language: <c>ar-MA</c> is <c>ar</c>), the first that content is translated into or Dutch; Dutch without one, as
    /// Umbraco answers the default language for a culture it does not have.
    /// </summary>
    public static string Culture(string? acceptLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage)
            || !Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(acceptLanguage.Split(','), out var languages))
        {
            return Content.Translations.ContentTranslations.Dutch;
        }

        foreach (var language in languages.Where(l => (l.Quality ?? 1) > 0).OrderByDescending(l => l.Quality ?? 1))
        {
            var code = language.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (code == Content.Translations.ContentTranslations.Dutch || (code is not null && Content.Translations.ContentTranslation.Cultures.Contains(code)))
                return code;
        }

        return Content.Translations.ContentTranslations.Dutch;
    }
}
