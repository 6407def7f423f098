using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Shared;

/// <summary>The page for unknown URLs: says so kindly and offers the ways on.</summary>
/// <remarks>Also re-executed for a refused POST (403, 429, 400): it must not demand an antiforgery token of its own.</remarks>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class NotFoundPageModel(Content.Published.Published published) : PageModel
{
    public IReadOnlyList<Gemeente> Gemeenten { get; private set; } = [];

    /// <summary>The status of the original request (404 when this page is opened directly).</summary>
    public int Status { get; private set; } = StatusCodes.Status404NotFound;

    public Task OnPostAsync(CancellationToken ct) => OnGetAsync(ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>();
        Status = original is null ? StatusCodes.Status404NotFound : Response.StatusCode;
        Response.StatusCode = Status;
        Gemeenten = (await published.GetAsync(ct)).Gemeenten;
    }
}
