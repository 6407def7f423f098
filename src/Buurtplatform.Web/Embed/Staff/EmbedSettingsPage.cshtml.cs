using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.Infrastructure.Caching;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Embed.Staff;

/// <summary>
/// A wijk's embedding (its editors and administrators, by the route's scope): the snippets partner sites paste, for
/// the wijk and each meeting place, and the partner sites allowed to frame them. A change is audited and reaches
/// every node's cached embed pages at once (their <c>frame-ancestors</c> header is part of the cached response).
/// </summary>
public sealed class EmbedSettingsPageModel(AppDbContext db, AuditLog audit, CacheChanges changes, IOptions<SiteOptions> site, IStringLocalizer<SharedResource> T) : PageModel
{
    public Wijk Wijk { get; private set; } = null!;

    public List<MeetingPlace> Places { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    /// <summary>The allowed sites, one per line.</summary>
    [BindProperty]
    public string? Origins { get; set; }

    public async Task<IActionResult> OnGetAsync(int wijkId, CancellationToken ct)
    {
        if (!await LoadAsync(wijkId, ct))
            return NotFound();
        Origins = string.Join('\n', Wijk.EmbedOrigins);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int wijkId, CancellationToken ct)
    {
        if (!await LoadAsync(wijkId, ct))
            return NotFound();
        var (origins, error, badLine) = EmbedOrigins.Parse(Origins);
        if (error is not null)
        {
            // Nothing is saved: the list stays as it was, and the form keeps what was typed.
            Errors.Add(FieldId, T["Embed.Origins.Label"], T[error, badLine ?? "", EmbedOrigins.Max]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var wijk = await db.Wijken.FirstAsync(w => w.Id == wijkId, ct);
        if (!wijk.EmbedOrigins.SequenceEqual(origins, StringComparer.Ordinal))
        {
            var before = wijk.EmbedOrigins.Count == 0 ? "-" : string.Join(' ', wijk.EmbedOrigins);
            wijk.EmbedOrigins = origins;
            audit.Record(AuditAction.EmbedOriginsChanged, AuditTarget.Wijk(wijk.Id),
                $"{wijk.Name}: {before} → {(origins.Count == 0 ? "-" : string.Join(' ', origins))}");
            await db.SaveChangesAsync(ct);
            await changes.AnnounceAsync([CacheTags.Node(wijk.Key)], ct);
        }

        TempData["Flash"] = "Flash.SettingSaved";
        return Redirect(EmbedPaths.Settings(wijkId));
    }

    public const string FieldId = "f-origins";

    /// <summary>The HTML a partner pastes: the frame with a title (screen readers announce it) and lazy loading.</summary>
    public string Snippet(string path, string name) =>
        $"<iframe src=\"{site.Value.PublicBaseUrl.TrimEnd('/')}{path}\" title=\"{System.Net.WebUtility.HtmlEncode(T["Embed.Title", name].Value)}\" width=\"100%\" height=\"600\" style=\"border:0\" loading=\"lazy\"></iframe>";

    private async Task<bool> LoadAsync(int wijkId, CancellationToken ct)
    {
        var wijk = await db.Wijken.AsNoTracking().Include(w => w.Gemeente).FirstOrDefaultAsync(w => w.Id == wijkId, ct);
        if (wijk is null)
            return false;
        Wijk = wijk;
        Places = await db.MeetingPlaces.AsNoTracking().Where(p => p.WijkId == wijkId).OrderBy(p => p.Name).ToListAsync(ct);
        foreach (var p in Places)
            p.Wijk = wijk;
        return true;
    }
}

public static class EmbedPaths
{
    public static string Settings(int wijkId) => $"/backoffice/wijken/{wijkId}/insluiten";

    public static string Wijk(Wijk w) => $"/embed/{w.Gemeente.Slug}/{w.Slug}";

    public static string Place(MeetingPlace p) => $"{Wijk(p.Wijk)}/{p.Slug}";
}
