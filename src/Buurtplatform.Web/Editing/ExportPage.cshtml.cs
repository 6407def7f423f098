using System.IO.Compression;
using System.Text;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// The foundation's <c>export</c> command from the backoffice (administrators): the whole content as a zip in
/// the <c>umbraco-content/</c> format, written by the same exporter, so it can be imported again. Audited.
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
        var files = await exporter.RenderAsync(ct);
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            // A fixed time in every entry, so the same content gives the same zip.
            var stamp = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
            foreach (var (path, text) in files)
            {
                var entry = archive.CreateEntry("umbraco-content/" + path, CompressionLevel.Optimal);
                entry.LastWriteTime = stamp;
                await using var stream = entry.Open();
                await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text), ct);
            }
        }

        await audit.RecordAsync(AuditAction.Export, null, $"content as a zip from the backoffice: {files.Count} files", ct: ct);
        var name = $"buurtplatform-inhoud-{clock.GetUtcNow():yyyy-MM-dd}.zip";
        return File(zip.ToArray(), "application/zip", name);
    }
}
