using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Buurtplatform.Web.Accounts;

/// <summary>Signing out is a POST (with antiforgery), so a link in a mail or an image cannot sign anybody out.</summary>
[AllowAnonymous]
public sealed class LogoutPageModel(SignInManager<StaffUser> signIn, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (StaffScope.UserId(User) is { } id)
        {
            await audit.RecordAsync(AuditAction.SignOut, AuditTarget.User(id));
            await signIn.SignOutAsync();
            TempData["Flash"] = "Flash.SignedOut";
        }

        return Redirect(BackofficePaths.Login);
    }
}
