using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.SignUps.Public;
using Buurtplatform.Web.Infrastructure.Caching;

namespace Buurtplatform.Web.SignUps.Staff;

/// <summary>
/// An activity's sign-up form: per date or for the whole series, capacity, closing time, reminder, and the
/// extra questions. Kept apart from the activity's content editing on purpose (see <see cref="SignUpSettings"/>).
/// </summary>
public sealed class SettingsPageModel(AppDbContext db, SignUpBook book, AuditLog audit, CacheChanges cache, IStringLocalizer<SharedResource> T) : PageModel
{
    public Activity Activity { get; private set; } = null!;

    public List<SignUpQuestion> Questions { get; private set; } = [];

    public List<FieldError> Errors { get; } = [];

    public bool SeriesPossible { get; private set; }

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    [BindProperty]
    public QuestionInput Question { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int activityId, CancellationToken ct)
    {
        if (await LoadAsync(activityId, ct) is not { } settings)
            return NotFound();
        Input = new SettingsInput
        {
            Mode = settings.Mode,
            Capacity = settings.Capacity?.ToString(CultureInfo.InvariantCulture),
            ClosesDaysBefore = settings.ClosesDaysBefore.ToString(CultureInfo.InvariantCulture),
            ClosesAt = settings.ClosesAt?.ToString("HH:mm", CultureInfo.InvariantCulture),
            SendReminder = settings.SendReminder,
            ReminderDaysBefore = settings.ReminderDaysBefore.ToString(CultureInfo.InvariantCulture),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int activityId, CancellationToken ct)
    {
        if (await LoadAsync(activityId, ct) is null)
            return NotFound();
        int? capacity = null;
        if (!string.IsNullOrWhiteSpace(Input.Capacity))
        {
            if (int.TryParse(Input.Capacity, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is >= 1 and <= 10000)
                capacity = c;
            else
                Errors.Add(new("capaciteit", T["Settings.Error.Capacity"]));
        }

        if (!int.TryParse(Input.ClosesDaysBefore, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > 60)
            Errors.Add(new("sluit-dagen", T["Settings.Error.ClosesDays"]));
        TimeOnly? closesAt = null;
        if (!string.IsNullOrWhiteSpace(Input.ClosesAt))
        {
            if (TimeOnly.TryParseExact(Input.ClosesAt.Trim().Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                closesAt = at;
            else
                Errors.Add(new("sluit-tijd", T["Settings.Error.ClosesAt"]));
        }

        if (!int.TryParse(Input.ReminderDaysBefore, NumberStyles.None, CultureInfo.InvariantCulture, out var reminder) || reminder is < 1 or > 14)
            Errors.Add(new("herinnering-dagen", T["Settings.Error.Reminder"]));
        if (Input.Mode == SignUpMode.WholeSeries && !SeriesPossible)
            Errors.Add(new("soort-reeks", T["Settings.Error.Series"]));
        if (Errors.Count > 0)
            return Page();

        var row = await db.SignUpSettings.SingleOrDefaultAsync(s => s.ActivityId == activityId, ct);
        if (row is null)
            db.SignUpSettings.Add(row = new SignUpSettings { ActivityId = activityId });
        var before = $"{row.Mode}, capacity {row.Capacity?.ToString(CultureInfo.InvariantCulture) ?? "-"}";
        row.Mode = Input.Mode;
        row.Capacity = capacity;
        row.ClosesDaysBefore = days;
        row.ClosesAt = closesAt;
        row.SendReminder = Input.SendReminder;
        row.ReminderDaysBefore = reminder;
        audit.Record(AuditAction.SignUpSettingsChanged, AuditTarget.Activity(activityId),
            $"{before} → {row.Mode}, capacity {capacity?.ToString(CultureInfo.InvariantCulture) ?? "-"}, closes {days} d {closesAt?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "at start"}, reminder {(row.SendReminder ? reminder + " d" : "off")}");
        await db.SaveChangesAsync(ct);
        await book.PromoteAllAsync(activityId, ct); // a higher capacity hands places to the waitlist at once
        await cache.AnnounceAsync([CacheTags.Node(Activity.Key)], ct);
        TempData["Flash"] = "Flash.SettingsSaved";
        return Redirect(SignUpPaths.Settings(activityId));
    }

    public async Task<IActionResult> OnPostAddQuestionAsync(int activityId, CancellationToken ct)
    {
        if (await LoadAsync(activityId, ct) is null)
            return NotFound();
        var text = Question.Text?.Trim() ?? "";
        if (text.Length is 0 or > 200)
            Errors.Add(new("vraag-tekst", T["Settings.Error.QuestionText"]));
        var choices = (Question.Choices ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (Question.Kind == QuestionKind.Choice && choices.Length < 2)
            Errors.Add(new("vraag-keuzes", T["Settings.Error.Choices"]));
        if (Errors.Count > 0)
            return Page();
        db.SignUpQuestions.Add(new SignUpQuestion
        {
            ActivityId = activityId,
            Kind = Question.Kind,
            Text = text,
            Required = Question.Required,
            Choices = Question.Kind == QuestionKind.Choice ? string.Join('\n', choices) : "",
            Position = Questions.Count == 0 ? 1 : Questions.Max(q => q.Position) + 1,
        });
        audit.Record(AuditAction.SignUpSettingsChanged, AuditTarget.Activity(activityId), $"question added ({Question.Kind})");
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Flash.SettingsSaved";
        return Redirect(SignUpPaths.Settings(activityId));
    }

    public async Task<IActionResult> OnPostDeleteQuestionAsync(int activityId, int questionId, CancellationToken ct)
    {
        var deleted = await db.SignUpQuestions.Where(q => q.Id == questionId && q.ActivityId == activityId).ExecuteDeleteAsync(ct);
        if (deleted == 0)
            return NotFound();
        await audit.RecordAsync(AuditAction.SignUpSettingsChanged, AuditTarget.Activity(activityId), "question removed", ct: ct);
        TempData["Flash"] = "Flash.SettingsSaved";
        return Redirect(SignUpPaths.Settings(activityId));
    }

    private async Task<SignUpSettings?> LoadAsync(int activityId, CancellationToken ct)
    {
        var a = await db.Activities.AsNoTracking().Include(x => x.MeetingPlace).SingleOrDefaultAsync(x => x.Id == activityId, ct);
        if (a is null)
            return null;
        Activity = a;
        SeriesPossible = SignUpDates.IsFinite(a);
        Questions = await db.SignUpQuestions.AsNoTracking().Where(q => q.ActivityId == activityId).OrderBy(q => q.Position).ToListAsync(ct);
        return await SignUpSettings.LoadAsync(db, a, ct);
    }

    public sealed class SettingsInput
    {
        public SignUpMode Mode { get; set; }

        public string? Capacity { get; set; }

        public string? ClosesDaysBefore { get; set; } = "0";

        public string? ClosesAt { get; set; }

        public bool SendReminder { get; set; } = true;

        public string? ReminderDaysBefore { get; set; } = "1";
    }

    public sealed class QuestionInput
    {
        public QuestionKind Kind { get; set; }

        public string? Text { get; set; }

        public bool Required { get; set; }

        public string? Choices { get; set; }
    }
}
