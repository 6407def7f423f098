using Buurtplatform.Calendar;
using Buurtplatform.Web.Calendar;
using NodaTime;
using NodaTime.Extensions;

namespace Buurtplatform.Web.Activities;

/// <summary>
/// Turns an activity's schedule into the calendar library's <see cref="EventSeries"/>: the one
/// description of its dates that the pages, the agenda and the feeds all expand.
/// </summary>
public static class ActivitySeries
{
    public static EventSeries From(Activity activity, SchoolHolidays? holidays)
    {
        var s = activity.Schedule;
        var time = LocalTime.FromTimeOnly(s.StartTime);
        var first = FirstDate(s);
        var overrides = activity.ScheduleChanges.Select(c =>
        {
            var original = LocalDate.FromDateOnly(c.Date) + time;
            if (c.Cancelled || c.NewDate is null)
                return OccurrenceOverride.Cancel(original, c.Reason);
            var newDate = LocalDate.FromDateOnly(c.NewDate.Value);
            var start = newDate + LocalTime.FromTimeOnly(c.NewStartTime ?? s.StartTime);
            var end = newDate + LocalTime.FromTimeOnly(c.NewEndTime ?? s.EndTime);
            return OccurrenceOverride.Move(original, start, end, c.Reason);
        });

        return new EventSeries
        {
            Start = first + time,
            Duration = Duration.FromTimeSpan(s.EndTime - s.StartTime),
            Zone = SiteZone.Zone,
            Rule = Rule(s, time),
            RDates = s.ExtraDates.Select(d => LocalDate.FromDateOnly(d) + time).ToList(),
            Overrides = overrides.ToList(),
            SkipPeriods = s.SkipSchoolHolidays is { } region && holidays is not null ? holidays.For(region).ToList() : [],
        };
    }

    /// <summary>
    /// The first date the pattern gives on or after the start date. DTSTART always counts as an
    /// occurrence in iCalendar, so a series "weekly on Tuesday from Monday 1 September" must start on
    /// Tuesday 2 September, or calendar apps would show an extra Monday.
    /// </summary>
    public static LocalDate FirstDate(ActivitySchedule s)
    {
        var start = LocalDate.FromDateOnly(s.StartDate);
        switch (s.Repeat)
        {
            case Repeat.Weekly when s.Days.Count > 0:
                for (var d = start; ; d = d.PlusDays(1))
                {
                    if (s.Days.Contains(d.DayOfWeek.ToDayOfWeek()))
                        return d;
                }

            case Repeat.Monthly when s.Days.Count == 1 && s.WeekOfMonth is { } nth:
                var day = s.Days[0].ToIsoDayOfWeek();
                for (var month = new LocalDate(start.Year, start.Month, 1); ; month = month.PlusMonths(1))
                {
                    var candidate = NthWeekday(month.Year, month.Month, day, nth);
                    if (candidate >= start)
                        return candidate;
                }

            default:
                return start;
        }
    }

    private static LocalDate NthWeekday(int year, int month, IsoDayOfWeek day, int nth)
    {
        if (nth > 0)
            return new LocalDate(year, month, 1).With(DateAdjusters.NextOrSame(day)).PlusWeeks(nth - 1);
        return new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1).With(DateAdjusters.PreviousOrSame(day));
    }

    private static RecurrenceRule? Rule(ActivitySchedule s, LocalTime time)
    {
        if (s.Repeat == Repeat.Once)
            return null;
        var days = s.Repeat == Repeat.Monthly
            ? s.Days.Take(1).Select(d => new WeekdayNum(d.ToIsoDayOfWeek(), s.WeekOfMonth ?? 1))
            : s.Days.Select(d => WeekdayNum.Every(d.ToIsoDayOfWeek()));
        return new RecurrenceRule(s.Repeat == Repeat.Weekly ? RecurrenceFrequency.Weekly : RecurrenceFrequency.Monthly)
        {
            Interval = Math.Max(1, s.Interval),
            ByDay = days.ToList(),
            Count = s.Count,
            Until = s.Until is { } until ? RecurrenceUntil.AtLocal(LocalDate.FromDateOnly(until) + time) : null,
            WeekStart = IsoDayOfWeek.Monday,
        };
    }
}
