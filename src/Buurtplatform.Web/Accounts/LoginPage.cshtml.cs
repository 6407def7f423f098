using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts;

/// <summary>
/// Sign in with e-mail and password. Unknown addresses, wrong passwords, disabled and locked accounts
/// all get the same answer, after the same amount of hashing work. Or with a passkey (see <see cref="Passkeys"/>):
/// the page's script asks for options, lets the browser talk to the authenticator and posts its answer.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsSetup.SignInRateLimit)]
public sealed class LoginPageModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AuditLog audit, TimeProvider clock) : PageModel
{
    // Verified against for unknown, disabled and locked accounts, so their answer takes as long as a wrong password's.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString()));

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The browser's answer to a passkey request (<c>credential.toJSON()</c>), posted by the page's script.</summary>
    [BindProperty]
    public string? Credential { get; set; }

    public bool Failed { get; private set; }

    public bool PasskeyFailed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Input.Email?.Trim() ?? "";
        var password = Input.Password ?? "";
        var user = email.Length == 0 ? null : await users.FindByEmailAsync(email);
        if (user is null || user.IsDisabled || user.PasswordHash is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new StaffUser(), DummyHash.Value, password);
            // The typed address is not stored when it matches no account: it may be a password typed in the wrong field.
            await audit.RecordAsync(AuditAction.SignInFailed, user is null ? null : AuditTarget.User(user.Id),
                user is null ? "unknown account" : user.IsDisabled ? "account disabled" : "no password set yet",
                user is null ? null : audit.ActorFor(user.Id, user.Email!));
            return Fail();
        }

        var actor = audit.ActorFor(user.Id, user.Email!);
        var wasLockedOut = await users.IsLockedOutAsync(user);
        if (wasLockedOut)
        {
            // Identity answers "locked out" before it hashes anything; hash here, so the answer takes as long as a wrong password's.
            users.PasswordHasher.VerifyHashedPassword(user, DummyHash.Value, password);
            await audit.RecordAsync(AuditAction.SignInFailed, AuditTarget.User(user.Id), "account locked", actor);
            return Fail();
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            user.LastSignInUtc = clock.GetUtcNow().UtcDateTime;
            await users.UpdateAsync(user);
            await audit.RecordAsync(AuditAction.SignIn, AuditTarget.User(user.Id), "password", actor);
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
            return Redirect($"{BackofficePaths.LoginCode}?ReturnUrl={Uri.EscapeDataString(SafeReturnUrl(ReturnUrl))}");

        if (result.IsLockedOut)
            await audit.RecordAsync(AuditAction.LockedOut, AuditTarget.User(user.Id), "after failed passwords", actor);
        else
            await audit.RecordAsync(AuditAction.SignInFailed, AuditTarget.User(user.Id), "wrong password", actor);
        return Fail();
    }

    /// <summary>Request options for a passkey of any account on this site (no address asked, see <see cref="Passkeys"/>).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(user: null), "application/json");

    /// <summary>
    /// Checks the browser's answer against the options this browser was given (kept in the short-lived
    /// <c>__Host-bp-2fa</c> cookie, which is cleared on use), then signs in as the passkey's owner.
    /// </summary>
    /// <remarks>
    /// Choices: A) <c>SignInManager.PasskeySignInAsync</c>, B) its parts. A marks the session as a password
    /// sign-in ("amr: pwd") and says nothing about why a sign-in failed. B marks it as two factors, so the
    /// per-role 2FA duty sees it, and writes the account and the reason to the audit log.
    /// </remarks>
    public async Task<IActionResult> OnPostPasskeyAsync()
    {
        var credential = Credential ?? "";
        if (credential.Length == 0)
            return await PasskeyFailAsync(credential, "no passkey answer");

        PasskeyAssertionResult<StaffUser> result;
        try
        {
            result = await signIn.PerformPasskeyAssertionAsync(credential);
        }
        catch (InvalidOperationException)
        {
            // No options were given to this browser, or they were used already or expired (5 minutes).
            return await PasskeyFailAsync(credential, "no passkey sign-in underway");
        }

        if (!result.Succeeded)
            return await PasskeyFailAsync(credential, "passkey not accepted");

        var user = result.User;
        var actor = audit.ActorFor(user.Id, user.Email!);
        if (!await signIn.CanSignInAsync(user))
        {
            await audit.RecordAsync(AuditAction.SignInFailed, AuditTarget.User(user.Id), user.IsDisabled ? "account disabled" : "no password set yet", actor);
            return PasskeyFail();
        }

        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(AuditAction.SignInFailed, AuditTarget.User(user.Id), "account locked", actor);
            return PasskeyFail();
        }

        // The new signature counter: an answer replayed later, or from a cloned authenticator, no longer fits it.
        // Saved under the account's concurrency stamp, so of two copies of one answer posted at once only one gets in.
        if (!(await users.AddOrUpdatePasskeyAsync(user, result.Passkey)).Succeeded)
        {
            await audit.RecordAsync(AuditAction.SignInFailed, AuditTarget.User(user.Id), "passkey not accepted", actor);
            return PasskeyFail();
        }

        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, Passkeys.SignInClaims());
        user.LastSignInUtc = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        await audit.RecordAsync(AuditAction.SignIn, AuditTarget.User(user.Id), "passkey", actor);
        return LocalRedirect(SafeReturnUrl(ReturnUrl));
    }

    private async Task<IActionResult> PasskeyFailAsync(string credential, string reason)
    {
        // The account the answer claims to be for, unverified: enough to show whose account is being tried.
        var claimed = Passkeys.ClaimedCredentialId(credential) is { } id ? await users.FindByPasskeyIdAsync(id) : null;
        await audit.RecordAsync(AuditAction.SignInFailed, claimed is null ? null : AuditTarget.User(claimed.Id), reason,
            claimed is null ? null : audit.ActorFor(claimed.Id, claimed.Email!));
        return PasskeyFail();
    }

    private PageResult PasskeyFail()
    {
        PasskeyFailed = true;
        Credential = null;
        return Page();
    }

    private PageResult Fail()
    {
        Failed = true;
        Input.Password = null;
        return Page();
    }

    /// <summary>
    /// Only backoffice paths on this site, in printable ASCII without backslashes; anything else goes to the
    /// dashboard. Browsers drop tabs and line breaks from addresses and read a backslash as a slash, so
    /// <c>/backoffice\t//evil.example</c> would lead elsewhere (and <c>LocalRedirect</c> refuses it with an
    /// exception); a real return address, made by the sign-in redirect, is always escaped ASCII.
    /// </summary>
    public static string SafeReturnUrl(string? url) =>
        url is not null && IsBackofficePath(url) && url.All(c => c is > ' ' and < '\x7f' and not '\\')
            ? url : BackofficePaths.Home;

    private static bool IsBackofficePath(string url) =>
        url.StartsWith(BackofficePaths.Prefix, StringComparison.Ordinal)
        && (url.Length == BackofficePaths.Prefix.Length || url[BackofficePaths.Prefix.Length] is '/' or '?' or '#');

    public sealed class LoginInput
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }
}
