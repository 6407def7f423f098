using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts;

/// <summary>
/// Signing out is a POST (with antiforgery), so a link in a mail or an image cannot sign anybody out. It ends
/// every session of the account on the server (see <see cref="StaffSession"/>), not only this browser's cookie.
/// </summary>
[AllowAnonymous]
public sealed class LogoutPageModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (StaffScope.UserId(User) is { } id)
        {
            // Deleting the cookie alone would leave a copy of it working (a shared computer, malware): a new
            // security stamp makes every cookie of the account invalid at its next request.
            if (await users.FindByIdAsync(id) is { } me)
                await users.UpdateSecurityStampAsync(me);
            await audit.RecordAsync(AuditAction.SignOut, AuditTarget.User(id));
            await signIn.SignOutAsync();
            TempData["Flash"] = "Flash.SignedOut";
        }

        return Redirect(BackofficePaths.Login);
    }
}
