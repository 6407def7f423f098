using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts.Users;

/// <summary>
/// One staff account: change role and scopes, disable or enable, send a new invitation, reset a lost
/// authenticator (and remove the passkeys: the lost phone may hold them too). A new role or scope, a 2FA
/// reset and disabling end all of the person's sessions at their next request.
/// </summary>
[AdministratorOnly]
public sealed class EditUserPageModel(
    AppDbContext db, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, StaffInvitations invitations, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public RoleAndScopesInput Scope { get; set; } = new();

    public StaffUser Person { get; private set; } = null!;

    public List<ScopeChoice> Choices { get; private set; } = [];

    public bool IsSelf { get; private set; }

    public bool LockedOut { get; private set; }

    public int PasskeyCount { get; private set; }

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string userId, CancellationToken ct)
    {
        if (!await LoadAsync(userId, ct))
            return NotFound();
        DisplayName = Person.DisplayName;
        Scope = new RoleAndScopesInput
        {
            Role = Person.Role.ToString(),
            WijkIds = Person.Wijken.Select(s => s.WijkId).ToList(),
            MeetingPlaceIds = Person.MeetingPlaces.Select(s => s.MeetingPlaceId).ToList(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string userId, CancellationToken ct)
    {
        if (!await LoadAsync(userId, ct))
            return NotFound();
        var name = DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > 200)
            Errors.Add(T["Users.Error.Name"]);
        var role = await Scope.ValidateAsync(db, T, Errors, ct);
        if (role is { } r && r != StaffRole.Beheerder && Person.Role == StaffRole.Beheerder && await IsLastAdministratorAsync(ct))
            Errors.Add(T["Users.Error.LastAdmin"]);
        if (Errors.Count > 0 || role is null)
            return Page();

        var before = await invitations.DescribeAsync(Person.Role, Person.Wijken.Select(s => s.WijkId), Person.MeetingPlaces.Select(s => s.MeetingPlaceId), ct);
        var after = await invitations.DescribeAsync(role.Value, Scope.WijkIds, Scope.MeetingPlaceIds, ct);
        Person.DisplayName = name;
        Person.Role = role.Value;
        invitations.SetScopes(Person.Id, role.Value, Scope.WijkIds, Scope.MeetingPlaceIds);
        // Another role or scope: the person signs in again, so no session (or copy of one) outlives the change.
        if (before != after)
            StaffSession.EndAll(Person);
        audit.Record(AuditAction.UserChanged, AuditTarget.User(Person.Id), before == after ? $"{Person.Email}: name" : $"{Person.Email}: {before} → {after}");
        await db.SaveChangesAsync(ct);
        // An administrator who changed their own role keeps working in this browser (with the new stamp).
        if (before != after && IsSelf)
            await signIn.RefreshSignInAsync(Person);
        TempData["Flash"] = "Flash.UserSaved";
        return Redirect(BackofficePaths.User(Person.Id));
    }

    public async Task<IActionResult> OnPostDisableAsync(string userId, CancellationToken ct)
    {
        if (!await LoadAsync(userId, ct))
            return NotFound();
        if (IsSelf || (Person.Role == StaffRole.Beheerder && await IsLastAdministratorAsync(ct)))
        {
            Errors.Add(T["Users.Error.DisableSelf"]);
            return Page();
        }

        Person.IsDisabled = true;
        await users.UpdateSecurityStampAsync(Person); // saves; the session check refuses the old stamp at once
        await audit.RecordAsync(AuditAction.UserDisabled, AuditTarget.User(Person.Id), Person.Email, ct: ct);
        TempData["Flash"] = "Flash.UserDisabled";
        return Redirect(BackofficePaths.User(Person.Id));
    }

    public async Task<IActionResult> OnPostEnableAsync(string userId, CancellationToken ct)
    {
        if (!await LoadAsync(userId, ct))
            return NotFound();
        Person.IsDisabled = false;
        await users.SetLockoutEndDateAsync(Person, null);
        await users.ResetAccessFailedCountAsync(Person);
        await audit.RecordAsync(AuditAction.UserEnabled, AuditTarget.User(Person.Id), Person.Email, ct: ct);
        TempData["Flash"] = "Flash.UserEnabled";
        return Redirect(BackofficePaths.User(Person.Id));
    }

    public async Task<IActionResult> OnPostResendAsync(string userId, CancellationToken ct)
    {
        if (!await LoadAsync(userId, ct))
            return NotFound();
        if (Person.PasswordHash is null && !Person.IsDisabled)
        {
            await invitations.ResendAsync(Person, ct: ct);
            TempData["Flash"] = "Flash.Invited";
        }

        return Redirect(BackofficePaths.User(Person.Id));
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string userId, CancellationToken ct)
    {
        if (!await LoadAsync(userId, ct))
            return NotFound();
        if (!IsSelf)
        {
            await users.SetTwoFactorEnabledAsync(Person, false);
            // Every second factor goes: a lost phone holds the authenticator app and often a passkey as well.
            var passkeys = await users.GetPasskeysAsync(Person);
            foreach (var passkey in passkeys)
                await users.RemovePasskeyAsync(Person, passkey.CredentialId);
            await users.ResetAuthenticatorKeyAsync(Person); // renews the stamp: their sessions end
            await audit.RecordAsync(AuditAction.TwoFactorDisabled, AuditTarget.User(Person.Id),
                $"{Person.Email}: reset by an administrator" + (passkeys.Count > 0 ? $", {passkeys.Count} passkey(s) removed" : ""), ct: ct);
            TempData["Flash"] = "Flash.TwoFactorReset";
        }

        return Redirect(BackofficePaths.User(Person.Id));
    }

    private async Task<bool> LoadAsync(string userId, CancellationToken ct)
    {
        var person = await db.Users.Include(u => u.Wijken).Include(u => u.MeetingPlaces).SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (person is null)
            return false;
        Person = person;
        IsSelf = person.Id == StaffScope.UserId(User);
        LockedOut = person.LockoutEnd > clock.GetUtcNow();
        PasskeyCount = await db.UserPasskeys.CountAsync(p => p.UserId == person.Id, ct);
        Choices = await ScopeChoices.LoadAsync(db, ct);
        return true;
    }

    private async Task<bool> IsLastAdministratorAsync(CancellationToken ct) =>
        !await db.Users.AnyAsync(u => u.Role == StaffRole.Beheerder && !u.IsDisabled && u.Id != Person.Id, ct);
}
