using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.SignUps.Public;

/// <summary>
/// The sign-up form, on its own URL beside the activity page (<c>…/activiteiten/{slug}/aanmelden</c>).
/// </summary>
/// <remarks>
/// Choices: A) the form on the activity page, which is output-cached — every visitor would get the same
/// antiforgery token (invalid with their own cookie) and the same render time (a time trap that a robot
/// passes by fetching a cached copy); B) no cache for activity pages with a form — the busiest pages lose
/// their cache; C) this: the activity page stays cached and links here; this page is never cached and
/// answers <c>no-store</c>, so each visitor gets their own token and time stamp, and the places left are live.
/// </remarks>
[PersonalData]
[EnableRateLimiting(SignUpSetup.RateLimitPolicy)]
public sealed class SignUpFormPageModel(AppDbContext db, Content.Published.Published published, SignUpDates signUpDates, SignUpBook book, TimeTrap trap,
    SignUpFormSnapshots snapshots, IOptions<SignUpOptions> options, IStringLocalizer<SharedResource> T, PageTranslations translations) : PageModel
{
    public const string ResultKey = "SignUpResult";

    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    public Activity Activity { get; private set; } = null!;

    public SignUpSettings Settings { get; private set; } = null!;

    /// <summary>The coming dates (or the series), open and closed.</summary>
    public List<SignUpDate> Dates { get; private set; } = [];

    public Dictionary<DateOnly, Availability> Places { get; private set; } = [];

    public List<SignUpQuestion> Questions { get; private set; } = [];

    public List<FieldError> Errors { get; } = [];

    public bool TooOld { get; private set; }

    /// <summary>The database was away when the form was sent: nothing is stored, the form comes back as typed.</summary>
    public bool NotSaved { get; private set; }

    public string Stamp { get; private set; } = "";

    public SignUpOptions Options => options.Value;

    public bool IsOpen(SignUpDate d) => d.ClosesAt > signUpDates.Now;

    public string? ErrorFor(string fieldId) => Errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, string slug, string? datum, CancellationToken ct)
    {
        if (!await LoadAsync(gemeente, wijk, slug, ct))
            return NotFound();
        Input.Date = datum ?? (Dates.Count == 1 ? SignUpPaths.Date(Dates[0].SlotDate) : null);
        Stamp = trap.Stamp(Activity.Id);
        return Page();
    }

    /// <summary>Without JavaScript: shows as many age fields as the chosen number of children, keeping everything typed.</summary>
    public async Task<IActionResult> OnPostChildrenAsync(string gemeente, string wijk, string slug, CancellationToken ct)
    {
        if (!await LoadAsync(gemeente, wijk, slug, ct))
            return NotFound();
        Input.Children = Math.Clamp(Input.Children, 1, options.Value.MaxChildren);
        Stamp = trap.Check(Input.Stamp, Activity.Id) is TimeTrapVerdict.Ok or TimeTrapVerdict.TooFast ? Input.Stamp! : trap.Stamp(Activity.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string gemeente, string wijk, string slug, CancellationToken ct)
    {
        try
        {
            return await PostAsync(gemeente, wijk, slug, ct);
        }
        catch (Exception e) when (DatabaseAvailability.IsUnavailable(e) && snapshots.TryGet(SnapshotKey(gemeente, wijk, slug), out var snapshot))
        {
            // Nothing was stored (the booking is one transaction that did not commit). The parent keeps what they
            // typed and their time stamp, and is told to send it again in a minute.
            (Activity, Settings, Questions, Dates, Places) = (snapshot.Activity, snapshot.Settings, snapshot.Questions, snapshot.Dates, snapshot.Places);
            translations.Use(snapshot.Translations);
            Errors.Clear();
            NotSaved = true;
            Stamp = Input.Stamp ?? trap.Stamp(Activity.Id);
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = DatabaseAvailability.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Page();
        }
    }

    private async Task<IActionResult> PostAsync(string gemeente, string wijk, string slug, CancellationToken ct)
    {
        if (!await LoadAsync(gemeente, wijk, slug, ct))
            return NotFound();

        // Robots: the same answer as a real sign-up (a redirect to the same page with a result), nothing stored.
        if (!string.IsNullOrEmpty(Input.Website))
            return FakeSuccess();
        switch (trap.Check(Input.Stamp, Activity.Id))
        {
            case TimeTrapVerdict.Invalid or TimeTrapVerdict.TooFast:
                return FakeSuccess();
            case TimeTrapVerdict.TooOld:
                // A person who took long: never a silent loss. The form comes back with everything typed.
                TooOld = true;
                Stamp = trap.Stamp(Activity.Id);
                return Page();
        }

        // A form sent back with errors keeps its first stamp: the parent has spent their seconds already.
        Stamp = Input.Stamp!;
        var date = ChosenDate();
        var input = SignUpValidation.Validate(Input, Questions, options.Value, T, Errors);
        if (input is null || date is null)
        {
            Errors.Sort((a, b) => FieldOrder(a.FieldId).CompareTo(FieldOrder(b.FieldId)));
            return Page();
        }

        var result = await book.AddAsync(Activity, Settings, date, input, ct);
        TempData[ResultKey] = string.Join('|', result.Outcome, SignUpPaths.Date(date.SlotDate), result.WaitlistPosition.ToString(CultureInfo.InvariantCulture), input.Email is null ? "phone" : "email", result.Token ?? "");
        return Redirect(SignUpPaths.Done(Activity));
    }

    private RedirectResult FakeSuccess()
    {
        var date = Dates.FirstOrDefault(d => SignUpPaths.Date(d.SlotDate) == Input.Date) ?? Dates.FirstOrDefault();
        TempData[ResultKey] = string.Join('|', SignUpOutcome.Placed, date is null ? "" : SignUpPaths.Date(date.SlotDate), "0", string.IsNullOrWhiteSpace(Input.Email) ? "phone" : "email", "");
        return Redirect(SignUpPaths.Done(Activity));
    }

    private SignUpDate? ChosenDate()
    {
        var slotDate = SignUpPaths.ParseDate(Input.Date);
        var date = slotDate is null ? null : Dates.FirstOrDefault(d => d.SlotDate == slotDate);
        if (date is null)
            Errors.Add(new("datum-0", T["SignUp.Error.Date"]));
        else if (!IsOpen(date))
            Errors.Add(new("datum-0", T["SignUp.Error.Closed"]));
        return date is not null && IsOpen(date) ? date : null;
    }

    private static int FieldOrder(string id) => id switch
    {
        "datum-0" => 0,
        "voornaam" => 1,
        "telefoon" => 2,
        "email" => 3,
        "kinderen" => 4,
        _ when id.StartsWith("leeftijd-", StringComparison.Ordinal) => 5,
        "taal" => 6,
        "bellen-ja" => 7,
        "opmerking" => 8,
        _ when id.StartsWith("vraag-", StringComparison.Ordinal) => 9,
        _ => 10,
    };

    private async Task<bool> LoadAsync(string gemeente, string wijk, string slug, CancellationToken ct)
    {
        var activity = (await published.GetAsync(ct)).Activity(gemeente, wijk, slug);
        if (activity is null || !activity.SignUpRequired)
            return false;
        Activity = activity;
        // In the parent's language: the activity's title (and the place's texts) as on the activity page.
        await translations.LoadAsync([activity.Key, activity.MeetingPlace.Key], ct);
        await signUpDates.PrepareAsync(ct);
        Settings = await SignUpSettings.LoadAsync(db, activity, ct);
        Questions = await db.SignUpQuestions.AsNoTracking().Where(q => q.ActivityId == activity.Id).OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(ct);
        Dates = signUpDates.Coming(activity, Settings);
        var capacity = Settings.EffectiveCapacity(activity);
        var rows = await db.SignUps.AsNoTracking().Where(s => s.ActivityId == activity.Id && s.State != SignUpState.Cancelled)
            .GroupBy(s => new { s.Slot.Date, Waiting = s.State == SignUpState.Waitlisted })
            .Select(g => new { g.Key.Date, g.Key.Waiting, Children = g.Sum(s => s.Children), Count = g.Count() })
            .ToListAsync(ct);
        Places = Dates.ToDictionary(d => d.SlotDate, d =>
        {
            var taken = rows.Where(r => r.Date == d.SlotDate && !r.Waiting).Sum(r => r.Children);
            var waiting = rows.Where(r => r.Date == d.SlotDate && r.Waiting).Sum(r => r.Count);
            return new Availability(capacity is null ? null : Math.Max(0, capacity.Value - taken), waiting);
        });
        snapshots.Keep(SnapshotKey(gemeente, wijk, slug), new SignUpFormSnapshots.Snapshot(Activity, Settings, Questions, Dates, Places, translations.Translations));
        return true;
    }

    /// <summary>Per language too: the snapshot holds the activity's texts in the language it was shown in.</summary>
    private static string SnapshotKey(string gemeente, string wijk, string slug) => string.Join('/', gemeente, wijk, slug) + "|" + PageTranslations.Culture;

    /// <summary>Places left (null: no limit) and how many wait.</summary>
    public sealed record Availability(int? Free, int Waiting)
    {
        public bool Full => Waiting > 0 || Free == 0;
    }
}
