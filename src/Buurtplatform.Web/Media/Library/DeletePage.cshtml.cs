namespace Buurtplatform.Web.Media.Library;

/// <summary>
/// Deleting a photo: refused while it is shown anywhere (the pages are listed, to take it off first);
/// otherwise a confirmation, then the original and every rendition are deleted.
/// </summary>
public sealed class DeletePageModel(AppDbContext db, MediaLibrary library) : PageModel
{
    public MediaItem Item { get; private set; } = null!;

    public IReadOnlyList<PhotoUsage> Usages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int mediaItemId, CancellationToken ct)
    {
        if (await db.MediaItems.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mediaItemId && m.WijkId != null, ct) is not { } item)
            return NotFound();
        Item = item;
        Usages = await library.WhereUsedAsync(item.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int mediaItemId, CancellationToken ct)
    {
        if (await db.MediaItems.SingleOrDefaultAsync(m => m.Id == mediaItemId && m.WijkId != null, ct) is not { } item)
            return NotFound();
        Item = item;
        Usages = await library.DeleteAsync(item, ct);
        if (Usages.Count > 0)
            return Page(); // refused: the page says where it is still shown
        TempData["Flash"] = "Media.Flash.Deleted";
        return Redirect(MediaPaths.Library(item.WijkId!.Value));
    }
}
