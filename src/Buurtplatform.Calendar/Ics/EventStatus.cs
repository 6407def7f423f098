namespace Buurtplatform.Calendar.Ics;

/// <summary>STATUS of a whole event (one date's cancellation is an <see cref="OccurrenceOverride"/>).</summary>
public enum EventStatus
{
    Confirmed,
    Tentative,
    Cancelled,
}
