using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts.Account;

/// <summary>Recovery codes: the page shows them only on the request right after they are made; asking for new ones needs the password.</summary>
[StaffSelfService]
public sealed class RecoveryCodesPageModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditLog audit, IStringLocalizer<SharedResource> T) : PageModel
{
    public const string TempDataKey = "RecoveryCodes";

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Codes to show now: only on the request right after they were generated.</summary>
    public List<string> NewCodes { get; private set; } = [];

    public int CodesLeft { get; private set; }

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var me = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        if (!me.TwoFactorEnabled)
            return Redirect(BackofficePaths.TwoFactorSetup);
        NewCodes = (TempData[TempDataKey] as string)?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList() ?? [];
        CodesLeft = await users.CountRecoveryCodesAsync(me);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        if (!me.TwoFactorEnabled)
            return Redirect(BackofficePaths.TwoFactorSetup);
        if (!(await signIn.CheckPasswordSignInAsync(me, Password ?? "", lockoutOnFailure: true)).Succeeded)
        {
            Errors.Add(T["Account.WrongPassword"]);
            CodesLeft = await users.CountRecoveryCodesAsync(me);
            return Page();
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(me, TwoFactorPageModel.RecoveryCodeCount))!.ToList();
        await audit.RecordAsync(AuditAction.RecoveryCodesGenerated, AuditTarget.User(me.Id), ct: ct);
        TempData[TempDataKey] = string.Join(' ', codes);
        return Redirect(BackofficePaths.RecoveryCodes);
    }
}
