namespace Buurtplatform.Calendar.Ics;

/// <summary>
/// What Outlook can show of a recurrence. Outlook maps an RRULE onto its own patterns (daily, weekly on
/// some weekdays, monthly on day N or on the first/second/third/fourth/last weekday, yearly likewise); a
/// rule outside those, such as BYDAY=1MO,3MO, is shown wrongly or dropped. It also ignores RDATE.
/// </summary>
public static class OutlookCompatibility
{
    /// <summary>Whether Outlook can show <paramref name="rule"/> as it is.</summary>
    public static bool IsOutlookSafe(RecurrenceRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var ordinals = rule.ByDay.Count(d => d.Ordinal != 0);

        // One BYDAY ordinal per rule, and then no other weekday: "the first Monday", not "the first and third Monday".
        if (ordinals > 1 || (ordinals == 1 && rule.ByDay.Count > 1))
        {
            return false;
        }

        if (rule.ByDay.Any(d => d.Ordinal is not (0 or 1 or 2 or 3 or 4 or -1)))
        {
            return false;
        }

        // "The last weekday": one BYSETPOS over plain weekdays.
        if (rule.BySetPosition.Count > 1 || (rule.BySetPosition.Count == 1 && (ordinals > 0 || rule.BySetPosition[0] is not (1 or 2 or 3 or 4 or -1))))
        {
            return false;
        }

        // Outlook has "day N of the month" but no negative days and no day lists.
        if (rule.ByMonthDay.Count > 1 || rule.ByMonthDay.Any(d => d < 0) || (rule.ByMonthDay.Count == 1 && rule.ByDay.Count > 0))
        {
            return false;
        }

        return rule.Frequency switch
        {
            RecurrenceFrequency.Daily => rule.ByMonth.Count == 0 && rule.ByMonthDay.Count == 0 && rule.BySetPosition.Count == 0,
            RecurrenceFrequency.Weekly => rule.ByMonth.Count == 0 && rule.BySetPosition.Count == 0,
            RecurrenceFrequency.Monthly => rule.ByMonth.Count == 0,
            _ => rule.ByMonth.Count <= 1,
        };
    }

    /// <summary>Whether Outlook can show the whole series: an Outlook-safe rule (or none) and no RDATEs.</summary>
    public static bool IsOutlookSafe(EventSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return series.RDates.Count == 0 && (series.Rule is null || IsOutlookSafe(series.Rule));
    }
}
