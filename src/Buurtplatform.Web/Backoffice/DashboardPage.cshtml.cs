using Buurtplatform.Web.Accounts;

namespace Buurtplatform.Web.Backoffice;

/// <summary>The backoffice home: what the signed-in person may manage, read through <see cref="StaffScope"/>.</summary>
[StaffSelfService]
public sealed class DashboardPageModel(AppDbContext db, StaffScope scope) : PageModel
{
    public sealed record WijkRow(int Id, string Name, string Gemeente, string PublicUrl, int Places, int Activities);

    public sealed record PlaceRow(int Id, string Name, string Wijk, string PublicUrl, int Activities);

    public string Name { get; private set; } = "";

    public StaffRole Role { get; private set; }

    public List<WijkRow> Wijken { get; private set; } = [];

    public List<PlaceRow> Places { get; private set; } = [];

    public sealed record WaitingRow(int WijkId, string Wijk, int Count);

    /// <summary>Wijken in scope with professionals' new activities waiting for approval (editors and administrators).</summary>
    public List<WaitingRow> Waiting { get; private set; } = [];

    /// <summary>Wijken in scope with parents' new ideas on the vision, not yet handled (editors and administrators).</summary>
    public List<WaitingRow> NewIdeas { get; private set; } = [];

    /// <summary>The person's own activities that a wijk editor sent back.</summary>
    public List<(int Id, string Title)> SentBack { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var id = StaffScope.UserId(User);
        Name = await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        Role = StaffScope.Role(User) ?? StaffRole.Professional;
        Wijken = await scope.ScopedWijken(User).AsNoTracking().OrderBy(w => w.Gemeente.Name).ThenBy(w => w.Name)
            .Select(w => new WijkRow(w.Id, w.Name, w.Gemeente.Name, "/" + w.Gemeente.Slug + "/" + w.Slug, w.MeetingPlaces.Count, w.Activities.Count))
            .ToListAsync(ct);
        Places = await scope.ScopedMeetingPlaces(User).AsNoTracking().OrderBy(p => p.Wijk.Name).ThenBy(p => p.Name)
            .Select(p => new PlaceRow(p.Id, p.Name, p.Wijk.Name, "/" + p.Wijk.Gemeente.Slug + "/" + p.Wijk.Slug + "/ontmoetingsplekken/" + p.Slug,
                db.Activities.Count(a => a.MeetingPlaceId == p.Id)))
            .ToListAsync(ct);
        if (Role != StaffRole.Professional)
        {
            Waiting = (await scope.ScopedWijken(User).AsNoTracking()
                .Select(w => new { w.Id, w.Name, Count = db.ContentVersions.Count(v => v.ParentKey == w.Key && v.Kind == Buurtplatform.Web.Content.NodeKind.Activity && v.Status == Editing.VersionStatus.AwaitingApproval) })
                .Where(w => w.Count > 0).OrderBy(w => w.Name).ToListAsync(ct))
                .Select(w => new WaitingRow(w.Id, w.Name, w.Count)).ToList();
            NewIdeas = (await scope.ScopedWijken(User).AsNoTracking()
                .Select(w => new { w.Id, w.Name, Count = db.VisionSuggestions.Count(s => s.Vision.WijkId == w.Id && s.State == Vision.Suggestions.SuggestionState.New) })
                .Where(w => w.Count > 0).OrderBy(w => w.Name).ToListAsync(ct))
                .Select(w => new WaitingRow(w.Id, w.Name, w.Count)).ToList();
        }

        SentBack = (await scope.ScopedActivities(User).AsNoTracking()
            .Where(a => db.ContentVersions.Any(v => v.NodeKey == a.Key && v.Status == Editing.VersionStatus.SentBack && v.CreatedById == id))
            .OrderBy(a => a.Title).Select(a => new { a.Id, a.Title }).ToListAsync(ct))
            .Select(a => (a.Id, a.Title)).ToList();
    }
}
