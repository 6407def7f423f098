using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Media.Library;

/// <summary>
/// A wijk's media library: every photo with its state, searchable by description and alt text. The
/// <c>wijkId</c> route value is checked against StaffScope by the backoffice policy.
/// </summary>
public sealed class LibraryPageModel(AppDbContext db) : PageModel
{
    public Wijk Wijk { get; private set; } = null!;

    public List<(MediaItem Item, int Uses)> Photos { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "zoek")]
    public string? Search { get; set; }

    public async Task<IActionResult> OnGetAsync(int wijkId, CancellationToken ct)
    {
        var wijk = await db.Wijken.AsNoTracking().Include(w => w.Gemeente).SingleOrDefaultAsync(w => w.Id == wijkId, ct);
        if (wijk is null)
            return NotFound();
        Wijk = wijk;
        var query = db.MediaItems.AsNoTracking().Where(m => m.WijkId == wijkId);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            // lower() on both sides: the same, case-insensitive, on SQLite and PostgreSQL.
            var words = Search.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower() by EF, see above
            query = query.Where(m => (m.Description != null && m.Description.ToLower().Contains(words)) || (m.AltText != null && m.AltText.ToLower().Contains(words)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        Photos = (await query.OrderByDescending(m => m.CreatedUtc).ThenByDescending(m => m.Id)
                .Select(m => new { Item = m, Uses = db.MediaUsages.Count(u => u.MediaItemId == m.Id) })
                .ToListAsync(ct))
            .Select(x => (x.Item, x.Uses)).ToList();
        return Page();
    }
}
