using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts.Account;

/// <summary>A new password, after the current one. Other sessions of the account end; this one stays.</summary>
[StaffSelfService]
public sealed class ChangePasswordPageModel(
    UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditLog audit, IOptions<AccountsOptions> options, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public int MinimumLength => options.Value.MinimumPasswordLength;

    public string Email { get; private set; } = "";

    public List<string> Errors { get; } = [];

    public async Task OnGetAsync() => Email = (await users.GetUserAsync(User))?.Email ?? "";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        Email = me.Email!;
        if (NewPassword != ConfirmPassword)
        {
            Errors.Add(T["Password.Mismatch"]);
            return Page();
        }

        var result = await users.ChangePasswordAsync(me, CurrentPassword ?? "", NewPassword ?? "");
        if (!result.Succeeded)
        {
            Errors.AddRange(IdentityErrorText.For(T, result.Errors, MinimumLength));
            return Page();
        }

        await signIn.RefreshSignInAsync(me);
        await audit.RecordAsync(AuditAction.PasswordChanged, AuditTarget.User(me.Id), ct: ct);
        TempData["Flash"] = "Flash.PasswordChanged";
        return Redirect(BackofficePaths.Account);
    }
}
