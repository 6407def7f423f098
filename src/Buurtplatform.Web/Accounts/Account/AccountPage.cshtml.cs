using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts.Account;

/// <summary>The signed-in person's own account: who they are, what they may manage, and their security settings.</summary>
[StaffSelfService]
[AllowWithoutTwoFactor]
public sealed class AccountPageModel(AppDbContext db, UserManager<StaffUser> users) : PageModel
{
    public StaffUser Me { get; private set; } = null!;

    public bool RequireTwoFactor { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public int PasskeyCount { get; private set; }

    public List<string> Scopes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Me = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        RequireTwoFactor = await db.StaffRoleSettings.Where(s => s.Role == Me.Role).Select(s => s.RequireTwoFactor).FirstOrDefaultAsync(ct);
        RecoveryCodesLeft = Me.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(Me) : 0;
        PasskeyCount = await db.UserPasskeys.CountAsync(p => p.UserId == Me.Id, ct);
        Scopes = Me.Role switch
        {
            StaffRole.Wijkredacteur => await db.StaffWijken.Where(s => s.UserId == Me.Id).Select(s => s.Wijk.Name).OrderBy(n => n).ToListAsync(ct),
            StaffRole.Professional => await db.StaffMeetingPlaces.Where(s => s.UserId == Me.Id).Select(s => s.MeetingPlace.Name + " (" + s.MeetingPlace.Wijk.Name + ")").OrderBy(n => n).ToListAsync(ct),
            _ => [],
        };
        return Page();
    }
}
