namespace Buurtplatform.Web.Activities;

/// <summary>An activity's dates as parents read them, in the patterns of <see cref="DateText"/>.</summary>
public static class ActivityDateText
{
    /// <summary>"dinsdag 3 maart, 9.30–11.00 uur".</summary>
    public static string Occurrence(this DateText dates, ActivityOccurrence o) =>
        dates.DateTimeRange(o.Date, o.Start.TimeOfDay, o.End.TimeOfDay);

    /// <summary>"6 keer, vanaf donderdag 7 januari, 9.30–11.00 uur": a course parents sign up for as a whole.</summary>
    public static string SeriesText(this DateText dates, int times, ActivityOccurrence first) =>
        dates.Series(times, first.Date, first.Start.TimeOfDay, first.End.TimeOfDay);
}
