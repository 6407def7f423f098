using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Mail;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts;

/// <summary>
/// The link sent to a new e-mail address. Confirming switches the sign-in address, ends the person's
/// sessions (they sign in again with the new address) and tells the old address.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsSetup.SignInRateLimit)]
public sealed class ConfirmEmailPageModel(
    AppDbContext db, UserManager<StaffUser> users, AccountLinks links, MailOutbox outbox, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> T) : PageModel
{
    private static readonly AccountTokenPurpose[] Purposes = [AccountTokenPurpose.EmailChange];

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Invalid { get; private set; }

    public string NewEmail { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        var link = await links.FindValidAsync(Token, Purposes, ct);
        if (link is null)
            return InvalidLink();
        NewEmail = link.NewEmail ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        var link = await links.FindValidAsync(Token, Purposes, ct);
        var user = link is null ? null : await users.FindByIdAsync(link.UserId);
        if (link?.NewEmail is null || user is null || await users.FindByEmailAsync(link.NewEmail) is not null)
            return InvalidLink();

        var oldEmail = user.Email!;
        user.Email = link.NewEmail;
        user.UserName = link.NewEmail;
        user.EmailConfirmed = true;
        await users.UpdateNormalizedEmailAsync(user);
        await users.UpdateNormalizedUserNameAsync(user);
        var result = await users.UpdateSecurityStampAsync(user); // saves, and ends every session of this account
        if (!result.Succeeded)
            return InvalidLink();

        link.UsedUtc = clock.GetUtcNow().UtcDateTime;
        outbox.Queue(oldEmail, T["Mail.EmailChanged.Subject"], T["Mail.EmailChanged.Body", user.DisplayName, link.NewEmail]);
        audit.Record(AuditAction.EmailChanged, AuditTarget.User(user.Id), $"{oldEmail} → {link.NewEmail}", audit.ActorFor(user.Id, link.NewEmail));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Flash.EmailChanged";
        return Redirect(BackofficePaths.Login);
    }

    private PageResult InvalidLink()
    {
        Invalid = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
