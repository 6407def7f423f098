using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts.Account;

/// <summary>
/// The signed-in person's passkeys: list, add (after the password again, like every security change)
/// and remove. Adding needs the page's script (passkeys.js) for the WebAuthn ceremony; listing and
/// removing work without it.
/// </summary>
/// <remarks>
/// Adding is two posts. <see cref="OnPostCreationOptionsAsync"/> checks the password and the name and
/// only then hands out creation options; Identity keeps their challenge in the short-lived
/// <c>__Host-bp-2fa</c> cookie. <see cref="OnPostAddAsync"/> stores the passkey only when the browser's
/// answer matches those options, so a passkey cannot be added without the password having been given.
/// Not <see cref="AllowWithoutTwoFactorAttribute"/>: someone who only has the password of a person whose
/// role requires 2FA must not be able to add a passkey and so get a two-factor session.
/// </remarks>
[StaffSelfService]
public sealed class PasskeysPageModel(
    UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditLog audit, IStringLocalizer<SharedResource> T) : PageModel
{
    public const string Path = "/backoffice/account/passkeys";

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The browser's answer to the creation options (<c>credential.toJSON()</c>), posted by the script.</summary>
    [BindProperty]
    public string? Credential { get; set; }

    /// <summary>The passkey to remove, base64url as in <see cref="PasskeyRow.Id"/>.</summary>
    [BindProperty]
    public string? PasskeyId { get; set; }

    public List<PasskeyRow> Rows { get; private set; } = [];

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync(await MeAsync());
        return Page();
    }

    /// <summary>Creation options as JSON, or 400 with <c>{ "error": "…" }</c> in Dutch for the script to show.</summary>
    public async Task<IActionResult> OnPostCreationOptionsAsync()
    {
        var me = await MeAsync();
        var error = NameError(Name);
        // Counts towards lockout, like the sign-in form: this form must not become a way to guess passwords.
        if (error is null && !(await signIn.CheckPasswordSignInAsync(me, Password ?? "", lockoutOnFailure: true)).Succeeded)
            error = T["Account.WrongPassword"];
        if (error is not null)
            return BadRequest(new { error });

        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = me.Id,
            Name = me.Email!,
            DisplayName = me.DisplayName.Length > 0 ? me.DisplayName : me.Email!,
        });
        return Content(options, "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var me = await MeAsync();
        var name = Name?.Trim() ?? "";
        if (NameError(name) is { } nameError)
        {
            Errors.Add(nameError);
        }
        else if (string.IsNullOrEmpty(Credential))
        {
            Errors.Add(T["Passkeys.Error.NotAdded"]);
        }
        else
        {
            PasskeyAttestationResult? result = null;
            try
            {
                result = await signIn.PerformPasskeyAttestationAsync(Credential);
            }
            catch (InvalidOperationException)
            {
                // No creation options were given to this browser (no password check), or they were used or expired.
            }

            if (result is not { Succeeded: true } || result.UserEntity.Id != me.Id)
            {
                Errors.Add(T["Passkeys.Error.NotAdded"]);
            }
            else
            {
                result.Passkey.Name = name;
                var added = await users.AddOrUpdatePasskeyAsync(me, result.Passkey);
                if (!added.Succeeded)
                {
                    Errors.Add(T["Passkeys.Error.NotAdded"]);
                }
                else
                {
                    await audit.RecordAsync(AuditAction.PasskeyAdded, AuditTarget.User(me.Id), $"\"{name}\"", ct: ct);
                    TempData["Flash"] = "Flash.PasskeyAdded";
                    return Redirect(Path);
                }
            }
        }

        await LoadAsync(me);
        return Page();
    }

    /// <summary>
    /// Removes one of the person's own passkeys and ends their other sessions (a lost device may have
    /// opened one); this session stays. No password asked: removing only takes a way in away.
    /// </summary>
    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        var me = await MeAsync();
        var id = Passkeys.DecodeId(PasskeyId);
        var passkey = id is null ? null : await users.GetPasskeyAsync(me, id);
        if (passkey is null)
            return Redirect(Path); // someone else's or already gone: nothing to do

        if (!(await users.RemovePasskeyAsync(me, passkey.CredentialId)).Succeeded)
            return Redirect(Path);
        await users.UpdateSecurityStampAsync(me);
        await signIn.RefreshSignInAsync(me);
        await audit.RecordAsync(AuditAction.PasskeyRemoved, AuditTarget.User(me.Id), $"\"{passkey.Name}\"", ct: ct);
        TempData["Flash"] = "Flash.PasskeyRemoved";
        return Redirect(Path);
    }

    private string? NameError(string? name) =>
        string.IsNullOrWhiteSpace(name) ? T["Passkeys.Error.NameMissing"].Value
        : name.Trim().Length > Passkeys.MaxNameLength ? T["Passkeys.Error.NameTooLong", Passkeys.MaxNameLength].Value
        : null;

    private async Task<StaffUser> MeAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");

    private async Task LoadAsync(StaffUser me) =>
        Rows = (await users.GetPasskeysAsync(me))
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyRow(Passkeys.EncodeId(p.CredentialId), string.IsNullOrEmpty(p.Name) ? T["Passkeys.Unnamed"] : p.Name, p.CreatedAt.UtcDateTime))
            .ToList();

    public sealed record PasskeyRow(string Id, string Name, DateTime CreatedUtc);
}
