namespace Buurtplatform.Calendar.Ics;

/// <summary>
/// The values whose change makes calendar apps treat an event as rescheduled: time and recurrence (the whole
/// <see cref="EventSeries"/>, overrides included), place and status. Texts such as the summary are left out
/// on purpose: RFC 5546 raises SEQUENCE only for changes that matter to attendees' schedules.
/// </summary>
public sealed record SchedulingValues(EventSeries Series, string? Location, EventStatus Status)
{
    public static SchedulingValues From(CalendarEvent calendarEvent)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        return new SchedulingValues(calendarEvent.Series, calendarEvent.Location, calendarEvent.Status);
    }
}

/// <summary>Works out SEQUENCE for the site to store with an activity.</summary>
public static class SequenceNumber
{
    /// <summary>
    /// <paramref name="previousSequence"/> + 1 when time, place, recurrence or status changed, else
    /// <paramref name="previousSequence"/> unchanged. Pure: the site stores the result.
    /// </summary>
    public static int Next(SchedulingValues previous, SchedulingValues current, int previousSequence)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfNegative(previousSequence);
        var samePlace = string.Equals(previous.Location?.Trim(), current.Location?.Trim(), StringComparison.Ordinal);
        return previous.Series.Equals(current.Series) && samePlace && previous.Status == current.Status
            ? previousSequence
            : previousSequence + 1;
    }

    /// <summary>The SEQUENCE for <paramref name="current"/>, given the stored <paramref name="previous"/> version.</summary>
    public static int Next(CalendarEvent previous, CalendarEvent current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return Next(SchedulingValues.From(previous), SchedulingValues.From(current), previous.Sequence);
    }
}
