using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Media.Library;

/// <summary>
/// Upload a photo into a wijk's library: the file, alt text (or decorative), focal point, and the answer to
/// "are recognisable children in this photo?" with consent when yes. The file's name is never used.
/// </summary>
[UploadForm]
public sealed class UploadPageModel(AppDbContext db, MediaLibrary library, UploadValidator limits, IStringLocalizer<SharedResource> T) : PageModel
{
    public Wijk Wijk { get; private set; } = null!;

    [BindProperty]
    public PhotoForm Input { get; set; } = new();

    public List<string> Errors { get; } = [];

    public UploadValidator Limits => limits;

    public async Task<IActionResult> OnGetAsync(int wijkId, CancellationToken ct) =>
        await LoadAsync(wijkId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int wijkId, CancellationToken ct)
    {
        if (!await LoadAsync(wijkId, ct))
            return NotFound();
        if (UploadForm.FileTooLarge(HttpContext))
        {
            Errors.AddRange(Input.ToDetails().Problems(library.Today).Select(p => PhotoText.For(T, p.Problem)));
            Errors.Add(PhotoText.For(T, UploadProblem.TooLarge, limits));
            return Page();
        }

        if (Input.File is not { Length: > 0 } file)
        {
            Errors.Add(T["Media.Problem.NoFile"]);
            Errors.AddRange(Input.ToDetails().Problems(library.Today).Select(p => PhotoText.For(T, p.Problem)));
            return Page();
        }

        // Only the bytes go on: the upload's name and content type are not looked at.
        await using var content = file.OpenReadStream();
        var result = await library.AddAsync(content, Input.ToDetails(), wijkId, ct);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.DetailProblems.Select(p => PhotoText.For(T, p.Problem)));
            if (result.Problem is { } problem)
                Errors.Add(PhotoText.For(T, problem, limits));
            return Page();
        }

        TempData["Flash"] = "Media.Flash.Uploaded";
        return Redirect(MediaPaths.Photo(result.Item!.Id));
    }

    private async Task<bool> LoadAsync(int wijkId, CancellationToken ct)
    {
        var wijk = await db.Wijken.AsNoTracking().SingleOrDefaultAsync(w => w.Id == wijkId, ct);
        Wijk = wijk!;
        return wijk is not null;
    }
}
