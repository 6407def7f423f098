using NodaTime;

namespace Buurtplatform.Calendar.Ics;

/// <summary>A whole .ics file: the calendar's own properties and its events.</summary>
public sealed record CalendarFeed
{
    public const string DefaultProductId = "-//Buurtplatform//Agenda//NL";

    private readonly CalendarEvent[] _events = [];

    /// <summary>PRODID, the first property after BEGIN:VCALENDAR.</summary>
    public string ProductId { get; init; } = DefaultProductId;

    /// <summary>Written as NAME (RFC 7986) and X-WR-CALNAME (read by Apple, Google and Outlook).</summary>
    public string? Name { get; init; }

    /// <summary>Written as DESCRIPTION (RFC 7986) and X-WR-CALDESC.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// How often subscribers should fetch the feed again: REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL
    /// (Outlook, Apple). A hint only: Google Calendar refreshes on its own schedule, up to about a day.
    /// </summary>
    public Duration? RefreshInterval { get; init; }

    /// <summary>Where the feed itself lives (URL, RFC 7986).</summary>
    public Uri? Url { get; init; }

    /// <summary>LAST-MODIFIED of the calendar: the newest change of anything in it, supplied by the caller.</summary>
    public Instant? LastModified { get; init; }

    public IReadOnlyList<CalendarEvent> Events
    {
        get => _events;
        init => _events = [.. value];
    }

    public bool Equals(CalendarFeed? other) =>
        other is not null
        && ProductId == other.ProductId
        && Name == other.Name
        && Description == other.Description
        && RefreshInterval == other.RefreshInterval
        && Url == other.Url
        && LastModified == other.LastModified
        && _events.AsSpan().SequenceEqual(other._events);

    public override int GetHashCode() => HashCode.Combine(ProductId, Name, _events.Length);
}
