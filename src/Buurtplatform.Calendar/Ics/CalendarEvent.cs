using NodaTime;

namespace Buurtplatform.Calendar.Ics;

/// <summary>
/// One activity as it appears in a feed: its texts and links plus its <see cref="EventSeries"/>.
/// Overrides in the series become extra VEVENTs with the same UID and a RECURRENCE-ID.
/// </summary>
public sealed record CalendarEvent
{
    private readonly string[] _categories = [];

    /// <summary>The stable UID: the content node's key-based id, never a database id or host name.</summary>
    public required string Uid { get; init; }

    /// <summary>
    /// When the activity was last changed; written as DTSTAMP, so an unchanged activity gives byte-identical
    /// output. The library never reads the clock.
    /// </summary>
    public required Instant LastModified { get; init; }

    public required string Summary { get; init; }

    /// <summary>Plain text (never HTML): calendar apps show it as is.</summary>
    public string? Description { get; init; }

    public string? Location { get; init; }

    /// <summary>The activity's page on the site.</summary>
    public Uri? Url { get; init; }

    public GeoPosition? Geo { get; init; }

    public IReadOnlyList<string> Categories
    {
        get => _categories;
        init => _categories = [.. value];
    }

    /// <summary>SEQUENCE; see <see cref="SequenceNumber.Next(SchedulingValues, SchedulingValues, int)"/>.</summary>
    public int Sequence { get; init; }

    public EventStatus Status { get; init; } = EventStatus.Confirmed;

    public required EventSeries Series { get; init; }

    /// <summary>
    /// Whether a writer with <see cref="IcsWriterOptions.OutlookFallbackWindow"/> writes this event as separate dates.
    /// Null (the default): when <see cref="Series"/> is not Outlook-safe. A feed that shows part of a series (only its
    /// Tuesdays, say) sets it from the whole series, so the event has the same form, and so the same UIDs, in every feed.
    /// </summary>
    public bool? SeparateDatesForOutlook { get; init; }

    public bool Equals(CalendarEvent? other) =>
        other is not null
        && Uid == other.Uid
        && LastModified == other.LastModified
        && Summary == other.Summary
        && Description == other.Description
        && Location == other.Location
        && Url == other.Url
        && Geo == other.Geo
        && _categories.AsSpan().SequenceEqual(other._categories)
        && Sequence == other.Sequence
        && Status == other.Status
        && SeparateDatesForOutlook == other.SeparateDatesForOutlook
        && Series.Equals(other.Series);

    public override int GetHashCode() => HashCode.Combine(Uid, LastModified, Summary, Sequence, Series);
}
