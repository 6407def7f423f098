using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts;

/// <summary>
/// Where an invitation or reset link lands: choose a password. Opening the link changes nothing (mail
/// scanners open links); only the form post uses it up.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsSetup.SignInRateLimit)]
public sealed class SetPasswordPageModel(
    AppDbContext db, UserManager<StaffUser> users, AccountLinks links, AuditLog audit, TimeProvider clock,
    IOptions<AccountsOptions> options, IStringLocalizer<SharedResource> T) : PageModel
{
    private static readonly AccountTokenPurpose[] Purposes = [AccountTokenPurpose.Invitation, AccountTokenPurpose.PasswordReset];

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public bool Invalid { get; private set; }

    public bool IsInvitation { get; private set; }

    public string Email { get; private set; } = "";

    public int MinimumLength => options.Value.MinimumPasswordLength;

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        NoReferrer();
        var link = await links.FindValidAsync(Token, Purposes, ct);
        if (link is null)
            return InvalidLink();
        await DescribeAsync(link);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        NoReferrer();
        var link = await links.FindValidAsync(Token, Purposes, ct);
        var user = link is null ? null : await users.FindByIdAsync(link.UserId);
        if (link is null || user is null)
            return InvalidLink();
        await DescribeAsync(link);

        if (NewPassword != ConfirmPassword)
        {
            Errors.Add(T["Password.Mismatch"]);
            return Page();
        }

        // Identity's own reset token, made and used at once: one atomic step that runs the password rules and renews the security stamp.
        var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), NewPassword ?? "");
        if (!result.Succeeded)
        {
            Errors.AddRange(IdentityErrorText.For(T, result.Errors, MinimumLength));
            return Page();
        }

        link.UsedUtc = clock.GetUtcNow().UtcDateTime;
        user.EmailConfirmed = true; // the link reached this address
        await users.UpdateAsync(user);
        await users.SetLockoutEndDateAsync(user, null); // proving access to the mailbox ends a lockout
        await users.ResetAccessFailedCountAsync(user);
        audit.Record(AuditAction.PasswordSet, AuditTarget.User(user.Id), link.Purpose == AccountTokenPurpose.Invitation ? "invitation accepted" : "reset link",
            audit.ActorFor(user.Id, user.Email!));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Flash.PasswordSet";
        return Redirect(BackofficePaths.Login);
    }

    private async Task DescribeAsync(AccountToken link)
    {
        IsInvitation = link.Purpose == AccountTokenPurpose.Invitation;
        Email = (await users.FindByIdAsync(link.UserId))?.Email ?? "";
    }

    private PageResult InvalidLink()
    {
        Invalid = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    // The token is in the URL: never pass it on to another site in a Referer header.
    private void NoReferrer() => Response.Headers["Referrer-Policy"] = "no-referrer";
}
