using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Mail;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts;

/// <summary>
/// Mails a one-time link to set a new password. The answer is the same whether the address is known or not,
/// and so is the work behind it (see <see cref="OnPostAsync"/>).
/// </summary>
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

    /// <remarks>
    /// A known address used to cost a link, a mail and a save that an unknown one skipped: twice the time, which
    /// told an attacker which addresses have accounts. Now every address goes through the same steps: look it up,
    /// make a link (older-links query, token, hash), write the mail, write an audit entry, save once. Only for an
    /// enabled account are the link and the mail kept. An unknown address is not stored in the audit entry
    /// (people type passwords into e-mail fields).
    /// </remarks>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = Email?.Trim() ?? "";
        var user = email.Length == 0 ? null : await users.FindByEmailAsync(email);
        var account = user is { IsDisabled: false } ? user : null;
        var link = account is null
            ? await links.CreateForNobodyAsync(AccountTokenPurpose.PasswordReset, ct)
            : await links.CreateAsync(account.Id, AccountTokenPurpose.PasswordReset, ct: ct);
        var minutes = (int)links.Lifetime(AccountTokenPurpose.PasswordReset).TotalMinutes;
        var subject = T["Mail.Reset.Subject"];
        var body = T["Mail.Reset.Body", user?.DisplayName ?? "", minutes, link];
        if (account is not null)
        {
            outbox.Queue(account.Email!, subject, body);
            audit.Record(AuditAction.PasswordResetRequested, AuditTarget.User(account.Id), null, audit.ActorFor(account.Id, account.Email!));
        }
        else if (user is not null)
        {
            audit.Record(AuditAction.PasswordResetRequested, AuditTarget.User(user.Id), "account disabled: no link sent", audit.ActorFor(user.Id, user.Email!));
        }
        else
        {
            audit.Record(AuditAction.PasswordResetRequested, null, "unknown address: no link sent");
        }

        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Flash.ResetSent";
        return Redirect(BackofficePaths.ForgotPassword);
    }
}
