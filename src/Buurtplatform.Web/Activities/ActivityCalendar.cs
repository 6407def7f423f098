using Buurtplatform.Calendar;
using Buurtplatform.Web.Calendar;
using NodaTime;
using NodaTime.Extensions;
using Buurtplatform.Web.Content.Published;

namespace Buurtplatform.Web.Activities;

/// <summary>One concrete date of an activity, with its start and end in the site's time zone.</summary>
public sealed record ActivityOccurrence(Activity Activity, ZonedDateTime Start, ZonedDateTime End, OccurrenceStatus Status, string? Reason, LocalDateTime OriginalStart)
{
    public LocalDate Date => Start.Date;

    public bool IsCancelled => Status == OccurrenceStatus.Cancelled;

    public bool IsMoved => Status == OccurrenceStatus.Moved;
}

/// <summary>
/// The dates of activities, for every page and feed: schedules expanded by the calendar library in
/// Europe/Amsterdam, with the school holidays from the content. Knows what "today" is from
/// <see cref="TimeProvider"/>, so tests can fix the clock. Scoped: the holidays and each public activity's series
/// come from the request's published-content snapshot (<see cref="Published"/>; without one, as in a benchmark, from the database).
/// </summary>
public sealed class ActivityCalendar
{
    private static readonly DateTimeZone Zone = SiteZone.Zone;
    private readonly TimeProvider _clock;
    private readonly Published? _published;
    private readonly Lazy<AppDbContext> _db;
    private SchoolHolidays? _holidays;
    private bool _holidaysLoaded;

    /// <summary>In a request (registered in Program.cs): the snapshot's holidays and series; a DbContext only if something asks before the snapshot is read.</summary>
    public ActivityCalendar(TimeProvider clock, Published published, IServiceProvider services)
    {
        _clock = clock;
        _published = published;
        _db = new(services.GetRequiredService<AppDbContext>);
    }

    /// <summary>Without a snapshot (a benchmark, a test of the search): the holidays from the database.</summary>
    public ActivityCalendar(TimeProvider clock, AppDbContext db)
    {
        _clock = clock;
        _db = new(db);
    }


    public Instant Now => _clock.GetUtcNow().ToInstant();

    public LocalDate Today => Now.InZone(Zone).Date;

    /// <summary>The published school holidays: the snapshot's when the request has read it (<see cref="PrepareAsync"/>), else read once.</summary>
    public SchoolHolidays? Holidays
    {
        get
        {
            if (_published?.Loaded is { } content)
                return content.Holidays;
            if (!_holidaysLoaded)
            {
                _holidays = _db.Value.SchoolHolidays.AsNoTracking().FirstOrDefault(h => h.State == Content.PublishState.Published);
                _holidaysLoaded = true;
            }

            return _holidays;
        }
    }

    /// <summary>
    /// Reads the request's published-content snapshot (the school holidays with it) without blocking a thread. Pages
    /// call it first: the lazy, synchronous load in <see cref="Holidays"/> would tie up a pool thread per request.
    /// </summary>
    public async Task PrepareAsync(CancellationToken ct = default)
    {
        if (_published is not null)
        {
            await _published.GetAsync(ct);
        }
        else if (!_holidaysLoaded)
        {
            _holidays = await _db.Value.SchoolHolidays.AsNoTracking().FirstOrDefaultAsync(h => h.State == Content.PublishState.Published, ct);
            _holidaysLoaded = true;
        }
    }

    /// <summary>The published school holidays, loaded without blocking a thread (see <see cref="PrepareAsync"/>).</summary>
    public async Task<SchoolHolidays?> HolidaysAsync(CancellationToken ct = default)
    {
        await PrepareAsync(ct);
        return Holidays;
    }

    /// <summary>The activity's calendar series: the snapshot's for a public activity, made anew for a draft.</summary>
    public EventSeries Series(Activity activity) => _published?.Loaded?.Series(activity) ?? ActivitySeries.From(activity, Holidays);

    /// <summary>The occurrences of <paramref name="activity"/> that overlap the days [from, until), cancelled ones included.</summary>
    public IEnumerable<ActivityOccurrence> Expand(Activity activity, LocalDate from, LocalDate until) => Expand(activity, Series(activity), from, until);

    /// <summary>The occurrences of <paramref name="series"/> (the activity's) that overlap the days [from, until), cancelled ones included.</summary>
    public static IEnumerable<ActivityOccurrence> Expand(Activity activity, EventSeries series, LocalDate from, LocalDate until)
    {
        var window = new Interval(from.AtStartOfDayInZone(Zone).ToInstant(), until.AtStartOfDayInZone(Zone).ToInstant());
        return RecurrenceExpander.Expand(series, window)
            .Select(o => new ActivityOccurrence(activity, o.Start, o.End, o.Status, o.Reason, o.OriginalStart));
    }

    /// <summary>
    /// The dates of the public activities <paramref name="which"/> selects on the coming <paramref name="days"/> days that
    /// have not ended yet, by start: the snapshot's expansion, expanded once per day (<see cref="PublishedContent.Dates"/>).
    /// </summary>
    public IEnumerable<ActivityOccurrence> Upcoming(PublishedContent content, int days, Func<Activity, bool>? which = null)
    {
        var now = Now;
        return content.Dates(Today, days).Where(o => (which is null || which(o.Activity)) && o.End.ToInstant() > now);
    }

    /// <summary>Occurrences of all <paramref name="activities"/> in [from, until) that have not ended yet, by start.</summary>
    public List<ActivityOccurrence> Upcoming(IEnumerable<Activity> activities, LocalDate from, LocalDate until)
    {
        var now = Now;
        return activities
            .SelectMany(a => Expand(a, from, until))
            .Where(o => o.End.ToInstant() > now)
            .OrderBy(o => o.Start.ToInstant())
            .ThenBy(o => o.Activity.Title, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>The next <paramref name="count"/> dates of one activity (cancelled ones included), looking a year ahead.</summary>
    public List<ActivityOccurrence> Next(Activity activity, int count) =>
        Upcoming([activity], Today, Today.PlusYears(1)).Take(count).ToList();

    /// <summary>The next date that really takes place.</summary>
    public ActivityOccurrence? NextHeld(Activity activity) =>
        Upcoming([activity], Today, Today.PlusYears(1)).FirstOrDefault(o => !o.IsCancelled);
}
