using System.Text.Json;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Vision.Suggestions;

namespace Buurtplatform.Web.SignUps.Staff;

/// <summary>
/// A parent's access or erasure request (AVG articles 15 and 17), for administrators: find everything stored
/// under a phone number or e-mail address, download it (JSON), or erase it. The contact is only ever posted,
/// never in a URL; the audit log records the request and the count, not the contact.
/// </summary>
/// <remarks>
/// Parents' ideas on the vision are found by their e-mail address too (ideas have no phone number). Their
/// erasure wipes the address and the personal link, as retention does: the idea itself stays, like an anonymous one.
/// </remarks>
[AdministratorOnly]
public sealed class ContactRequestPageModel(AppDbContext db, SignUpBook book, AuditLog audit, IStringLocalizer<SharedResource> T, TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    [BindProperty]
    public string? ContactText { get; set; }

    public List<SignUp>? Found { get; private set; }

    public Dictionary<int, string> ActivityTitles { get; private set; } = [];

    /// <summary>Ideas on a vision sent with the e-mail address (with their vision and wijk), oldest first.</summary>
    public List<VisionSuggestion>? FoundIdeas { get; private set; }

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
        FoundIdeas = await IdeasQuery().AsNoTracking().Include(s => s.Vision).ThenInclude(v => v.Wijk).OrderBy(s => s.CreatedUtc).ThenBy(s => s.Id).ToListAsync(ct);
        await audit.RecordAsync(AuditAction.SignUpsViewed, null, $"access request search: {Found.Count} sign-ups and {FoundIdeas.Count} ideas shown", ct: ct);
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
        var ideaRows = await IdeasQuery().AsNoTracking().Include(s => s.Vision).ThenInclude(v => v.Wijk).OrderBy(s => s.CreatedUtc).ThenBy(s => s.Id).ToListAsync(ct);
        var ideas = ideaRows.Select(s => new
        {
            wijk = s.Vision.Wijk.Name,
            vision = s.Vision.Title,
            section = s.SectionHeading,
            text = s.Text,
            language = s.Language,
            firstName = s.FirstName,
            showFirstName = s.ShowName,
            email = s.Email,
            state = s.State.ToString(),
            createdUtc = s.CreatedUtc,
            publishedUtc = s.PublishedUtc,
            answer = s.Answer,
            answerIsPublic = s.Answer is null ? (bool?)null : s.AnswerIsPublic,
            answeredUtc = s.AnsweredUtc,
            declineReason = s.DeclineReason,
            mergedIntoIdea = s.MergedIntoId,
            changeInVision = s.ChangeNote,
            processedOn = s.ProcessedOn,
            handledBy = s.HandledByName,
            handledUtc = s.HandledUtc,
            hasPersonalLink = s.TokenHash is not null,
        });
        var json = JsonSerializer.SerializeToUtf8Bytes(new { exportedUtc = clock.GetUtcNow().UtcDateTime, signUps = export, ideas }, IndentedJson);
        await audit.RecordAsync(AuditAction.ContactDataExported, null, $"access request: {rows.Count} sign-ups and {ideaRows.Count} ideas exported", ct: ct);
        return File(json, "application/json; charset=utf-8", "gegevens-aanmeldingen.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken ct)
    {
        if (Query() is not { } q)
            return Page();
        var ids = await q.Select(s => s.Id).ToListAsync(ct);
        var deleted = await book.DeleteAsync(ids, ct);
        // The idea's text stays (it may be published and answered), but nothing that ties it to the person:
        // the address, the personal link and a first name they chose to show.
        var erased = await IdeasQuery().ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Email, (string?)null)
            .SetProperty(x => x.FirstName, (string?)null)
            .SetProperty(x => x.ShowName, false)
            .SetProperty(x => x.TokenHash, (string?)null)
            .SetProperty(x => x.EmailErasedUtc, clock.GetUtcNow().UtcDateTime), ct);
        await audit.RecordAsync(AuditAction.ContactDataErased, null, $"erasure request: {deleted} sign-ups deleted, the e-mail address and first name of {erased} ideas erased", ct: ct);
        TempData["Flash"] = "Flash.ContactErased";
        return Redirect(SignUpPaths.Contact);
    }

    /// <summary>The ideas sent with the contact's e-mail address (none for a phone number); call after <see cref="Query"/> accepted the contact.</summary>
    private IQueryable<VisionSuggestion> IdeasQuery()
    {
        var email = Contact.NormaliseEmail(ContactText);
        return db.VisionSuggestions.Where(s => email != null && s.Email == email);
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
