using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.SignUps.Public;

/// <summary>
/// After the sign-up was committed: what happened (a place, the waitlist with the place in line, or
/// already signed up), when and where, the date for the parent's own calendar, and the personal link. The
/// result travels in the one-time (encrypted) flash cookie, never in the URL; the link is shown only here,
/// once, to the browser that signed up, so a parent without e-mail has it too.
/// </summary>
[PersonalData(NoReferrer = true)]
public sealed class SignUpDonePageModel(AppDbContext db, Content.Published.Published published, SignUpDates signUpDates, PageTranslations translations) : PageModel
{
    public Activity Activity { get; private set; } = null!;

    public SignUpOutcome? Outcome { get; private set; }

    public string? When { get; private set; }

    public int Position { get; private set; }

    public bool ByEmail { get; private set; }

    /// <summary>The date signed up for (null for an unknown result).</summary>
    public SignUpDate? Date { get; private set; }

    /// <summary>The personal link's path (with its token), or null.</summary>
    public string? PersonalLinkPath { get; private set; }

    public async Task<IActionResult> OnGetAsync(string gemeente, string wijk, string slug, CancellationToken ct)
    {
        var activity = (await published.GetAsync(ct)).Activity(gemeente, wijk, slug);
        if (activity is null)
            return NotFound();
        Activity = activity;
        await translations.LoadAsync([activity.Key, activity.MeetingPlace.Key], ct);
        await signUpDates.PrepareAsync(ct);
        if (TempData[SignUpFormPageModel.ResultKey] is string result && result.Split('|') is [var outcome, var date, var position, var contact, var token]
            && Enum.TryParse<SignUpOutcome>(outcome, out var o))
        {
            Outcome = o;
            Position = int.Parse(position, CultureInfo.InvariantCulture);
            ByEmail = contact == "email";
            PersonalLinkPath = token.Length > 0 ? PersonalLink.Url("", token) : null;
            var settings = await SignUpSettings.LoadAsync(db, activity, ct);
            if (SignUpPaths.ParseDate(date) is { } slotDate && signUpDates.Find(activity, settings, slotDate) is { } d)
            {
                Date = d;
                When = signUpDates.Describe(d);
            }
        }

        return Page();
    }
}
