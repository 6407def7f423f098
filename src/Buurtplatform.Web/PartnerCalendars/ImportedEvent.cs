using System.Text.Json;
using Buurtplatform.Web.Activities;

namespace Buurtplatform.Web.PartnerCalendars;

/// <summary>
/// One event as read from a partner's file, in the site's terms: when it happens as an activity's schedule
/// (Europe/Amsterdam local time) with its cancelled and moved dates, and a hash of what the source says.
/// </summary>
public sealed record ImportedEvent(
    string Uid, string RecurrenceId, string Title, string Description, string Location, ImportedSchedule Schedule, string? Note, string SourceHash)
{
    public const int MaxUidLength = 255;
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxLocationLength = 300;

    /// <summary>Whether this is a changed date of a series in the same file (it is published with that series).</summary>
    public bool InSeries { get; init; }
}

/// <summary>An activity's schedule and its date changes, stored as JSON on <see cref="PartnerEvent.Schedule"/>.</summary>
public sealed class ImportedSchedule
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public ActivitySchedule Schedule { get; set; } = new();

    public List<ScheduleChange> Changes { get; set; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ImportedSchedule FromJson(string json) => JsonSerializer.Deserialize<ImportedSchedule>(json, Json) ?? new ImportedSchedule();
}
