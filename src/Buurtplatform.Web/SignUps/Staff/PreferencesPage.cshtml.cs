using Buurtplatform.Web.Backoffice;

namespace Buurtplatform.Web.SignUps.Staff;

/// <summary>The signed-in person's own choice: a mail per new sign-up, a daily digest, or none.</summary>
[StaffSelfService]
public sealed class PreferencesPageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SignUpNotification Notification { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var id = StaffScope.UserId(User);
        Notification = await db.StaffSignUpPreferences.Where(p => p.UserId == id).Select(p => (SignUpNotification?)p.Notification).SingleOrDefaultAsync(ct)
            ?? SignUpNotification.EachSignUp;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Enum.IsDefined(Notification))
            return BadRequest();
        var id = StaffScope.UserId(User)!;
        var row = await db.StaffSignUpPreferences.SingleOrDefaultAsync(p => p.UserId == id, ct);
        if (row is null)
            db.StaffSignUpPreferences.Add(row = new StaffSignUpPreference { UserId = id });
        if (row.Notification != SignUpNotification.DailyDigest && Notification == SignUpNotification.DailyDigest)
            row.LastDigestUtc = clock.GetUtcNow().UtcDateTime; // the first digest reports what comes after this choice
        row.Notification = Notification;
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Flash.SettingsSaved";
        return Redirect(SignUpPaths.Preferences);
    }
}
