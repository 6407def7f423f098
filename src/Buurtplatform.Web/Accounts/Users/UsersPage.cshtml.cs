using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;

namespace Buurtplatform.Web.Accounts.Users;

/// <summary>The administrator's list of staff accounts, and the per-role 2FA duty.</summary>
[AdministratorOnly]
public sealed class UsersPageModel(AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public sealed record Row(string Id, string DisplayName, string Email, StaffRole Role, string Scope, bool Disabled, bool Invited, bool LockedOut, bool TwoFactor);

    public List<Row> Rows { get; private set; } = [];

    public Dictionary<StaffRole, bool> RequireTwoFactor { get; private set; } = [];

    /// <summary>The roles whose box is ticked in the 2FA form.</summary>
    [BindProperty]
    public List<string> TwoFactorRoles { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.Role, u.IsDisabled, u.PasswordHash, u.LockoutEnd, u.TwoFactorEnabled,
                Wijken = u.Wijken.Select(s => s.Wijk.Name).ToList(),
                Places = u.MeetingPlaces.Select(s => s.MeetingPlace.Name).ToList(),
            })
            .ToListAsync(ct);
        Rows = users.Select(u => new Row(u.Id, u.DisplayName, u.Email ?? "", u.Role,
            string.Join(", ", u.Role == StaffRole.Wijkredacteur ? u.Wijken.Order() : u.Role == StaffRole.Professional ? u.Places.Order() : []),
            u.IsDisabled, u.PasswordHash is null, u.LockoutEnd > now, u.TwoFactorEnabled)).ToList();
        RequireTwoFactor = await db.StaffRoleSettings.AsNoTracking().ToDictionaryAsync(s => s.Role, s => s.RequireTwoFactor, ct);
    }

    public async Task<IActionResult> OnPostTwoFactorAsync(CancellationToken ct)
    {
        var settings = await db.StaffRoleSettings.ToListAsync(ct);
        var changes = new List<string>();
        foreach (var s in settings)
        {
            var required = TwoFactorRoles.Contains(s.Role.ToString());
            if (s.RequireTwoFactor != required)
                changes.Add($"{s.Role}: {(required ? "2FA required" : "2FA optional")}");
            s.RequireTwoFactor = required;
        }

        if (changes.Count > 0)
            audit.Record(AuditAction.RoleSettingsChanged, null, string.Join("; ", changes));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Flash.SettingsSaved";
        return Redirect(BackofficePaths.Users);
    }
}
