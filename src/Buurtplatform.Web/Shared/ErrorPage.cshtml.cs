using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace Buurtplatform.Web.Shared;

/// <summary>
/// Shown when something breaks. The exception handler middleware has already logged the details;
/// the parent sees a short apology and a reference to quote, never a stack trace. While the database cannot
/// be reached the answer is 503 with <c>Retry-After</c>: a passing state, not a fault in the site.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorPageModel : PageModel
{
    public string Reference { get; private set; } = "";

    /// <summary>The database is away: say "try again in a minute", not "something broke".</summary>
    public bool Unavailable { get; private set; }

    public void OnGet() => Prepare();

    public void OnPost() => Prepare();

    private void Prepare()
    {
        Unavailable = DatabaseAvailability.IsUnavailable(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error);
        Response.StatusCode = Unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        if (Unavailable)
            Response.Headers.RetryAfter = DatabaseAvailability.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        Reference = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
    }
}
