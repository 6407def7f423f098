using Buurtplatform.Calendar;
using Ical.Net;
using Ical.Net.DataTypes;
using NodaTime;
using IcalCalendar = Ical.Net.Calendar;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace Buurtplatform.Tests.Calendar;

/// <summary>
/// Reads our feeds with Ical.Net, an independent parser and recurrence engine: a test of what we write is then
/// not checked by our own code. (Our own reader did that job until issue 17; it existed only for tests.)
/// </summary>
internal static class IcalNetReading
{
    public static IcalCalendar Parse(string ics) => IcalCalendar.Load(ics) ?? throw new InvalidOperationException("Ical.Net found no VCALENDAR.");

    /// <summary>The series (master) events: those without a RECURRENCE-ID, in file order.</summary>
    public static List<IcalEvent> Masters(IcalCalendar calendar) => [.. calendar.Events.Where(e => e.RecurrenceIdentifier is null)];

    /// <summary>
    /// Every date of the calendar that overlaps <paramref name="window"/>, as Ical.Net expands it (RRULE, RDATE,
    /// EXDATE, and RECURRENCE-ID overrides replacing their date), ordered by start.
    /// </summary>
    public static List<IcalNetDate> Dates(IcalCalendar calendar, Interval window) =>
        [.. calendar.GetOccurrences(Utc(window.Start)).TakeWhileBefore(Utc(window.End)).Select(ToDate)];

    /// <summary>The same shape from our expander, to compare with <see cref="Dates(IcalCalendar, Interval)"/>.</summary>
    public static List<IcalNetDate> Dates(EventSeries series, Interval window) =>
        [.. RecurrenceExpander.Expand(series, window).Select(o => new IcalNetDate(o.Start.ToInstant(), o.End.ToInstant(), o.Status == OccurrenceStatus.Cancelled))];

    public static CalDateTime Utc(Instant instant) => new(instant.ToDateTimeUtc(), CalDateTime.UtcTzId);

    public static Instant ToInstant(CalDateTime value) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(value.AsUtc, DateTimeKind.Utc));

    public static IcalNetDate ToDate(Ical.Net.DataTypes.Occurrence occurrence)
    {
        var start = ToInstant(occurrence.Period.StartTime);
        var end = occurrence.Period.EffectiveEndTime is { } e ? ToInstant(e) : start;
        var cancelled = occurrence.Source is IcalEvent { Status: "CANCELLED" };
        return new IcalNetDate(start, end, cancelled);
    }
}

/// <summary>One date as instants, so the two engines' results compare without any zone conversion of ours.</summary>
internal readonly record struct IcalNetDate(Instant Start, Instant End, bool Cancelled)
{
    public override string ToString() => $"{Start}–{End}{(Cancelled ? " (cancelled)" : "")}";
}
