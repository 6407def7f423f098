using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// A wijk's approval queue (its editors and administrators): the professionals' new activities, and new translations of
/// activities, that wait, and the wijk's setting that asks for approval. Approving and sending back happen on the activity's page.
/// </summary>
public sealed class ApprovalQueuePageModel(AppDbContext db, AuditLog audit) : PageModel
{
    /// <param name="Culture">"" for the activity itself, else the language of the translation that waits.</param>
    public sealed record Waiting(int ActivityId, string Title, string Place, int Version, string By, DateTime Since, string Culture)
    {
        public string Link => Culture == ContentVersion.Dutch ? EditingPaths.Node(NodeKind.Activity, ActivityId) : EditingPaths.Translation(NodeKind.Activity, ActivityId, Culture);
    }

    public Wijk Wijk { get; private set; } = null!;

    public List<Waiting> Items { get; private set; } = [];

    [BindProperty]
    public bool NeedApproval { get; set; }

    public async Task<IActionResult> OnGetAsync(int wijkId, CancellationToken ct)
    {
        if (await LoadAsync(wijkId, ct) is { } problem)
            return problem;
        NeedApproval = Wijk.ProfessionalActivitiesNeedApproval;
        return Page();
    }

    public async Task<IActionResult> OnPostSettingAsync(int wijkId, CancellationToken ct)
    {
        var wijk = await db.Wijken.FirstOrDefaultAsync(w => w.Id == wijkId, ct);
        if (wijk is null)
            return NotFound();
        if (wijk.ProfessionalActivitiesNeedApproval != NeedApproval)
        {
            wijk.ProfessionalActivitiesNeedApproval = NeedApproval;
            audit.Record(AuditAction.ApprovalSettingChanged, AuditTarget.Wijk(wijk.Id),
                $"{wijk.Name}: new activities of professionals {(NeedApproval ? "need" : "do not need")} approval");
            await db.SaveChangesAsync(ct);
        }

        TempData["Flash"] = "Flash.SettingSaved";
        return Redirect(EditingPaths.ApprovalQueue(wijkId));
    }

    private async Task<IActionResult?> LoadAsync(int wijkId, CancellationToken ct)
    {
        var wijk = await db.Wijken.AsNoTracking().Include(w => w.Gemeente).FirstOrDefaultAsync(w => w.Id == wijkId, ct);
        if (wijk is null)
            return NotFound();
        Wijk = wijk;
        var waiting = await db.ContentVersions.AsNoTracking()
            .Where(v => v.Kind == NodeKind.Activity && v.Status == VersionStatus.AwaitingApproval && v.ParentKey == wijk.Key)
            .OrderBy(v => v.CreatedUtc)
            .ToListAsync(ct);
        var keys = waiting.Select(v => v.NodeKey).ToList();
        var activities = await db.Activities.AsNoTracking().Include(a => a.MeetingPlace)
            .Where(a => keys.Contains(a.Key)).ToDictionaryAsync(a => a.Key, ct);
        Items = waiting.Where(v => activities.ContainsKey(v.NodeKey)).Select(v =>
        {
            Activity a = activities[v.NodeKey];
            return new Waiting(a.Id, v.Title, a.MeetingPlace.Name, v.Number, v.CreatedByName, v.CreatedUtc, v.Culture);
        }).ToList();
        return null;
    }
}
