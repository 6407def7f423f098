using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Mail;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts.Account;

/// <summary>
/// Ask for a new sign-in address: needs the current password, and takes effect only when the link
/// mailed to the new address is used (a typo must not lock the person out).
/// </summary>
[StaffSelfService]
public sealed class ChangeEmailPageModel(
    AppDbContext db, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AccountLinks links, MailOutbox outbox, AuditLog audit,
    IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string CurrentEmail { get; private set; } = "";

    public List<string> Errors { get; } = [];

    public async Task OnGetAsync() => CurrentEmail = (await users.GetUserAsync(User))?.Email ?? "";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        CurrentEmail = me.Email!;
        var email = NewEmail?.Trim() ?? "";
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _) || email.Length > 256)
            Errors.Add(T["Users.Error.InvalidEmail"]);
        else if (!(await signIn.CheckPasswordSignInAsync(me, Password ?? "", lockoutOnFailure: true)).Succeeded)
            Errors.Add(T["Account.WrongPassword"]);
        else if (await users.FindByEmailAsync(email) is not null)
            Errors.Add(T["Users.Error.Duplicate"]);
        if (Errors.Count > 0)
            return Page();

        var link = await links.CreateAsync(me.Id, AccountTokenPurpose.EmailChange, email, ct);
        var minutes = (int)links.Lifetime(AccountTokenPurpose.EmailChange).TotalMinutes;
        outbox.Queue(email, T["Mail.EmailChange.Subject"], T["Mail.EmailChange.Body", me.DisplayName, minutes, link]);
        audit.Record(AuditAction.EmailChangeRequested, AuditTarget.User(me.Id), $"{me.Email} → {email}");
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Flash.EmailChangeSent";
        return Redirect(BackofficePaths.Account);
    }
}
