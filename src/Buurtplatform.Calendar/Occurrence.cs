using NodaTime;

namespace Buurtplatform.Calendar;

public enum OccurrenceStatus
{
    Scheduled,

    /// <summary>Still listed, because the site shows a cancelled date struck through.</summary>
    Cancelled,

    Moved,
}

/// <summary>
/// One concrete date of a series. <see cref="OriginalStart"/> is the start the rule gave it and stays its
/// identity (the RECURRENCE-ID) when it is moved or cancelled. A struct, because expansion makes a great
/// many of these and they are read once.
/// </summary>
public readonly record struct Occurrence(
    LocalDateTime OriginalStart,
    ZonedDateTime Start,
    ZonedDateTime End,
    OccurrenceStatus Status,
    string? Reason);
