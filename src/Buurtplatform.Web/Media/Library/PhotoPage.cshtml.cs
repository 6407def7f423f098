using Buurtplatform.Web.Audit;

namespace Buurtplatform.Web.Media.Library;

/// <summary>A page the photo can be put on: its value in the form (<c>plek:12</c>) and its name.</summary>
public sealed record PlacementChoice(string Value, string Label);

/// <summary>
/// One photo: its details (alt text, focal point, consent), where it is shown, putting it on a page of its
/// wijk, replacing the file, withdrawing consent. The <c>mediaItemId</c> route value is checked against
/// StaffScope by the backoffice policy (a wijk editor manages the photos of their wijken).
/// </summary>
[UploadForm]
public sealed class PhotoPageModel(AppDbContext db, MediaLibrary library, UploadValidator limits, AuditLog audit, IStringLocalizer<SharedResource> T) : PageModel
{
    public MediaItem Item { get; private set; } = null!;

    public string WijkName { get; private set; } = "";

    public IReadOnlyList<PhotoUsage> Usages { get; private set; } = [];

    public List<PlacementChoice> Choices { get; private set; } = [];

    [BindProperty]
    public PhotoForm Input { get; set; } = new();

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(int mediaItemId, CancellationToken ct)
    {
        if (!await LoadAsync(mediaItemId, ct))
            return NotFound();
        Input = PhotoForm.From(Item);
        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostDetailsAsync(int mediaItemId, CancellationToken ct)
    {
        if (!await LoadAsync(mediaItemId, ct))
            return NotFound();
        var problems = await library.UpdateDetailsAsync(Item, Input.ToDetails(), ct);
        if (problems.Count > 0)
        {
            Errors.AddRange(problems.Select(p => PhotoText.For(T, p.Problem)));
            return await PageAsync(ct);
        }

        return Done("Media.Flash.Saved");
    }

    public async Task<IActionResult> OnPostPlaceAsync(int mediaItemId, string? page, CancellationToken ct)
    {
        if (!await LoadAsync(mediaItemId, ct))
            return NotFound();
        var parts = (page ?? "").Split(':');
        PhotoUsageKind? kind = parts[0] switch { "wijk" => PhotoUsageKind.Wijk, "plek" => PhotoUsageKind.MeetingPlace, "activiteit" => PhotoUsageKind.Activity, _ => null };
        if (kind is null || parts.Length != 2 || !int.TryParse(parts[1], out var nodeId) || !await library.PlaceAsync(Item, kind.Value, nodeId, ct))
        {
            Errors.Add(T[Item.IsPublic ? "Media.Problem.Place" : "Media.Problem.PlaceWithdrawn"]);
            Input = PhotoForm.From(Item);
            return await PageAsync(ct);
        }

        return Done("Media.Flash.Placed");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int mediaItemId, int usage, CancellationToken ct)
    {
        if (!await LoadAsync(mediaItemId, ct))
            return NotFound();
        return await library.RemoveFromPageAsync(Item, usage, ct) ? Done("Media.Flash.Removed") : NotFound();
    }

    public async Task<IActionResult> OnPostReplaceAsync(int mediaItemId, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(mediaItemId, ct))
            return NotFound();
        Input = PhotoForm.From(Item);
        if (UploadForm.FileTooLarge(HttpContext))
        {
            Errors.Add(PhotoText.For(T, UploadProblem.TooLarge, limits));
            return await PageAsync(ct);
        }

        if (file is not { Length: > 0 })
        {
            Errors.Add(T["Media.Problem.NoFile"]);
            return await PageAsync(ct);
        }

        await using var content = file.OpenReadStream();
        var result = await library.ReplaceAsync(Item, content, ct);
        if (!result.Succeeded)
        {
            Errors.Add(PhotoText.For(T, result.Problem!.Value, limits));
            return await PageAsync(ct);
        }

        return Done("Media.Flash.Replaced");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int mediaItemId, bool confirm, CancellationToken ct)
    {
        if (!await LoadAsync(mediaItemId, ct))
            return NotFound();
        if (!confirm)
        {
            Errors.Add(T["Media.Problem.WithdrawConfirm"]);
            Input = PhotoForm.From(Item);
            return await PageAsync(ct);
        }

        await library.WithdrawConsentAsync(Item, audit.CurrentActor().Name, ct);
        return Done("Media.Flash.Withdrawn");
    }

    private RedirectResult Done(string flash)
    {
        TempData["Flash"] = flash;
        return Redirect(MediaPaths.Photo(Item.Id)); // Post-Redirect-Get
    }

    /// <summary>The photo (tracked, for the handlers to change); false when it is not a library photo.</summary>
    private async Task<bool> LoadAsync(int mediaItemId, CancellationToken ct)
    {
        var item = await db.MediaItems.SingleOrDefaultAsync(m => m.Id == mediaItemId, ct);
        if (item?.WijkId is null)
            return false;
        Item = item;
        return true;
    }

    /// <summary>
    /// The page itself: its wijk, where the photo is used and where it could go. Read only when the page is
    /// shown; a handler that succeeds redirects and needs none of it.
    /// </summary>
    private async Task<PageResult> PageAsync(CancellationToken ct)
    {
        var wijkId = Item.WijkId!.Value;
        var wijk = await db.Wijken.AsNoTracking().SingleAsync(w => w.Id == wijkId, ct);
        WijkName = wijk.Name;
        Usages = await library.WhereUsedAsync(Item.Id, ct);
        var places = await db.MeetingPlaces.AsNoTracking().Where(p => p.WijkId == wijkId).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var activities = await db.Activities.AsNoTracking().Where(a => a.WijkId == wijkId).OrderBy(a => a.Title).Select(a => new { a.Id, a.Title }).ToListAsync(ct);
        Choices =
        [
            new($"wijk:{wijk.Id}", T["Media.Place.Wijk", wijk.Name]),
            .. places.Select(p => new PlacementChoice($"plek:{p.Id}", T["Media.Place.MeetingPlace", p.Name])),
            .. activities.Select(a => new PlacementChoice($"activiteit:{a.Id}", T["Media.Place.Activity", a.Title])),
        ];
        return Page();
    }
}
