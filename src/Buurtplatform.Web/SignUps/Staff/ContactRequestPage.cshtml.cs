using System.Text.Json;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;

namespace Buurtplatform.Web.SignUps.Staff;

/// <summary>
/// A parent's access or erasure request (AVG articles 15 and 17), for administrators: find everything stored
/// under a phone number or e-mail address, download it (JSON), or erase it. The contact is only ever posted,
/// never in a URL; the audit log records the request and the count, not the contact.
/// </summary>
[AdministratorOnly]
public sealed class ContactRequestPageModel(AppDbContext db, SignUpBook book, AuditLog audit, IStringLocalizer<SharedResource> T, TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    [BindProperty]
    public string? ContactText { get; set; }

    public List<SignUp>? Found { get; private set; }

    public Dictionary<int, string> ActivityTitles { get; private set; } = [];

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostFindAsync(CancellationToken ct)
    {
        if (Query() is not { } q)
            return Page();
        Found = await q.AsNoTracking().Include(s => s.Slot).OrderBy(s => s.CreatedUtc).ToListAsync(ct);
        var ids = Found.Select(s => s.ActivityId).Distinct().ToList();
        ActivityTitles = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
        await audit.RecordAsync(AuditAction.SignUpsViewed, null, $"access request search: {Found.Count} sign-ups shown", ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct)
    {
        if (Query() is not { } q)
            return Page();
        var rows = await q.AsNoTracking().Include(s => s.Slot).Include(s => s.Activity).OrderBy(s => s.CreatedUtc).ToListAsync(ct);
        var export = rows.Select(s => new
        {
            activity = s.Activity.Title,
            date = SignUpPaths.Date(s.Slot.Date),
            state = s.State.ToString(),
            waitlistOrder = s.Sequence,
            firstName = s.FirstName,
            phone = s.Phone,
            email = s.Email,
            contactLanguage = s.ContactLanguage,
            children = s.Children,
            childAges = s.ChildAges.Select(a => new { value = a.Value, unit = a.Unit.ToString() }),
            wantsCall = s.WantsCall,
            remark = s.Remark,
            answers = s.Answers,
            otherContactOptIn = s.OtherContactOptIn,
            consentUtc = s.ConsentUtc,
            createdUtc = s.CreatedUtc,
            movedUpUtc = s.MovedUpUtc,
            cancelledUtc = s.CancelledUtc,
            reminderSentUtc = s.ReminderSentUtc,
            staffNote = s.Note,
            handledBy = s.HandledByName,
            handledUtc = s.HandledUtc,
            personalLinkExpiresUtc = s.TokenExpiresUtc,
        });
        var json = JsonSerializer.SerializeToUtf8Bytes(new { exportedUtc = clock.GetUtcNow().UtcDateTime, signUps = export }, IndentedJson);
        await audit.RecordAsync(AuditAction.ContactDataExported, null, $"access request: {rows.Count} sign-ups exported", ct: ct);
        return File(json, "application/json; charset=utf-8", "gegevens-aanmeldingen.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken ct)
    {
        if (Query() is not { } q)
            return Page();
        var ids = await q.Select(s => s.Id).ToListAsync(ct);
        var deleted = await book.DeleteAsync(ids, ct);
        await audit.RecordAsync(AuditAction.ContactDataErased, null, $"erasure request: {deleted} sign-ups deleted", ct: ct);
        TempData["Flash"] = "Flash.ContactErased";
        return Redirect(SignUpPaths.Contact);
    }

    private IQueryable<SignUp>? Query()
    {
        var email = Contact.NormaliseEmail(ContactText);
        var phone = Contact.NormalisePhone(ContactText);
        if (email is null && phone is null)
        {
            Error = T["Contact.Error"];
            return null;
        }

        return db.SignUps.Where(s => (email != null && s.Email == email) || (phone != null && s.Phone == phone));
    }
}
