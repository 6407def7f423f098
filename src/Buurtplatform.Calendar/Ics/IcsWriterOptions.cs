using NodaTime;

namespace Buurtplatform.Calendar.Ics;

/// <summary>Choices for <see cref="IcsWriter"/>; the defaults write standard RFC 5545.</summary>
public sealed record IcsWriterOptions
{
    /// <summary>
    /// When set, a series that is not <see cref="OutlookCompatibility.IsOutlookSafe(EventSeries)">Outlook-safe</see>
    /// is written as one VEVENT per occurrence within this window (UIDs from <see cref="IcsWriter.OccurrenceUid"/>),
    /// instead of an RRULE Outlook would show wrongly. Anchor the window on something stable (the start of the
    /// current month, say) so the feed does not change on every request. Null (the default) keeps the RRULE.
    /// <see cref="CalendarEvent.SeparateDatesForOutlook"/> overrides the choice for one event.
    /// </summary>
    public Interval? OutlookFallbackWindow { get; init; }
}
