using System.Diagnostics;

namespace Buurtplatform.Web.Shared;

/// <summary>
/// Shown when something breaks. The exception handler middleware has already logged the details;
/// the parent sees a short apology and a reference to quote, never a stack trace.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorPageModel : PageModel
{
    public string Reference { get; private set; } = "";

    public void OnGet() => Prepare();

    public void OnPost() => Prepare();

    private void Prepare()
    {
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        Reference = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
    }
}
