using Buurtplatform.Web.Calendar;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Activities;

/// <summary>One warning about an activity's schedule: about the schedule itself, or about one moved date.</summary>
/// <param name="Change">The moved date it is about; null when it is about the schedule.</param>
/// <param name="Field">The field within the schedule (<c>time</c>) or within the moved date's entry (<c>date</c>, <c>time</c>).</param>
/// <param name="Message">In English, for the command line and the log.</param>
/// <param name="Code">One of <see cref="ContentWarningCodes"/>.</param>
public sealed record ScheduleWarning(ScheduleChange? Change, string Field, string Code, string Message, IReadOnlyList<string> Args);

/// <summary>
/// What in an activity's schedule is allowed but probably not meant. The one place that decides it: the reader
/// (<see cref="ActivityFile.Read"/>) asks it for the import and for every text the backoffice saves or shows,
/// so the import and the editor cannot tell different stories.
/// </summary>
public static class ActivityWarnings
{
    /// <param name="holidays">The school holidays the activity's dates are expanded with; null when there are none.</param>
    public static IEnumerable<ScheduleWarning> For(Activity activity, SchoolHolidays? holidays)
    {
        var s = activity.Schedule;

        // Any such time, not only on a clock-change Sunday: a series meets one sooner or later, and an
        // editor who changes the days should not have to remember it.
        if (InClockChangeHour(s.StartTime, s.EndTime) is { } time)
            yield return ClockChange(null, time);

        foreach (var change in activity.ScheduleChanges.Where(c => !c.Cancelled))
        {
            if (change.NewStartTime is { } newStart && change.NewEndTime is { } newEnd && InClockChangeHour(newStart, newEnd) is { } newTime)
                yield return ClockChange(change, newTime);

            // The skipped date is not in the series at all, so nothing is there to move (RecurrenceExpander.IsInstance).
            if (s.SkipSchoolHolidays is { } region && holidays is not null && HolidayOn(holidays, region, change.Date) is { } holiday)
            {
                var (date, to) = (Iso(change.Date), change.NewDate is { } d ? Iso(d) : "");
                var regionName = region.ToString().ToLowerInvariant();
                yield return new ScheduleWarning(change, "date", ContentWarningCodes.MovedFromSchoolHoliday,
                    $"{date} is in '{holiday.Name}', and this activity skips the school holidays of region {regionName}: that date is not in its schedule, "
                    + $"so this move is shown nowhere; to add a date on {to}, put it under 'dates' instead",
                    [date, holiday.Name, to]);
            }
        }
    }

    /// <summary>The first of <paramref name="start"/> and <paramref name="end"/> from 02:00 to 02:59 (as written, HH:mm), or null.</summary>
    private static string? InClockChangeHour(TimeOnly start, TimeOnly end) =>
        new[] { start, end }.Where(t => t.Hour == 2).Select(t => t.ToString("HH:mm", CultureInfo.InvariantCulture)).FirstOrDefault();

    private static ScheduleWarning ClockChange(ScheduleChange? change, string time) =>
        new(change, "time", ContentWarningCodes.ClockChangeHour,
            $"{time} is between 02:00 and 03:00 in Amsterdam: on the night the clocks go forward (last Sunday of March) it does not exist, "
            + "on the night they go back (last Sunday of October) it happens twice, and calendar apps do not agree which; choose a time outside 02:00-03:00",
            [time]);

    private static HolidayPeriod? HolidayOn(SchoolHolidays holidays, HolidayRegion region, DateOnly date) =>
        holidays.Periods.FirstOrDefault(p => p.AppliesTo(region) && p.From <= date && date <= p.To);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
