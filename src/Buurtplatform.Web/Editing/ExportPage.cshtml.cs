using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// The foundation's <c>export</c> command from the backoffice (administrators): the whole content as a zip in
/// the <c>umbraco-content/</c> format with its photos, written by the same exporter, so it can be imported again. Audited.
/// A POST (with an antiforgery token), because it is recorded; the answer is the download itself.
/// </summary>
[AdministratorOnly]
public sealed class ExportPageModel(ContentExporter exporter, AuditLog audit, TimeProvider clock) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var zip = new MemoryStream();
        var count = await exporter.ExportZipAsync(zip, ct);
        await audit.RecordAsync(AuditAction.Export, null, $"content as a zip from the backoffice: {count} files", ct: ct);
        var name = $"buurtplatform-inhoud-{clock.GetUtcNow():yyyy-MM-dd}.zip";
        return File(zip.ToArray(), "application/zip", name);
    }
}
