using Buurtplatform.Web.Backoffice;

namespace Buurtplatform.Web.Accounts.Users;

/// <summary>Invite a staff member: e-mail, name, role and scopes. They get a link to choose their own password.</summary>
[AdministratorOnly]
public sealed class InvitePageModel(AppDbContext db, StaffInvitations invitations, IOptions<AccountsOptions> options, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public RoleAndScopesInput Scope { get; set; } = new();

    public List<ScopeChoice> Choices { get; private set; } = [];

    public List<string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Choices = await ScopeChoices.LoadAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = Email?.Trim() ?? "";
        var name = DisplayName?.Trim() ?? "";
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _) || email.Length > 256)
            Errors.Add(T["Users.Error.InvalidEmail"]);
        if (name.Length is 0 or > 200)
            Errors.Add(T["Users.Error.Name"]);
        var role = await Scope.ValidateAsync(db, T, Errors, ct);
        if (Errors.Count == 0 && role is { } r)
        {
            var result = await invitations.InviteAsync(new StaffInvite(email, name, r, Scope.WijkIds, Scope.MeetingPlaceIds), mail: true, ct: ct);
            if (result.Succeeded)
            {
                TempData["Flash"] = "Flash.Invited";
                return Redirect(BackofficePaths.Users);
            }

            Errors.AddRange(IdentityErrorText.For(T, result.Errors, options.Value.MinimumPasswordLength));
        }

        Choices = await ScopeChoices.LoadAsync(db, ct);
        return Page();
    }
}
