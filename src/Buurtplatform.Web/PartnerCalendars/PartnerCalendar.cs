using Buurtplatform.Web.Activities;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.PartnerCalendars;

/// <summary>
/// A partner's own calendar that a wijk's staff follow: fetched from a URL on a schedule, or an uploaded .ics file.
/// Its events wait in a moderation list before anything reaches parents.
/// </summary>
public sealed class PartnerCalendar
{
    public int Id { get; set; }

    public int WijkId { get; set; }

    public Wijk Wijk { get; set; } = null!;

    /// <summary>The organisation whose calendar it is: the published activities' organiser.</summary>
    public int PartnerId { get; set; }

    public Partner Partner { get; set; } = null!;

    /// <summary>What staff call it in the list ("Agenda bibliotheek").</summary>
    public string Name { get; set; } = "";

    /// <summary>The http(s) address; null for a calendar kept up to date by uploading files.</summary>
    public string? Url { get; set; }

    /// <summary>
    /// Fetched by the background job and open to "fetch now" and uploads; off keeps the events and leaves published
    /// activities as they are, but nothing is fetched or taken in until it is switched on again.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The last answer's ETag, sent back as If-None-Match.</summary>
    public string? ETag { get; set; }

    /// <summary>The last answer's Last-Modified, sent back as If-Modified-Since.</summary>
    public DateTime? LastModifiedUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the last fetch or upload was tried, UTC.</summary>
    public DateTime? LastFetchUtc { get; set; }

    /// <summary>Whether that attempt was taken in (or the calendar was unchanged).</summary>
    public bool LastFetchOk { get; set; }

    /// <summary>What happened, in Dutch, for staff: counts, or why the file was refused.</summary>
    public string? LastMessage { get; set; }
}

/// <summary>Where an imported event stands in the moderation list.</summary>
public enum PartnerEventStatus
{
    /// <summary>Not seen by staff yet.</summary>
    New,

    /// <summary>Published, and the source changed it since: parents still see what was published, until staff review.</summary>
    Changed,

    /// <summary>Live as an activity.</summary>
    Published,

    /// <summary>Staff chose not to show it; later changes keep it ignored.</summary>
    Ignored,

    /// <summary>Published, and gone from the source: taken offline only when staff confirm.</summary>
    Removed,

    /// <summary>A moved or changed date (RECURRENCE-ID) of a series in the same calendar: it goes with its series.</summary>
    InSeries,

    /// <summary>
    /// Gone from the source and taken offline on staff's confirmation. Kept (not in the list) with its activity's id, so
    /// that when the source brings the same UID and RECURRENCE-ID back it is new to review again, and publishing it puts
    /// the same activity back online instead of making a second one.
    /// </summary>
    Offline,
}

/// <summary>
/// One event of a partner calendar, identified as iCalendar does by UID and RECURRENCE-ID (empty for the event
/// or series itself), with what it says in Europe/Amsterdam local time, and what was published from it.
/// </summary>
public sealed class PartnerEvent
{
    public int Id { get; set; }

    public int PartnerCalendarId { get; set; }

    public PartnerCalendar Calendar { get; set; } = null!;

    public string Uid { get; set; } = "";

    /// <summary>The RECURRENCE-ID as an instant (ISO 8601, UTC) or a date; empty for the event or series itself.</summary>
    public string RecurrenceId { get; set; } = "";

    public PartnerEventStatus Status { get; set; }

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The source's LOCATION text, which staff map to a meeting place (remembered per partner).</summary>
    public string Location { get; set; } = "";

    /// <summary>When, as the activity's schedule (<see cref="ImportedSchedule"/>, JSON).</summary>
    public string Schedule { get; set; } = "";

    /// <summary>A remark about the dates for staff ("herhaalt zonder einde: de komende 12 maanden"), or null.</summary>
    public string? Note { get; set; }

    /// <summary>Hash of what the source says, to see a change at the next fetch.</summary>
    public string SourceHash { get; set; } = "";

    public DateTime FirstSeenUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>The activity made from it (kept after unpublishing, so a later publish updates the same node).</summary>
    public int? ActivityId { get; set; }

    /// <summary>What was published, so a changed event shows what changed.</summary>
    public string? PublishedTitle { get; set; }

    public string? PublishedDescription { get; set; }

    public string? PublishedLocation { get; set; }

    public string? PublishedSchedule { get; set; }
}

/// <summary>The meeting place and activity type staff chose for a partner's location text: the default next time.</summary>
public sealed class PartnerLocationMapping
{
    public int Id { get; set; }

    public int PartnerId { get; set; }

    /// <summary>The LOCATION text, trimmed and in lower case.</summary>
    public string LocationText { get; set; } = "";

    public int MeetingPlaceId { get; set; }

    public MeetingPlace MeetingPlace { get; set; } = null!;

    public ActivityType Type { get; set; }
}
