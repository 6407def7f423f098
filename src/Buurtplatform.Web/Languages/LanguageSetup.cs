using Microsoft.AspNetCore.Localization;

namespace Buurtplatform.Web.Languages;

/// <summary>
/// The language is in the URL: <c>/ar/den-haag/schilderswijk</c> is the Arabic Schilderswijk page, Dutch keeps today's
/// URLs. The middleware takes the prefix off the path into <c>PathBase</c>, so routing, the output cache (its key holds
/// the path base), <c>Url.Page</c> and <c>RedirectToPage</c> all see it without knowing; links written as plain paths get
/// it from <see cref="LocalizedLinkTagHelper"/>, and redirects to plain paths from the middleware itself.
/// </summary>
public static class LanguageSetup
{
    public static IServiceCollection AddLanguages(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<LanguageOptions>().Bind(config.GetSection(LanguageOptions.Section));
        services.AddSingleton<SiteLanguages>();

        // Mails in the parent's language (SignUps/MailLanguage) look the cultures up here.
        services.AddOptions<RequestLocalizationOptions>().Configure<SiteLanguages>((o, languages) =>
        {
            var cultures = languages.All.Select(l => l.Culture).ToList();
            o.DefaultRequestCulture = new RequestCulture(languages.Source.Culture);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
        });
        return services;
    }

    /// <summary>First in the pipeline (before the personal links take their token out of the path).</summary>
    public static IApplicationBuilder UseLanguages(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var languages = context.RequestServices.GetRequiredService<SiteLanguages>();
        var language = languages.Source;
        var path = context.Request.Path.Value ?? "/";
        if (path.Length > 2)
        {
            var end = path.IndexOf('/', 1);
            var code = end < 0 ? path[1..] : path[1..end];
            if (languages.Find(code) is { } prefixed)
            {
                var rest = end < 0 ? "/" : path[end..];
                if (prefixed.IsSource || SiteLanguages.IsUnprefixed(rest))
                {
                    // /nl/agenda, /ar/backoffice: the address without the prefix is the only one.
                    context.Response.Redirect(context.Request.PathBase + rest + context.Request.QueryString, permanent: true);
                    return;
                }

                language = prefixed;
                context.Request.PathBase = context.Request.PathBase.Add("/" + code);
                context.Request.Path = rest;
            }
        }

        CultureInfo.CurrentCulture = language.Culture;
        CultureInfo.CurrentUICulture = language.Culture;
        context.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture(language.Culture), null));
        context.Response.OnStarting(() =>
        {
            var response = context.Response;
            // A response in a language of its own keeps it (the Delivery API answers in the one Accept-Language asks).
            if (string.IsNullOrEmpty(response.Headers.ContentLanguage))
                response.Headers.ContentLanguage = language.Code;
            if (!language.IsSource && response.StatusCode is >= 300 and < 400)
            {
                // Redirect("/agenda?…") in a page stays in the language it came from.
                var location = response.Headers.Location.ToString();
                if (IsLocalPath(location) && !SiteLanguages.IsUnprefixed(location) && !HasPrefix(location, language))
                    response.Headers.Location = language.PathPrefix + location;
            }

            return Task.CompletedTask;
        });
        await next();
    });

    public static IEndpointRouteBuilder MapLanguageChoice(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LanguageChoice.Path + "/{code}", LanguageChoice.Choose);
        return endpoints;
    }

    /// <summary>A path on this site (<c>/agenda</c>), not another site (<c>//evil.example</c>, <c>/\evil.example</c>) or an absolute URL.</summary>
    public static bool IsLocalPath(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'));

    private static bool HasPrefix(string path, SiteLanguage language) =>
        path.StartsWith(language.PathPrefix, StringComparison.Ordinal)
        && (path.Length == language.PathPrefix.Length || path[language.PathPrefix.Length] is '/' or '?');
}

/// <summary>
/// The language switcher's links go through <c>/taal/{code}?terug=/pad</c>: the parent picked a language, so it is
/// remembered (cookie <c>taal</c>, a year) and they land on the same page and query in it. The cookie only suggests
/// (<see cref="LanguageSuggestion"/>): a shared link always opens in the language of its URL.
/// </summary>
public static class LanguageChoice
{
    public const string Path = "/taal";

    public const string Cookie = "taal";

    public static string Link(SiteLanguage language, string backPath) =>
        $"{Path}/{language.Code}?terug={Uri.EscapeDataString(backPath)}";

    internal static IResult Choose(string code, string? terug, HttpContext context, SiteLanguages languages)
    {
        if (languages.Find(code) is not { } language)
            return Results.NotFound();
        var back = LanguageSetup.IsLocalPath(terug) ? terug! : "/";
        context.Response.Cookies.Append(Cookie, language.Code, new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365),
            SameSite = SameSiteMode.Lax,
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            IsEssential = true, // a choice the parent made, used for nothing else
        });
        context.Response.Headers.CacheControl = "no-store";
        return Results.Redirect(language.Path(back), permanent: false, preserveMethod: false);
    }
}

/// <summary>
/// Another language to offer on a page: the one the parent chose before (cookie), or else the first of the browser's
/// languages (<c>Accept-Language</c>) the site has, when it is not the page's. Never a redirect, never from the IP address.
/// </summary>
public static class LanguageSuggestion
{
    public static SiteLanguage? For(HttpContext context)
    {
        var languages = context.RequestServices.GetRequiredService<SiteLanguages>();
        var current = languages.Current;
        if (context.Request.Cookies.TryGetValue(LanguageChoice.Cookie, out var chosen))
        {
            var remembered = languages.Find(chosen);
            return remembered is null || remembered == current ? null : remembered;
        }

        var accepted = context.Request.GetTypedHeaders().AcceptLanguage;
        foreach (var value in accepted.Where(v => v.Quality is null or > 0).OrderByDescending(v => v.Quality ?? 1))
        {
            var tag = value.Value.Value ?? "";
            var dash = tag.IndexOf('-');
            if (languages.Find((dash < 0 ? tag : tag[..dash]).ToLowerInvariant()) is { } language)
                return language == current ? null : language;
        }

        return null;
    }

    /// <summary>For the output cache: pages vary by the suggestion they show, not by every cookie or header.</summary>
    public static KeyValuePair<string, string> VaryBy(HttpContext context) => new("suggest", For(context)?.Code ?? "");
}
