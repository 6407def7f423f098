using System.Security.Cryptography;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.AspNetCore.DataProtection;

namespace Buurtplatform.Web.Calendar.Staff;

public static class SchoolHolidayPaths
{
    public const string Import = "/backoffice/schoolvakanties";
}

/// <summary>
/// Administrators (the holidays are national, not a wijk's): the school holidays per region, and the import of
/// rijksoverheid's file in two steps, a preview of the changes per region and then "Toepassen".
/// </summary>
/// <remarks>
/// Between the two steps the file's text travels in the confirm form. Choices: A) keep it on the server (session or
/// a table): state to expire and clean up for a rare task; B) the text in a hidden field, sealed: a time-limited
/// protected fingerprint of the text and of the changes shown. B, and the apply step plans again from the text: a
/// changed text is refused, and when the holidays changed in between the new preview is shown instead of applied.
/// </remarks>
[AdministratorOnly]
[RequestSizeLimit(3 * MaxFileBytes)] // the file, or its text with the seal in the confirm form; the file itself is checked below
public sealed class SchoolHolidaysPageModel(AppDbContext db, SchoolHolidayImport import, AuditLog audit, IDataProtectionProvider protection,
    IStringLocalizer<SharedResource> T) : PageModel
{
    /// <summary>Rijksoverheid's file for one school year is about 5 kB; 1 MB leaves room for many years and refuses anything else.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    public const string FileId = "f-file";

    /// <summary>A preview older than this is refused on confirm: the holidays may have been changed by then.</summary>
    private static readonly TimeSpan PreviewLifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _seal = protection.CreateProtector("Buurtplatform.Calendar.SchoolHolidayImport.v1").ToTimeLimitedDataProtector();

    public static IReadOnlyList<HolidayRegion> Regions { get; } = [HolidayRegion.Noord, HolidayRegion.Midden, HolidayRegion.Zuid];

    public IReadOnlyList<HolidayPeriod> Periods { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    /// <summary>The preview: what applying the file would change. Null on the plain page and on an error.</summary>
    public SchoolHolidayPlan? Plan { get; private set; }

    public string FileName { get; private set; } = "";

    /// <summary>The file's text and its seal, for the confirm form.</summary>
    public string Text { get; private set; } = "";

    public string Seal { get; private set; } = "";

    /// <summary>The holidays changed between the preview and the confirm: the preview is shown again.</summary>
    public bool Moved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return await RefuseAsync(T["SchoolHolidays.Error.NoFile"], ct);
        if (file.Length > MaxFileBytes)
            return await RefuseAsync(T["SchoolHolidays.Error.TooLarge", MaxFileBytes / 1024], ct);

        string text;
        try
        {
            using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
            text = await reader.ReadToEndAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            return await RefuseAsync(T["SchoolHolidays.Error.NotText"], ct);
        }

        var name = Path.GetFileName(file.FileName.Replace('\\', '/')).Trim();
        return await PreviewAsync(text, name.Length is 0 or > 100 ? "upload.json" : name, ct);
    }

    public async Task<IActionResult> OnPostApplyAsync(string? text, string? seal, CancellationToken ct)
    {
        if (text is null || Unseal(seal) is not { } sealedWith || sealedWith.Text != Fingerprint(text))
            return await RefuseAsync(T["SchoolHolidays.Error.Stale"], ct);

        SchoolHolidayPlan plan;
        try
        {
            plan = await import.PlanAsync(text, ct);
        }
        catch (SchoolHolidayFileException e)
        {
            return await RefuseAsync(e.Message, ct); // the sealed text planned before; the rules may have changed since
        }

        // Confirmed twice, or someone imported the same in between: nothing left to do, and that is what it says.
        if (plan.Changes.Count == 0)
        {
            TempData["Flash"] = "SchoolHolidays.Flash.NoChanges";
            return Redirect(SchoolHolidayPaths.Import);
        }

        if (Fingerprint(string.Join('\n', plan.Describe())) != sealedWith.Changes)
        {
            Moved = true;
            return await PreviewAsync(text, sealedWith.FileName, ct);
        }

        await import.ApplyAsync(plan, sealedWith.FileName, audit.CurrentActor(), ct);
        TempData["Flash"] = "SchoolHolidays.Flash.Applied";
        return Redirect(SchoolHolidayPaths.Import);
    }

    private async Task<IActionResult> PreviewAsync(string text, string fileName, CancellationToken ct)
    {
        try
        {
            Plan = await import.PlanAsync(text, ct);
        }
        catch (SchoolHolidayFileException e)
        {
            return await RefuseAsync(e.Message, ct);
        }

        FileName = fileName;
        Text = text;
        Seal = _seal.Protect(string.Join('|', Fingerprint(text), Fingerprint(string.Join('\n', Plan.Describe())), fileName), PreviewLifetime);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Nothing changes: the page again with the reason at the file field, 400.</summary>
    private async Task<IActionResult> RefuseAsync(string message, CancellationToken ct)
    {
        Errors.Add(FileId, T["SchoolHolidays.File"], message);
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private (string Text, string Changes, string FileName)? Unseal(string? seal)
    {
        if (string.IsNullOrEmpty(seal))
            return null;
        try
        {
            var parts = _seal.Unprotect(seal).Split('|', 3);
            return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : null;
        }
        catch (CryptographicException)
        {
            return null; // tampered with, from another site's keys, or expired
        }
    }

    private static string Fingerprint(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private async Task LoadAsync(CancellationToken ct) =>
        Periods = (await db.SchoolHolidays.AsNoTracking().FirstOrDefaultAsync(h => h.State == PublishState.Published, ct))?.Periods.OrderBy(p => p.From).ToList() ?? [];
}
