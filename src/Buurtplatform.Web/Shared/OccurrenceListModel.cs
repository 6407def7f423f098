using Buurtplatform.Web.Activities;

namespace Buurtplatform.Web;

/// <summary>A list of dates grouped by day, with or without the wijk named (not on the wijk's own page).</summary>
public sealed record OccurrenceListModel(IReadOnlyList<ActivityOccurrence> Occurrences, bool ShowWijk, bool ShowPlace = true);
