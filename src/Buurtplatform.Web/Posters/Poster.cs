using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.SignUps;

namespace Buurtplatform.Web.Posters;

/// <summary>One activity on the poster: its dates in the week and where its QR code leads (the sign-up form, else its page).</summary>
public sealed record PosterItem(Activity Activity, IReadOnlyList<ActivityOccurrence> Dates, string Target, bool TargetIsSignUp);

/// <summary>
/// A week poster for a notice board (school, consultatiebureau, library): a wijk's or a meeting place's activities
/// of one ISO week, each with a QR code, and one QR code to the wijk's agenda.
/// </summary>
public sealed record Poster(string Heading, Wijk Wijk, MeetingPlace? Place, PosterWeek Week, IReadOnlyList<PosterItem> Items, string AgendaUrl, string PagePath)
{
    /// <summary>Builds the poster from the public activities; <paramref name="baseUrl"/> makes the QR codes' URLs absolute.</summary>
    public static Poster For(string heading, Wijk wijk, MeetingPlace? place, PosterWeek week, IEnumerable<Activity> activities,
        ActivityCalendar calendar, string baseUrl, string pagePath)
    {
        var root = baseUrl.TrimEnd('/');
        var items = activities
            .Select(a => (Activity: a, Dates: calendar.Expand(a, week.Monday, week.Sunday.PlusDays(1)).OrderBy(o => o.Start.ToInstant()).ToList()))
            .Where(x => x.Dates.Count > 0)
            .OrderBy(x => x.Dates[0].Start.ToInstant()).ThenBy(x => x.Activity.Title, StringComparer.CurrentCulture)
            .Select(x => x.Activity.SignUpRequired
                ? new PosterItem(x.Activity, x.Dates, root + SignUpPaths.Form(x.Activity), true)
                : new PosterItem(x.Activity, x.Dates, root + Links.Activity(x.Activity), false))
            .ToList();
        var agenda = root + "/agenda?wijk=" + Uri.EscapeDataString(wijk.Gemeente.Slug) + "/" + Uri.EscapeDataString(wijk.Slug);
        return new Poster(heading, wijk, place, week, items, agenda, pagePath);
    }
}
