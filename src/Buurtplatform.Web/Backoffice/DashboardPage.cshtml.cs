using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

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
    }
}
