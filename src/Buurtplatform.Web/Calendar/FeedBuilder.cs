using Buurtplatform.Calendar;
using Buurtplatform.Calendar.Ics;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Shared;
using NodaTime;

namespace Buurtplatform.Web.Calendar;

/// <summary>
/// Builds iCalendar feeds from activities. Every feed an activity appears in describes it the same
/// way: the same UID (from its Key), DTSTAMP (its last change), SEQUENCE and text — so a parent who
/// subscribes to both the wijk and the activity sees one event, and unchanged content gives the
/// same bytes. It also has the same form everywhere: an activity Outlook cannot show as one series
/// is written as separate dates in every feed, decided on its whole series, also where a day filter
/// shows only a part of it. Its texts are in the request's language where the activity is translated
/// (<see cref="TranslateAsync"/>), otherwise Dutch.
/// </summary>
public sealed class FeedBuilder(ActivityCalendar calendar, IOptions<CalendarOptions> options, IOptions<SiteOptions> site, IStringLocalizer<SharedResource> t, Content.Published.Published published)
{
    private readonly CalendarOptions _options = options.Value;

    private ContentTranslations _translations = ContentTranslations.None;

    /// <summary>Takes the titles and descriptions in the request's language from the published content (nothing for Dutch); call before building.</summary>
    public async Task TranslateAsync(CancellationToken ct) =>
        _translations = (await published.GetAsync(ct)).Translations(ContentTranslations.CurrentCulture());

    /// <summary>The window a feed covers: a few weeks back to a year ahead.</summary>
    public Interval Window
    {
        get
        {
            var today = calendar.Today;
            return new Interval(today.PlusDays(-_options.DaysBack).AtStartOfDayInZone(SiteZone.Zone).ToInstant(),
                today.PlusDays(_options.DaysAhead).AtStartOfDayInZone(SiteZone.Zone).ToInstant());
        }
    }

    /// <summary>The UID of an activity's series: its Key, never a database id or a host name.</summary>
    public static string Uid(Activity a) => $"{a.Key:D}@buurtplatform";

    /// <summary>The activity's title as its events carry it: in the request's language where translated.</summary>
    public string Title(Activity a) => _translations.Text(a, "title").Value;

    public CalendarEvent Event(Activity a)
    {
        var series = calendar.Series(a);
        return Event(a, series, series);
    }

    /// <summary>The activity with <paramref name="shown"/>, the part of its <paramref name="whole"/> series a feed holds.</summary>
    private CalendarEvent Event(Activity a, EventSeries whole, EventSeries shown)
    {
        var place = a.MeetingPlace;
        var lastModified = a.UpdatedUtc;
        if (place.UpdatedUtc > lastModified)
            lastModified = place.UpdatedUtc;
        if (a.Schedule.SkipSchoolHolidays is not null && calendar.Holidays is { } h && h.UpdatedUtc > lastModified)
            lastModified = h.UpdatedUtc;
        // A changed translation changes the text: calendar apps should see that it is newer.
        if (_translations.UpdatedUtc(a) is { } translated && translated > lastModified)
            lastModified = translated;

        return new CalendarEvent
        {
            Uid = Uid(a),
            LastModified = Instant.FromDateTimeUtc(lastModified),
            Summary = _translations.Text(a, "title").Value,
            Description = Description(a),
            Location = place.AddressIsPlaceholder
                ? $"{place.Name}, {place.City}"
                : $"{place.Name}, {place.Street}, {place.Postcode} {place.City}",
            Url = new Uri(Languages.SiteLanguages.PublicBase(site.Value.PublicBaseUrl) + Links.Activity(a)),
            Geo = new GeoPosition(place.Latitude, place.Longitude),
            Categories = [PresentationText.Type(t, a.Type)],
            Sequence = a.Sequence,
            Series = shown,
            SeparateDatesForOutlook = !(published.Loaded?.IsOutlookSafe(a) ?? OutlookCompatibility.IsOutlookSafe(whole)),
        };
    }

    /// <summary>Plain text, never HTML: what, for whom, cost, language and how to join.</summary>
    private string Description(Activity a)
    {
        var sb = new StringBuilder(_translations.Text(a, "summary").Value);
        sb.Append("\n\n").Append(t["Activity.Ages", PresentationText.AgeRange(t, a.AgeFromMonths, a.AgeToMonths)]).Append('.');
        sb.Append('\n').Append(t["Activity.Cost"]).Append(": ").Append(PresentationText.Cost(t, a));
        if (a.CostNote is not null)
            sb.Append(" (").Append(_translations.Text(a, "costNote").Value).Append(')');
        sb.Append('\n').Append(t["Activity.Language"]).Append(": ").Append(PresentationText.Languages(t, a.Languages));
        sb.Append('\n').Append(a.SignUpRequired ? t["Activity.SignUpNeeded"] : t["Activity.WalkIn"]);
        sb.Append('\n').Append(t["Activity.Organiser"]).Append(": ").Append(a.Organiser.Name);
        return sb.ToString();
    }

    /// <summary>A feed of the activities that have a date in the window (on <paramref name="days"/> only, when given).</summary>
    public CalendarFeed Feed(string name, string pagePath, IEnumerable<Activity> activities, IReadOnlyCollection<DayOfWeek>? days = null)
    {
        var window = Window;
        var events = activities
            .OrderBy(a => a.Key)
            .Select(a => (Activity: a, Whole: calendar.Series(a)))
            .Select(x => (x.Activity, x.Whole, Shown: days is { Count: > 0 } ? ActivitySeries.OnDays(x.Whole, days) : x.Whole))
            .Where(x => x.Shown is not null && RecurrenceExpander.Expand(x.Shown, window).Any())
            .Select(x => Event(x.Activity, x.Whole, x.Shown!))
            .ToList();
        return new CalendarFeed
        {
            Name = t["Feed.Name", name],
            Description = t["Feed.Description", name],
            RefreshInterval = Duration.FromTimeSpan(_options.RefreshInterval),
            Url = new Uri(Languages.SiteLanguages.PublicBase(site.Value.PublicBaseUrl) + pagePath),
            LastModified = events.Count == 0 ? Instant.FromUtc(2000, 1, 1, 0, 0) : events.Max(e => e.LastModified),
            Events = events,
        };
    }

    public string Write(CalendarFeed feed) => IcsWriter.Write(feed, new IcsWriterOptions { OutlookFallbackWindow = Window });

    public static string OccurrencePath(Activity a, LocalDate originalDate) =>
        $"{Links.Activity(a)}/{originalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.ics";
}
