using Buurtplatform.Calendar;
using Buurtplatform.Web.SignUps;
using NodaTime;

namespace Buurtplatform.Web.Vision.Suggestions;

/// <summary>
/// "Dank u wel": what happens next and by when, and the personal link when the parent gave an e-mail address.
/// The link comes through the one-time, encrypted flash cookie; the page is never stored (<c>no-store</c>, no referrer).
/// </summary>
[PersonalData(NoReferrer = true)]
public sealed class SuggestionDonePageModel(Content.Published.Published published, TimeProvider clock, IOptions<SuggestionOptions> options,
    IOptions<SignUpOptions> signUpOptions, IOptions<SiteOptions> site) : PageModel
{
    public Vision Vision { get; private set; } = null!;

    /// <summary>The personal link, or null (no e-mail given, or the page opened again).</summary>
    public string? Link { get; private set; }

    /// <summary>The last day the editors promise to have read it.</summary>
    public DateOnly ReadBy { get; private set; }

    public int WorkingDays => options.Value.ResponseWorkingDays;

    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, CancellationToken ct)
    {
        var vision = await published.FindPublicVisionAsync(gemeente, wijk, ct);
        if (vision is null)
            return NotFound();
        Vision = vision;
        if (TempData[SuggestionFormPageModel.ResultKey] is string token && token.Length > 0)
            Link = SuggestionLink.Url(Languages.SiteLanguages.PublicBase(site.Value.PublicBaseUrl), token);
        ReadBy = ReadByDate(clock, options.Value, signUpOptions.Value);
        return Page();
    }

    /// <summary><see cref="SuggestionOptions.ResponseWorkingDays"/> working days after today in Amsterdam (the sign-ups' working days).</summary>
    public static DateOnly ReadByDate(TimeProvider clock, SuggestionOptions o, SignUpOptions signUps)
    {
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(SiteZone.Zone).Date.ToDateOnly();
        return SignUps.WorkingDays.Add(today, o.ResponseWorkingDays, signUps.LiberationDayEveryYear);
    }
}
