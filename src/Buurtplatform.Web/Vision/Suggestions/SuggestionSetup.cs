
namespace Buurtplatform.Web.Vision.Suggestions;

public static class SuggestionSetup
{
    /// <summary>Rate-limit policy on the parents' idea posts (the form and the personal link's buttons); counted apart from sign-ups.</summary>
    public const string RateLimitPolicy = "vision-suggestion";

    /// <summary>Options, mails, the background jobs (digest, retention) and the rate limit.</summary>
    public static IServiceCollection AddVisionSuggestions(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SuggestionOptions>().Bind(config.GetSection(SuggestionOptions.Section))
            .Validate(SuggestionOptions.IsValid, "VisionSuggestions: TextMaxLength 50-4000, RetentionDays 1-3650, ResponseWorkingDays 1-60, RateLimit/RateWindow/JobInterval positive.")
            .ValidateOnStart();
        services.AddScoped<SuggestionMails>();
        services.AddScoped<SuggestionJobs>();
        services.AddHostedService<SuggestionWorker>();
        var options = config.GetSection(SuggestionOptions.Section).Get<SuggestionOptions>() ?? new SuggestionOptions();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimitPolicy, new PostRateLimit(options.RateLimit, options.RateWindow)));
        return services;
    }

    /// <summary>First in the pipeline, beside the sign-ups' links: the token of <c>/mijn-idee/{token}</c> leaves the path.</summary>
    public static IApplicationBuilder UseSuggestionLinks(this IApplicationBuilder app) => app.Use(SuggestionLink.Middleware);
}

/// <summary>
/// The parent's personal link to their idea, <c>/mijn-idee/{token}</c>: kept out of logs, routes and Referer
/// headers exactly like a sign-up's (<see cref="SignUps.PersonalLink"/>, whose middleware and quiet redirect it uses).
/// </summary>
public static class SuggestionLink
{
    public const string Prefix = "/mijn-idee";

    /// <summary>Where the middleware sends the request.</summary>
    public const string InternalPath = "/mijn-idee/_link";

    public static string Url(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}{Prefix}/{token}";

    public static string ActionPath(HttpContext context, string handler) => $"{Prefix}/{SignUps.PersonalLink.TokenOf(context)}?handler={handler}";

    public static Task Middleware(HttpContext context, Func<Task> next) => SignUps.PersonalLink.Rewrite(context, next, Prefix, InternalPath);
}

/// <summary>The idea pages' URLs.</summary>
public static class SuggestionPaths
{
    public static string Form(Neighbourhoods.Wijk w, int? section = null) =>
        $"{Content.Links.Vision(w)}/reageren" + (section is { } n ? $"?deel={n.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "");

    public static string Done(Neighbourhoods.Wijk w) => $"{Content.Links.Vision(w)}/reageren/klaar";

    public static string Queue(int wijkId) => $"/backoffice/wijken/{wijkId}/ideeen";

    public const string Erased = "/mijn-idee-verwijderd";
}
