using Buurtplatform.Calendar;
using NodaTime;
using NodaTime.Extensions;

namespace Buurtplatform.Web.Activities;

/// <summary>One concrete date of an activity, with its start and end in the site's time zone.</summary>
public sealed record ActivityOccurrence(Activity Activity, ZonedDateTime Start, ZonedDateTime End)
{
    public LocalDate Date => Start.Date;

    public DateTimeOffset StartOffset => Start.ToDateTimeOffset();

    public DateTimeOffset EndOffset => End.ToDateTimeOffset();
}

/// <summary>
/// Turns activity schedules into concrete dates, in Europe/Amsterdam, and knows what "today" is
/// (from <see cref="TimeProvider"/>, so tests can fix the clock).
/// </summary>
public sealed class ActivityCalendar(TimeProvider clock)
{
    private static readonly DateTimeZone Zone = SiteZone.Zone;

    public Instant Now => clock.GetUtcNow().ToInstant();

    public LocalDate Today => Now.InZone(Zone).Date;

    /// <summary>The occurrences of <paramref name="activity"/> whose date lies in [from, until).</summary>
    public IEnumerable<ActivityOccurrence> Expand(Activity activity, LocalDate from, LocalDate until)
    {
        var s = activity.Schedule;
        var dates = new SortedSet<LocalDate>();
        var start = s.StartDate.ToLocalDate();
        if (s.Repeat == Repeat.Weekly && s.Days.Count > 0)
        {
            var first = LocalDate.Max(start, from);
            var last = s.Until is { } u ? LocalDate.Min(u.ToLocalDate(), until.PlusDays(-1)) : until.PlusDays(-1);
            for (var d = first; d <= last; d = d.PlusDays(1))
            {
                if (s.Days.Contains(d.DayOfWeek.ToDayOfWeek()))
                    dates.Add(d);
            }
        }
        else if (start >= from && start < until)
        {
            dates.Add(start);
        }

        foreach (var extra in s.ExtraDates)
        {
            var d = extra.ToLocalDate();
            if (d >= from && d < until)
                dates.Add(d);
        }

        foreach (var d in dates)
        {
            // A local time in the spring-forward gap moves forward by the gap; in the autumn overlap the
            // earlier instant is used. That is what RFC 5545 prescribes, and what NodaTime calls lenient.
            var startAt = (d + s.StartTime.ToLocalTime()).InZoneLeniently(Zone);
            var endAt = (d + s.EndTime.ToLocalTime()).InZoneLeniently(Zone);
            yield return new ActivityOccurrence(activity, startAt, endAt);
        }
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

    /// <summary>The next <paramref name="count"/> dates of one activity, looking up to a year ahead.</summary>
    public List<ActivityOccurrence> Next(Activity activity, int count) =>
        Upcoming([activity], Today, Today.PlusYears(1)).Take(count).ToList();
}
