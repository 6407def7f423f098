using Buurtplatform.Web.Activities;
using Buurtplatform.Web.NearMe;

namespace Buurtplatform.Web;

/// <summary>A list of dates grouped by day, with or without the wijk named (not on the wijk's own page).</summary>
public sealed record OccurrenceListModel(IReadOnlyList<ActivityOccurrence> Occurrences, bool ShowWijk, bool ShowPlace = true)
{
    /// <summary>"Near me": each activity's distance from the parent's postcode (by activity id), shown with every date.</summary>
    public IReadOnlyDictionary<int, ApproximateDistance>? Distances { get; init; }
}
