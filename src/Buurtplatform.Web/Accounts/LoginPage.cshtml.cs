using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Buurtplatform.Web.Accounts;

/// <summary>
/// Sign in with e-mail and password. Unknown addresses, wrong passwords, disabled and locked accounts
/// all get the same answer, after the same amount of hashing work.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsSetup.SignInRateLimit)]
public sealed class LoginPageModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AuditLog audit, TimeProvider clock) : PageModel
{
    // Verified against for unknown accounts, so their answer takes as long as a wrong password's.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString()));

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

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

        if (result.IsLockedOut && !wasLockedOut)
            await audit.RecordAsync(AuditAction.LockedOut, AuditTarget.User(user.Id), "after failed passwords", actor);
        else
            await audit.RecordAsync(AuditAction.SignInFailed, AuditTarget.User(user.Id), wasLockedOut ? "account locked" : "wrong password", actor);
        return Fail();
    }

    private PageResult Fail()
    {
        Failed = true;
        Input.Password = null;
        return Page();
    }

    /// <summary>Only backoffice paths on this site; anything else goes to the dashboard.</summary>
    public static string SafeReturnUrl(string? url) =>
        url is not null && url.StartsWith(BackofficePaths.Prefix, StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\')
            ? url : BackofficePaths.Home;

    public sealed class LoginInput
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }
}
