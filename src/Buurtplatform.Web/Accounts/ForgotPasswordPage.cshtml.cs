using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Data;
using Buurtplatform.Web.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Buurtplatform.Web.Accounts;

/// <summary>Mails a one-time link to set a new password. The answer is the same whether the address is known or not.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsSetup.SignInRateLimit)]
public sealed class ForgotPasswordPageModel(
    AppDbContext db, UserManager<StaffUser> users, AccountLinks links, MailOutbox outbox, AuditLog audit, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = Email?.Trim() ?? "";
        var user = email.Length == 0 ? null : await users.FindByEmailAsync(email);
        if (user is { IsDisabled: false })
        {
            var link = await links.CreateAsync(user.Id, AccountTokenPurpose.PasswordReset, ct: ct);
            var minutes = (int)links.Lifetime(AccountTokenPurpose.PasswordReset).TotalMinutes;
            outbox.Queue(user.Email!, T["Mail.Reset.Subject"], T["Mail.Reset.Body", user.DisplayName, minutes, link]);
            audit.Record(AuditAction.PasswordResetRequested, AuditTarget.User(user.Id), null, audit.ActorFor(user.Id, user.Email!));
            await db.SaveChangesAsync(ct);
        }

        TempData["Flash"] = "Flash.ResetSent";
        return Redirect(BackofficePaths.ForgotPassword);
    }
}
