using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts;

/// <summary>Second step of signing in: the 6-digit code from the authenticator app, or a recovery code.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsSetup.SignInRateLimit)]
public sealed class LoginCodePageModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>True on the recovery-code variant of the page.</summary>
    public bool Recovery { get; private set; }

    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect(BackofficePaths.Login) : Page();

    public async Task<IActionResult> OnGetRecoveryAsync()
    {
        Recovery = true;
        return await OnGetAsync();
    }

    public Task<IActionResult> OnPostAsync() => VerifyAsync(recovery: false);

    public Task<IActionResult> OnPostRecoveryAsync() => VerifyAsync(recovery: true);

    private async Task<IActionResult> VerifyAsync(bool recovery)
    {
        Recovery = recovery;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return Redirect(BackofficePaths.Login);

        var code = new string((Code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (!recovery)
            code = code.Replace("-", "", StringComparison.Ordinal);
        var actor = audit.ActorFor(user.Id, user.Email!);
        var wasLockedOut = await users.IsLockedOutAsync(user);
        var result = recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            user.LastSignInUtc = clock.GetUtcNow().UtcDateTime;
            await users.UpdateAsync(user);
            await audit.RecordAsync(AuditAction.SignIn, AuditTarget.User(user.Id), recovery ? "password and recovery code" : "password and authenticator app", actor);
            return LocalRedirect(LoginPageModel.SafeReturnUrl(ReturnUrl));
        }

        // A wrong recovery code does not count towards lockout in Identity; a wrong authenticator code does.
        if (recovery && !result.IsLockedOut)
            await users.AccessFailedAsync(user);
        var lockedNow = result.IsLockedOut || await users.IsLockedOutAsync(user);
        if (lockedNow && !wasLockedOut)
            await audit.RecordAsync(AuditAction.LockedOut, AuditTarget.User(user.Id), "after failed codes", actor);
        else
            await audit.RecordAsync(AuditAction.SignInFailed, AuditTarget.User(user.Id), recovery ? "wrong recovery code" : "wrong authenticator code", actor);
        Failed = true;
        Code = null;
        return Page();
    }
}
