using NodaTime;

namespace Buurtplatform.Calendar;

/// <summary>
/// A change to one date of a series, keyed by the start the rule gave that date (its RECURRENCE-ID):
/// either cancelled (with a reason for parents) or moved to a new local start and end.
/// </summary>
public sealed record OccurrenceOverride
{
    private OccurrenceOverride(LocalDateTime originalStart, OccurrenceStatus status, LocalDateTime? newStart, LocalDateTime? newEnd, string? reason)
    {
        OriginalStart = originalStart;
        Status = status;
        NewStart = newStart;
        NewEnd = newEnd;
        Reason = reason;
    }

    public LocalDateTime OriginalStart { get; }

    /// <summary><see cref="OccurrenceStatus.Cancelled"/> or <see cref="OccurrenceStatus.Moved"/>.</summary>
    public OccurrenceStatus Status { get; }

    /// <summary>The new local start in the series' zone; set when moved.</summary>
    public LocalDateTime? NewStart { get; }

    /// <summary>The new local end in the series' zone; set when moved.</summary>
    public LocalDateTime? NewEnd { get; }

    /// <summary>Plain text for parents, such as "Gaat niet door: studiedag".</summary>
    public string? Reason { get; }

    public static OccurrenceOverride Cancel(LocalDateTime originalStart, string? reason) =>
        new(originalStart, OccurrenceStatus.Cancelled, null, null, reason);

    public static OccurrenceOverride Move(LocalDateTime originalStart, LocalDateTime newStart, LocalDateTime newEnd, string? reason = null) =>
        newEnd < newStart
            ? throw new ArgumentException("A moved date cannot end before it starts.", nameof(newEnd))
            : new(originalStart, OccurrenceStatus.Moved, newStart, newEnd, reason);
}
