using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Buurtplatform.Web.Accounts.Account;

/// <summary>
/// Set up (or switch off) an authenticator app: Identity's built-in TOTP provider (RFC 6238, 6 digits,
/// 30 seconds). The QR code is a PNG in a data: URL, so no script and no request to another site.
/// Both changes ask for the password again.
/// </summary>
[StaffSelfService]
[AllowWithoutTwoFactor]
public sealed class TwoFactorPageModel(
    AppDbContext db, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditLog audit, IStringLocalizer<SharedResource> T) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    /// <summary>The shared key in groups of four, for typing into the app by hand.</summary>
    public string SharedKey { get; private set; } = "";

    public string QrDataUrl { get; private set; } = "";

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await MeAsync();
        await PrepareAsync(me, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        var me = await MeAsync();
        if (me.TwoFactorEnabled)
            return Redirect(BackofficePaths.TwoFactorSetup);
        if (!await PasswordOkAsync(me))
        {
            Errors.Add(T["Account.WrongPassword"]);
        }
        else
        {
            var code = new string((Code ?? "").Where(char.IsDigit).ToArray());
            if (!await users.VerifyTwoFactorTokenAsync(me, users.Options.Tokens.AuthenticatorTokenProvider, code))
                Errors.Add(T["TwoFactor.WrongCode"]);
        }

        if (Errors.Count > 0)
        {
            await PrepareAsync(me, ct);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(me, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(me, RecoveryCodeCount))!.ToList();
        await signIn.RefreshSignInAsync(me); // the security stamp changed: keep this session, end the others
        await audit.RecordAsync(AuditAction.TwoFactorEnabled, AuditTarget.User(me.Id), ct: ct);
        TempData[RecoveryCodesPageModel.TempDataKey] = string.Join(' ', codes);
        TempData["Flash"] = "Flash.TwoFactorEnabled";
        return Redirect(BackofficePaths.RecoveryCodes);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var me = await MeAsync();
        await PrepareAsync(me, ct);
        if (Required)
            Errors.Add(T["TwoFactor.CannotDisable"]);
        else if (!await PasswordOkAsync(me))
            Errors.Add(T["Account.WrongPassword"]);
        if (Errors.Count > 0)
            return Page();

        await users.SetTwoFactorEnabledAsync(me, false);
        await users.ResetAuthenticatorKeyAsync(me); // a later set-up starts with a new key
        await signIn.RefreshSignInAsync(me);
        await audit.RecordAsync(AuditAction.TwoFactorDisabled, AuditTarget.User(me.Id), ct: ct);
        TempData["Flash"] = "Flash.TwoFactorDisabled";
        return Redirect(BackofficePaths.Account);
    }

    private async Task<StaffUser> MeAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");

    // Counts towards lockout, like the sign-in form: this form must not become a way to guess passwords.
    private async Task<bool> PasswordOkAsync(StaffUser me) =>
        (await signIn.CheckPasswordSignInAsync(me, Password ?? "", lockoutOnFailure: true)).Succeeded;

    private async Task PrepareAsync(StaffUser me, CancellationToken ct)
    {
        Enabled = me.TwoFactorEnabled;
        Required = await db.StaffRoleSettings.Where(s => s.Role == me.Role).Select(s => s.RequireTwoFactor).FirstOrDefaultAsync(ct);
        if (Enabled)
            return;

        var key = await users.GetAuthenticatorKeyAsync(me);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(me);
            await signIn.RefreshSignInAsync(me); // resetting the key renews the security stamp
            key = (await users.GetAuthenticatorKeyAsync(me))!;
        }

        SharedKey = Group(key);
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Buurtplatform")}:{Uri.EscapeDataString(me.Email!)}?secret={key}&issuer={Uri.EscapeDataString("Buurtplatform")}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        QrDataUrl = "data:image/png;base64," + Convert.ToBase64String(png);
    }

    private static string Group(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
                sb.Append(' ');
            sb.Append(char.ToLowerInvariant(key[i]));
        }

        return sb.ToString();
    }
}
