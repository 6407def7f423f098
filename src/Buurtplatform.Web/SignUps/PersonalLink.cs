namespace Buurtplatform.Web.SignUps;

/// <summary>
/// The parent's personal link, <c>/mijn-aanmelding/{token}</c>: 256 random bits, of which the database
/// keeps only a SHA-256 hash.
/// </summary>
/// <remarks>
/// The token is in the path because a link in a mail must open with a plain GET and without JavaScript.
/// To keep it out of every log, <see cref="Middleware"/> runs first in the pipeline: it takes the token out
/// of the path into a request feature and rewrites the path to <see cref="InternalPath"/>, so routing,
/// Razor Pages (route values, handler arguments), static files and the error pages never see it. The one
/// component that logs before any middleware runs, the host's request start/finish lines
/// (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>), is held at Warning in <see cref="SignUpSetup"/>, and
/// HTTP logging (<c>Microsoft.AspNetCore.HttpLogging</c>) is switched off. The page answers with
/// <c>Referrer-Policy: no-referrer</c>, so the link never travels in a Referer header either.
/// </remarks>
public static class PersonalLink
{
    public const string Prefix = "/mijn-aanmelding";

    /// <summary>Where the middleware sends the request; a request for it from outside is treated as an (invalid) token too.</summary>
    public const string InternalPath = "/mijn-aanmelding/_link";

    public static string NewToken() => SecretTokens.New();

    public static string Hash(string token) => SecretTokens.Hash(token);

    public static string Url(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}{Prefix}/{token}";

    /// <summary>The token of the current request (set by the middleware), or null.</summary>
    public static string? TokenOf(HttpContext context) => context.Features.Get<TokenFeature>()?.Token;

    /// <summary>The form action that posts back to the same personal link.</summary>
    public static string ActionPath(HttpContext context, string? handler = null) =>
        $"{Prefix}/{TokenOf(context)}" + (handler is null ? "" : $"?handler={handler}");

    public static IApplicationBuilder UsePersonalLinks(this IApplicationBuilder app) => app.Use(Middleware);

    public static Task Middleware(HttpContext context, Func<Task> next) => Rewrite(context, next, Prefix, InternalPath);

    /// <summary>
    /// The same protection for another kind of personal link (a parent's idea on the vision: <c>/mijn-idee/{token}</c>):
    /// the token leaves the path for a request feature that <see cref="TokenOf"/> reads, the path becomes <paramref name="internalPath"/>.
    /// </summary>
    public static Task Rewrite(HttpContext context, Func<Task> next, string prefix, string internalPath)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase, out var rest) && rest.HasValue && rest.Value!.Length > 1)
        {
            var token = rest.Value[1..];
            context.Features.Set(new TokenFeature(token.Length <= 100 && !token.Contains('/', StringComparison.Ordinal) ? token : ""));
            context.Request.Path = internalPath;
        }

        return next();
    }

    /// <summary>
    /// Post-Redirect-Get back to the personal link. MVC's <c>RedirectResult</c> logs its target at
    /// Information ("redirecting to /mijn-aanmelding/…"), which would write the token to the log.
    /// </summary>
    public static IActionResult RedirectBack(HttpContext context) => new QuietRedirect(ActionPath(context));

    /// <summary>A redirect that MVC does not log (for targets that hold a token).</summary>
    public static IActionResult QuietRedirectTo(string location) => new QuietRedirect(location);

    private sealed class QuietRedirect(string location) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.StatusCode = StatusCodes.Status302Found;
            context.HttpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }

    private sealed record TokenFeature(string Token);
}
