namespace Buurtplatform.Web.Activities;

public enum Repeat
{
    /// <summary>On <see cref="ActivitySchedule.StartDate"/> and the extra dates only.</summary>
    Once,

    /// <summary>Every <see cref="ActivitySchedule.Interval"/> weeks on <see cref="ActivitySchedule.Days"/>.</summary>
    Weekly,

    /// <summary>Every <see cref="ActivitySchedule.Interval"/> months on the <see cref="ActivitySchedule.WeekOfMonth"/>th of one weekday.</summary>
    Monthly,
}

/// <summary>The school-holiday regions of the Netherlands.</summary>
public enum HolidayRegion
{
    Noord,
    Midden,
    Zuid,
}

/// <summary>The regions as the content files and forms write them: <c>noord</c>, <c>midden</c>, <c>zuid</c>.</summary>
public static class Regions
{
    public static HolidayRegion? Parse(string? name) => name switch
    {
        "noord" => HolidayRegion.Noord,
        "midden" => HolidayRegion.Midden,
        "zuid" => HolidayRegion.Zuid,
        _ => null,
    };

    public static string Name(HolidayRegion region) => region.ToString().ToLowerInvariant();
}

/// <summary>
/// When an activity takes place, in Europe/Amsterdam local time, in the shapes parents and editors
/// know: one-off, weekly on chosen days, every n weeks, monthly on the nth weekday; until a date or a
/// number of times; optionally not in the school holidays of a region. It maps onto an iCalendar
/// series (DTSTART/DTEND, RRULE, RDATE) through <see cref="ActivitySeries"/>.
/// </summary>
public sealed class ActivitySchedule
{
    public DateOnly StartDate { get; set; }

    public TimeOnly StartTime { get; set; }

    public TimeOnly EndTime { get; set; }

    public Repeat Repeat { get; set; }

    /// <summary>Every how many weeks (weekly) or months (monthly); 1 by default.</summary>
    public int Interval { get; set; } = 1;

    /// <summary>Weekly: the days it happens. Monthly: exactly one day.</summary>
    public List<DayOfWeek> Days { get; set; } = [];

    /// <summary>Monthly: 1–4 for the first to fourth such weekday, -1 for the last.</summary>
    public int? WeekOfMonth { get; set; }

    /// <summary>The last possible date (inclusive); null runs on (or stops after <see cref="Count"/>).</summary>
    public DateOnly? Until { get; set; }

    /// <summary>How many times in all (a course of six weeks: 6); null when it runs on or until a date.</summary>
    public int? Count { get; set; }

    /// <summary>Not in the school holidays of this region (activities held at schools).</summary>
    /// <remarks>With <see cref="SkipWijkSchoolHolidays"/>, the wijk's region, copied onto the row when the activity or its wijk is published.</remarks>
    public HolidayRegion? SkipSchoolHolidays { get; set; }

    /// <summary>Not in the school holidays of the wijk's region (<c>skipSchoolHolidays: wijk</c>): follows the wijk's <c>region</c>.</summary>
    public bool SkipWijkSchoolHolidays { get; set; }

    /// <summary>Extra one-off dates at the same time (RDATE).</summary>
    public List<DateOnly> ExtraDates { get; set; } = [];
}

/// <summary>One date of a series that is cancelled (with the reason parents see) or moved.</summary>
public sealed class ScheduleChange
{
    /// <summary>The date as the series gives it: the occurrence's identity (RECURRENCE-ID), also after a move.</summary>
    public DateOnly Date { get; set; }

    public bool Cancelled { get; set; }

    /// <summary>Shown to parents: "vervalt: juf ziek".</summary>
    public string? Reason { get; set; }

    /// <summary>Moved: the new date (null with <see cref="Cancelled"/>).</summary>
    public DateOnly? NewDate { get; set; }

    /// <summary>Moved: new start time; null keeps the series' time.</summary>
    public TimeOnly? NewStartTime { get; set; }

    /// <summary>Moved: new end time; null keeps the series' time.</summary>
    public TimeOnly? NewEndTime { get; set; }
}
