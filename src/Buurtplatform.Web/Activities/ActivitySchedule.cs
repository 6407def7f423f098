namespace Buurtplatform.Web.Activities;

public enum Repeat
{
    /// <summary>On <see cref="ActivitySchedule.StartDate"/> and the extra dates only.</summary>
    Once,

    /// <summary>Every week on <see cref="ActivitySchedule.Days"/>, from the start date until the until date.</summary>
    Weekly,
}

/// <summary>
/// When an activity takes place, in Europe/Amsterdam local time. The shape maps one-to-one onto
/// an iCalendar series (DTSTART, DTEND, RRULE FREQ=WEEKLY;BYDAY;UNTIL, RDATE), so the calendar
/// engine can take it over without a data migration.
/// </summary>
public sealed class ActivitySchedule
{
    public DateOnly StartDate { get; set; }

    public TimeOnly StartTime { get; set; }

    public TimeOnly EndTime { get; set; }

    public Repeat Repeat { get; set; }

    /// <summary>Weekly: the days it happens.</summary>
    public List<DayOfWeek> Days { get; set; } = [];

    /// <summary>Weekly: the last possible date (inclusive); null runs on.</summary>
    public DateOnly? Until { get; set; }

    /// <summary>Extra one-off dates at the same time (RDATE).</summary>
    public List<DateOnly> ExtraDates { get; set; } = [];
}
