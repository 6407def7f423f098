using Buurtplatform.Web.Activities;

namespace Buurtplatform.Web.Posters;

/// <summary>What the two poster pages share: reading <c>?week=</c> and building the poster.</summary>
public abstract class PosterPageModel(ActivityCalendar calendar, IOptions<SiteOptions> site) : PageModel
{
    public Poster Poster { get; protected set; } = null!;

    /// <summary>Set when <c>?week=</c> is not a week: the page says so (400) instead of guessing one.</summary>
    public string? BadWeek { get; private set; }

    protected ActivityCalendar Calendar => calendar;

    protected string BaseUrl => Languages.SiteLanguages.PublicBase(site.Value.PublicBaseUrl);

    /// <summary>The week asked for, or this week (in Amsterdam) when none is; null after a bad value, with the 400 set.</summary>
    protected PosterWeek? ReadWeek(string? week)
    {
        if (string.IsNullOrEmpty(week))
            return PosterWeek.Of(calendar.Today);
        if (PosterWeek.TryParse(week, out var parsed))
            return parsed;
        BadWeek = week;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return null;
    }
}
