using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.SignUps.Public;

/// <summary>
/// The parent's personal link (<c>/mijn-aanmelding/{token}</c>, see <see cref="PersonalLink"/>): view the
/// sign-up, change the number of children, cancel, or delete all their data. An unknown or expired link
/// answers 404 with a friendly text.
/// </summary>
[PersonalData(NoReferrer = true)]
[EnableRateLimiting(SignUpSetup.RateLimitPolicy)]
public sealed class MySignUpPageModel(AppDbContext db, SignUpBook book, SignUpDates signUpDates, SignUpMails mails, AuditLog audit, TimeProvider clock,
    IOptions<SignUpOptions> options, IStringLocalizer<SharedResource> T, PageTranslations translations) : PageModel
{
    public const string FlashKey = "MySignUpFlash";

    public SignUp? SignUp { get; private set; }

    public Activity Activity { get; private set; } = null!;

    /// <summary>The activity's sign-up settings, read once with it.</summary>
    private SignUpSettings Settings { get; set; } = null!;

    public string When { get; private set; } = "";

    public int Position { get; private set; }

    public string? Message { get; private set; }

    public List<FieldError> Errors { get; } = [];

    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    /// <summary>"Meld mij af" asks once: the second post carries <c>Bevestigd=ja</c>.</summary>
    [BindProperty(Name = "Bevestigd")]
    public string? Confirmed { get; set; }

    /// <summary>Showing the question "Weet u het zeker?" with what will happen.</summary>
    public bool AskToConfirmCancel { get; private set; }

    /// <summary>Whether others wait for a place on this date (so the parent's place goes to them).</summary>
    public bool OthersWaiting { get; private set; }

    /// <summary>What changed since the parent signed up (a date cancelled or moved, the activity offline), newest first.</summary>
    public List<SignUpChangeNotice> Changes { get; private set; } = [];

    public string NewWhen(SignUpChangeNotice n) => mails.NewWhen(n);

    public SignUpOptions Options => options.Value;

    public string Action(string? handler = null) => PersonalLink.ActionPath(HttpContext, handler);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return Gone();
        Message = TempData[FlashKey] as string;
        Input.Children = SignUp!.Children;
        Input.Ages = SignUp.ChildAges.Select(a => new AgeInput { Value = a.Value.ToString(CultureInfo.InvariantCulture), Unit = a.Unit == AgeUnit.Months ? "maanden" : "jaar" }).ToList();
        return Page();
    }

    /// <summary>Without JavaScript: shows as many age fields as the chosen number.</summary>
    public async Task<IActionResult> OnPostChildrenCountAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return Gone();
        Input.Children = Math.Clamp(Input.Children, 1, options.Value.MaxChildren);
        return Page();
    }

    public async Task<IActionResult> OnPostChildrenAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || SignUp!.State == SignUpState.Cancelled)
            return Gone();
        var ages = ValidateAges();
        if (ages is null)
            return Page();
        var result = await book.ChangeChildrenAsync(SignUp.Id, ages, Settings.EffectiveCapacity(Activity), ct);
        if (result == ChildrenChange.NoRoom)
        {
            Errors.Add(new("kinderen", T["MySignUp.NoRoom"]));
            return Page();
        }

        TempData[FlashKey] = T["MySignUp.ChildrenChanged"].Value;
        return PersonalLink.RedirectBack(HttpContext);
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return Gone();
        if (SignUp!.State == SignUpState.Cancelled)
            return PersonalLink.RedirectBack(HttpContext);
        if (Confirmed != "ja")
        {
            AskToConfirmCancel = true;
            return Page();
        }

        // Said after the fact as it happened: the place goes to the waitlist only when someone waits for it.
        var message = SignUp.State == SignUpState.Waitlisted ? "MySignUp.CancelledFromWaitlist"
            : OthersWaiting ? "MySignUp.CancelledNow" : "MySignUp.CancelledPlaceFree";
        await book.CancelAsync(SignUp.Id, byParent: true, ct);
        TempData[FlashKey] = T[message].Value;
        return PersonalLink.RedirectBack(HttpContext);
    }

    /// <summary>
    /// Deletes this sign-up and every other one with the e-mail address this link was mailed to, at once.
    /// </summary>
    /// <remarks>
    /// Holding the link proves only that its holder reads that mailbox. Phone numbers are never checked, so
    /// anyone can type another parent's number beside their own address: matching on it would let one link
    /// erase (and, by the count shown, reveal) someone else's sign-ups. Sign-ups made by phone alone are
    /// erased by staff (an administrator's erasure request, after checking who asks).
    /// </remarks>
    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return Gone();
        var (id, email) = (SignUp!.Id, SignUp.Email);
        var ids = await db.SignUps.AsNoTracking()
            .Where(s => s.Id == id || (email != null && s.Email == email))
            .Select(s => s.Id).ToListAsync(ct);
        var deleted = await book.DeleteAsync(ids, ct);
        await audit.RecordAsync(AuditAction.SignUpErasedByParent, null, $"{deleted} sign-ups deleted by the parent", AuditActor.Parent, ct);
        TempData[DataDeletedPageModel.CountKey] = deleted;
        return Redirect(SignUpPaths.Deleted);
    }

    private List<ChildAge>? ValidateAges()
    {
        var ages = new List<ChildAge>();
        if (Input.Children < 1 || Input.Children > options.Value.MaxChildren)
            Errors.Add(new("kinderen", T["SignUp.Error.Children", options.Value.MaxChildren]));
        for (var i = 0; i < Input.Children && Errors.Count == 0; i++)
        {
            var age = Input.Age(i);
            var unit = age.Unit == "maanden" ? AgeUnit.Months : AgeUnit.Years;
            if (!int.TryParse(age.Value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                Errors.Add(new($"leeftijd-{i}", T["SignUp.Error.Age", i + 1]));
            else if (value > (unit == AgeUnit.Years ? SignUpValidation.MaxAgeYears : SignUpValidation.MaxAgeYears * 12))
                Errors.Add(new($"leeftijd-{i}", T["SignUp.Error.AgeRange", i + 1, SignUpValidation.MaxAgeYears]));
            else
                ages.Add(new ChildAge(value, unit));
        }

        return Errors.Count == 0 ? ages : null;
    }

    /// <summary>An unknown, used-up or expired link: 404, with a page that says what to do.</summary>
    private PageResult Gone()
    {
        SignUp = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var token = PersonalLink.TokenOf(HttpContext);
        if (string.IsNullOrEmpty(token))
            return false;
        var hash = PersonalLink.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var s = await db.SignUps.AsNoTracking().Include(x => x.Slot).SingleOrDefaultAsync(x => x.TokenHash == hash, ct);
        if (s is null || s.TokenExpiresUtc <= now)
            return false;
        SignUp = s;
        await signUpDates.PrepareAsync(ct);
        Activity = await db.Activities.AsNoTracking().Include(a => a.Wijk).ThenInclude(w => w.Gemeente).Include(a => a.MeetingPlace).Include(a => a.Organiser)
            .SingleAsync(a => a.Id == s.ActivityId, ct);
        // The activity's title in the page's language (the page is in the language of its address, as every page).
        await translations.LoadAsync([Activity.Key, Activity.MeetingPlace.Key], ct);
        Settings = await SignUpSettings.LoadAsync(db, Activity, ct);
        When = signUpDates.Find(Activity, Settings, s.Slot.Date) is { } d ? signUpDates.Describe(d) : "";
        Position = await book.WaitlistPositionAsync(s, ct);
        OthersWaiting = await db.SignUps.AnyAsync(x => x.SlotId == s.SlotId && x.Id != s.Id && x.State == SignUpState.Waitlisted, ct);
        Changes = await db.SignUpChangeNotices.AsNoTracking().Where(n => n.SignUpId == s.Id).OrderByDescending(n => n.Id).ToListAsync(ct);
        return true;
    }
}
