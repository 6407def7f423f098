using Buurtplatform.Web.Audit;

namespace Buurtplatform.Web.SignUps.Staff;

/// <summary>
/// CSV of one activity's sign-ups: one date (<c>?datum=yyyy-MM-dd</c>), the series (<c>?datum=reeks</c>) or
/// everything. Every export is in the audit log (who, which activity and date, how many rows).
/// </summary>
public sealed class ExportPageModel(AppDbContext db, Inbox inbox, AuditLog audit, IStringLocalizer<SharedResource> T) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int activityId, string? datum, CancellationToken ct)
    {
        var activity = await db.Activities.AsNoTracking().SingleOrDefaultAsync(a => a.Id == activityId, ct);
        if (activity is null)
            return NotFound();
        var q = db.SignUps.Where(s => s.ActivityId == activityId);
        var date = SignUpPaths.ParseDate(datum);
        if (date is { } d)
            q = q.Where(s => s.Slot.Date == d);
        var rows = (await inbox.LoadAsync(q, ct, all: true)).OrderBy(r => r.SignUp.Slot.Date).ThenBy(r => r.SignUp.Sequence).ToList();
        var questions = await db.SignUpQuestions.AsNoTracking().Where(x => x.ActivityId == activityId).OrderBy(x => x.Position).Select(x => x.Text).ToListAsync(ct);
        questions = questions.Union(rows.SelectMany(r => r.SignUp.Answers.Select(a => a.Question))).Distinct().ToList();
        var bytes = SignUpCsv.Write(rows, questions, st => T[st.LabelKey()], c => Shared.PresentationText.Language(T, c), key => T[key]);
        await audit.RecordAsync(AuditAction.SignUpsExported, AuditTarget.Activity(activityId), $"CSV {(date is null ? "all dates" : SignUpPaths.Date(date.Value))}: {rows.Count} sign-ups", ct: ct);
        var name = $"aanmeldingen-{activity.Slug}-{(date is null ? "alle" : SignUpPaths.Date(date.Value))}.csv";
        return File(bytes, "text/csv; charset=utf-8", name);
    }
}
