using Buurtplatform.Web.Content;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Activities;

/// <summary>An activity for parents and young children, held at a meeting place on a schedule.</summary>
public sealed class Activity : ContentNode
{
    public int WijkId { get; set; }

    public Wijk Wijk { get; set; } = null!;

    public string Title { get; set; } = "";

    public ActivityType Type { get; set; }

    public string Summary { get; set; } = "";

    /// <summary>Markdown.</summary>
    public string Body { get; set; } = "";

    /// <summary>Youngest child the activity is for, in months.</summary>
    public int AgeFromMonths { get; set; }

    /// <summary>Oldest child the activity is for, in months (inclusive).</summary>
    public int AgeToMonths { get; set; }

    /// <summary>ISO 639-1 codes of the languages spoken.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Free is a first-class case, not an amount of zero that happens to be there.</summary>
    public bool IsFree { get; set; }

    /// <summary>Euros per time; null when <see cref="IsFree"/>.</summary>
    public decimal? CostAmount { get; set; }

    public string? CostNote { get; set; }

    public int MeetingPlaceId { get; set; }

    public MeetingPlace MeetingPlace { get; set; } = null!;

    public int OrganiserId { get; set; }

    public Partner Organiser { get; set; } = null!;

    public bool SignUpRequired { get; set; }

    /// <summary>Places per date when sign-up is required.</summary>
    public int? Capacity { get; set; }

    public ActivitySchedule Schedule { get; set; } = new();

    /// <summary>Single dates cancelled or moved, each keyed by the date the series gives it.</summary>
    public List<ScheduleChange> ScheduleChanges { get; set; } = [];

    /// <summary>
    /// iCalendar SEQUENCE: goes up when the time, place, recurrence or status changes, so calendar apps
    /// replace what they stored. Kept in the content files, so a re-install does not reset it.
    /// </summary>
    public int Sequence { get; set; }

    /// <summary>Whether a child of <paramref name="fromMonths"/>–<paramref name="toMonths"/> months fits the age range.</summary>
    public bool SuitsAge(int fromMonths, int toMonths) => fromMonths <= AgeToMonths && toMonths >= AgeFromMonths;
}
