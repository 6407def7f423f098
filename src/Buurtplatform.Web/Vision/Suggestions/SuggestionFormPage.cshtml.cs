using Buurtplatform.Web.SignUps;
using Buurtplatform.Web.SignUps.Public;

namespace Buurtplatform.Web.Vision.Suggestions;

/// <summary>
/// "Wat vindt u?": a parent's idea or reaction to the vision, on its own never-cached URL beside the vision page
/// (<c>…/visie/reageren?deel=2</c>), for the reason the sign-up form has one (<see cref="SignUpFormPageModel"/>):
/// the vision page stays output-cached, and each visitor gets their own antiforgery token and time stamp.
/// The same spam measures as the sign-up form: honeypot, signed time trap, per-address rate limit.
/// </summary>
[PersonalData]
[EnableRateLimiting(SuggestionSetup.RateLimitPolicy)]
public sealed class SuggestionFormPageModel(AppDbContext db, Content.Published.Published published, TimeTrap trap, SuggestionMails mails, TimeProvider clock,
    IOptions<SuggestionOptions> options, IOptions<SignUpOptions> signUpOptions, IStringLocalizer<SharedResource> T) : PageModel
{
    public const string ResultKey = "SuggestionResult";

    [BindProperty]
    public SuggestionInput Input { get; set; } = new();

    public Vision Vision { get; private set; } = null!;

    public List<FieldError> Errors { get; } = [];

    public bool TooOld { get; private set; }

    public string Stamp { get; private set; } = "";

    public SuggestionOptions Options => options.Value;

    /// <summary>The languages a parent can say they wrote in: the sign-up form's contact languages.</summary>
    public IReadOnlyList<string> Languages => signUpOptions.Value.ContactLanguages;

    public string? ErrorFor(string fieldId) => Errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, int? deel, CancellationToken ct)
    {
        if (!await LoadAsync(gemeente, wijk, ct))
            return NotFound();
        Input.Section = (deel is { } n && n >= 0 && n <= Vision.Sections.Count ? n : 0).ToString(CultureInfo.InvariantCulture);
        Input.Language = PageLanguage();
        Stamp = trap.Stamp(Subject);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string gemeente, string wijk, CancellationToken ct)
    {
        if (!await LoadAsync(gemeente, wijk, ct))
            return NotFound();

        // Robots: the same answer as a real idea (a redirect to the thank-you page), nothing stored or mailed.
        if (!string.IsNullOrEmpty(Input.Website))
            return Done(SecretTokens.New(), !string.IsNullOrWhiteSpace(Input.Email));
        switch (trap.Check(Input.Stamp, Subject))
        {
            case TimeTrapVerdict.Invalid or TimeTrapVerdict.TooFast:
                return Done(SecretTokens.New(), !string.IsNullOrWhiteSpace(Input.Email));
            case TimeTrapVerdict.TooOld:
                TooOld = true;
                Stamp = trap.Stamp(Subject);
                return Page();
        }

        Stamp = Input.Stamp!;
        var valid = SuggestionValidation.Validate(Input, Vision, options.Value, Languages, T, Errors);
        if (valid is null)
            return Page();

        var token = valid.Email is null ? null : SecretTokens.New();
        var suggestion = new VisionSuggestion
        {
            Key = Guid.NewGuid(),
            VisionId = Vision.Id,
            SectionHeading = valid.SectionHeading,
            Text = valid.Text,
            Language = valid.Language,
            FirstName = valid.FirstName,
            ShowName = valid.FirstName is not null,
            Email = valid.Email,
            TokenHash = token is null ? null : SecretTokens.Hash(token),
            State = SuggestionState.New,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.VisionSuggestions.Add(suggestion);
        if (token is not null)
            mails.QueueReceived(suggestion, Vision, token);
        await db.SaveChangesAsync(ct);
        return Done(token, token is not null);
    }

    /// <summary>The thank-you page; the link travels in the one-time, encrypted flash cookie, never in a URL.</summary>
    private RedirectResult Done(string? token, bool byEmail)
    {
        TempData[ResultKey] = byEmail && token is not null ? token : "";
        return Redirect(SuggestionPaths.Done(Vision.Wijk));
    }

    private string Subject => $"visie-{Vision.Id.ToString(CultureInfo.InvariantCulture)}";

    private string PageLanguage()
    {
        var page = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return Languages.Contains(page) ? page : Languages[0];
    }

    private async Task<bool> LoadAsync(string gemeente, string wijk, CancellationToken ct)
    {
        var vision = await published.FindPublicVisionAsync(gemeente, wijk, ct);
        if (vision is null)
            return false;
        Vision = vision;
        return true;
    }
}
