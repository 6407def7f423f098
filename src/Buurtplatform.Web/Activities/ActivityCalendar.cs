using Buurtplatform.Calendar;
using Buurtplatform.Web.Calendar;
using NodaTime;
using NodaTime.Extensions;

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
/// <see cref="TimeProvider"/>, so tests can fix the clock. Scoped: it reads the holidays once per request.
/// </summary>
public sealed class ActivityCalendar(TimeProvider clock, AppDbContext db)
{
    private static readonly DateTimeZone Zone = SiteZone.Zone;
    private SchoolHolidays? _holidays;
    private bool _holidaysLoaded;

    public Instant Now => clock.GetUtcNow().ToInstant();

    public LocalDate Today => Now.InZone(Zone).Date;

    public SchoolHolidays? Holidays
    {
        get
        {
            if (!_holidaysLoaded)
            {
                _holidays = db.SchoolHolidays.AsNoTracking().FirstOrDefault(h => h.State == Content.PublishState.Published);
                _holidaysLoaded = true;
            }

            return _holidays;
        }
    }

    /// <summary>
    /// Loads the school holidays without blocking a thread. Pages under load (the sign-up form) call it
    /// first: the lazy, synchronous load in <see cref="Holidays"/> would tie up a pool thread per request.
    /// </summary>
    public async Task PrepareAsync(CancellationToken ct = default)
    {
        if (_holidaysLoaded)
            return;
        _holidays = await db.SchoolHolidays.AsNoTracking().FirstOrDefaultAsync(h => h.State == Content.PublishState.Published, ct);
        _holidaysLoaded = true;
    }

    /// <summary>The published school holidays, loaded without blocking a thread (see <see cref="PrepareAsync"/>).</summary>
    public async Task<SchoolHolidays?> HolidaysAsync(CancellationToken ct = default)
    {
        await PrepareAsync(ct);
        return _holidays;
    }

    public EventSeries Series(Activity activity) => ActivitySeries.From(activity, Holidays);

    /// <summary>The occurrences of <paramref name="activity"/> that overlap the days [from, until), cancelled ones included.</summary>
    public IEnumerable<ActivityOccurrence> Expand(Activity activity, LocalDate from, LocalDate until)
    {
        var window = new Interval(from.AtStartOfDayInZone(Zone).ToInstant(), until.AtStartOfDayInZone(Zone).ToInstant());
        return RecurrenceExpander.Expand(Series(activity), window)
            .Select(o => new ActivityOccurrence(activity, o.Start, o.End, o.Status, o.Reason, o.OriginalStart));
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
