using NodaTime;

namespace Buurtplatform.Calendar;

/// <summary>
/// Turns an <see cref="EventSeries"/> into concrete dates. The recurrence set follows RFC 5545:
/// DTSTART and the RRULE's dates (COUNT and UNTIL limit only these) plus RDATEs, minus EXDATEs; then
/// skip periods remove dates like EXDATEs do, and overrides cancel or move single dates.
/// Local times are placed in the zone as RFC 5545 says: a time in the spring-forward gap moves forward
/// by the gap's length (02:30 becomes 03:30 summer time), a time in the autumn overlap takes the first
/// (earlier, summer-time) offset.
/// </summary>
public static class RecurrenceExpander
{
    // Local time can differ from "instant + offset of the window edge" by up to the zone's offset change;
    // a day of margin is cheap and covers every real zone. Candidates are then filtered on instants.
    private static readonly Period Margin = Period.FromDays(1);

    /// <summary>
    /// The occurrences that overlap <paramref name="window"/> (start before its end, end after its start;
    /// a zero-length occurrence counts when it starts inside it), ordered by start, lazily.
    /// Cancelled dates are included with <see cref="OccurrenceStatus.Cancelled"/>; moved dates appear at
    /// their new time. The window needs an end, because a rule can run forever.
    /// </summary>
    public static IEnumerable<Occurrence> Expand(EventSeries series, Interval window)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (!window.HasEnd)
        {
            throw new ArgumentException("The window needs an end: a recurrence rule can run forever.", nameof(window));
        }

        series.Rule?.ThrowIfInvalid();
        return ExpandCore(series, window);
    }

    /// <summary>
    /// The occurrence whose original start (RECURRENCE-ID) is <paramref name="originalStart"/>, with its
    /// override applied, or null when the series has no such date (also when an EXDATE or skip period removed it).
    /// </summary>
    public static Occurrence? Find(EventSeries series, LocalDateTime originalStart)
    {
        ArgumentNullException.ThrowIfNull(series);
        series.Rule?.ThrowIfInvalid();
        if (!IsInstance(series, originalStart))
        {
            return null;
        }

        var change = FindOverride(series.OverrideArray, null, originalStart);
        if (change is { Status: OccurrenceStatus.Moved })
        {
            return Moved(series.Zone, change);
        }

        var start = originalStart.InZoneLeniently(series.Zone);
        return new Occurrence(originalStart, start, start.Plus(series.Duration), change is null ? OccurrenceStatus.Scheduled : OccurrenceStatus.Cancelled, change?.Reason);
    }

    /// <summary>Whether the recurrence set, after EXDATEs and skip periods, has a date with this original start.</summary>
    internal static bool IsInstance(EventSeries series, LocalDateTime originalStart)
    {
        if (Array.IndexOf(series.ExDateArray, originalStart) >= 0 || InSkipPeriod(series.SkipPeriodArray, originalStart.Date))
        {
            return false;
        }

        if (Array.IndexOf(series.RDateArray, originalStart) >= 0)
        {
            return true;
        }

        var rule = new RuleEnumerator(series.Start, series.Rule, series.Zone, originalStart, originalStart);
        return rule.MoveNext() && rule.Current == originalStart;
    }

    /// <summary>The RRULE-generated starts (DTSTART included, RDATEs and exclusions not applied) in [from, to].</summary>
    internal static IEnumerable<LocalDateTime> RuleStarts(EventSeries series, LocalDateTime from, LocalDateTime to)
    {
        var rule = new RuleEnumerator(series.Start, series.Rule, series.Zone, from, to);
        while (rule.MoveNext())
        {
            yield return rule.Current;
        }
    }

    internal static bool InSkipPeriod(DateInterval[] periods, LocalDate date)
    {
        foreach (var period in periods)
        {
            if (period.Contains(date))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<Occurrence> ExpandCore(EventSeries series, Interval window)
    {
        var zone = series.Zone;
        var duration = series.Duration;
        var windowEnd = window.End;
        var from = window.HasStart ? ToLocal(window.Start - duration, zone) - Margin : LocalDate.MinIsoValue.AtMidnight();
        var to = ToLocal(windowEnd, zone) + Margin;
        var maxOffset = zone.MaxOffset;
        var mapper = new LenientZoneMapper(zone);

        var overrides = series.OverrideArray;
        var overrideLookup = overrides.Length > 8 ? overrides.ToDictionary(o => o.OriginalStart) : null;
        var exDates = series.ExDateArray;
        var exDateLookup = exDates.Length > 8 ? new HashSet<LocalDateTime>(exDates) : null;
        var skip = new SkipCursor(series.SkipPeriodArray);
        var rDates = SortedWithin(series.RDateArray, from, to);

        // Moved dates can land anywhere, so they are found first and merged in by start.
        var pending = new List<Occurrence>();
        foreach (var change in overrides)
        {
            if (change.Status == OccurrenceStatus.Moved)
            {
                var moved = Moved(zone, change);
                if (Overlaps(moved.Start.ToInstant(), moved.End.ToInstant(), window) && IsInstance(series, change.OriginalStart))
                {
                    pending.Add(moved);
                }
            }
        }

        pending.Sort(CompareByStart);
        var head = 0;

        // Rule dates share DTSTART's time of day and lie at least a day apart, so unless the zone's offsets span a
        // day their instants are already in order: without RDATEs or moved dates nothing needs reordering.
        var direct = rDates.Length == 0 && pending.Count == 0 && zone.MaxOffset.Seconds - zone.MinOffset.Seconds < 23 * 3600;

        bool IsExcludedOrMoved(LocalDateTime start, out OccurrenceOverride? change)
        {
            change = null;
            if ((exDateLookup?.Contains(start) ?? (exDates.Length > 0 && Array.IndexOf(exDates, start) >= 0)) || skip.Contains(start.Date))
            {
                return true;
            }

            change = overrides.Length == 0 ? null : FindOverride(overrides, overrideLookup, start);
            return change is { Status: OccurrenceStatus.Moved };
        }

        var rule = new RuleEnumerator(series.Start, series.Rule, zone, from, to);
        var hasRule = rule.MoveNext();
        var rIndex = 0;
        var previous = LocalDate.MinIsoValue.AtMidnight();
        var first = true;
        while (hasRule || rIndex < rDates.Length)
        {
            LocalDateTime next;
            if (hasRule && (rIndex >= rDates.Length || rule.Current <= rDates[rIndex]))
            {
                next = rule.Current;
                hasRule = rule.MoveNext();
            }
            else
            {
                next = rDates[rIndex++];
            }

            // An RDATE equal to a rule date (or to another RDATE) is one occurrence.
            if (!first && next == previous)
            {
                continue;
            }

            first = false;
            previous = next;

            if (direct)
            {
                if (IsExcludedOrMoved(next, out var directChange))
                {
                    continue;
                }

                var directStart = mapper.Map(next);
                var startInstant = directStart.ToInstant();
                if (startInstant >= windowEnd)
                {
                    yield break;
                }

                if (Overlaps(startInstant, startInstant + duration, window))
                {
                    var directEnd = directStart.Plus(duration);
                    yield return directChange is null
                        ? new Occurrence(next, directStart, directEnd, OccurrenceStatus.Scheduled, null)
                        : new Occurrence(next, directStart, directEnd, OccurrenceStatus.Cancelled, directChange.Reason);
                }

                continue;
            }

            // Every later candidate starts at or after this instant, so everything pending before it is final.
            var bound = next.WithOffset(maxOffset).ToInstant();
            while (head < pending.Count && pending[head].Start.ToInstant() < bound)
            {
                yield return pending[head++];
            }

            // Keep the buffer small: it only ever holds the few dates not yet known to be in order.
            if (head == pending.Count)
            {
                pending.Clear();
                head = 0;
            }

            if (bound >= windowEnd)
            {
                break;
            }

            if (IsExcludedOrMoved(next, out var change))
            {
                continue;
            }

            var start = mapper.Map(next);
            if (!Overlaps(start.ToInstant(), start.ToInstant() + duration, window))
            {
                continue;
            }

            var end = start.Plus(duration);

            var occurrence = change is null
                ? new Occurrence(next, start, end, OccurrenceStatus.Scheduled, null)
                : new Occurrence(next, start, end, OccurrenceStatus.Cancelled, change.Reason);
            Insert(pending, head, occurrence);
        }

        while (head < pending.Count)
        {
            yield return pending[head++];
        }
    }

    private static bool Overlaps(Instant start, Instant end, Interval window)
    {
        if (start >= window.End)
        {
            return false;
        }

        if (!window.HasStart)
        {
            return true;
        }

        return end > window.Start || (start == end && start >= window.Start);
    }

    private static Occurrence Moved(DateTimeZone zone, OccurrenceOverride change)
    {
        var start = change.NewStart!.Value.InZoneLeniently(zone);
        var end = change.NewEnd!.Value.InZoneLeniently(zone);
        return new Occurrence(change.OriginalStart, start, end, OccurrenceStatus.Moved, change.Reason);
    }

    private static OccurrenceOverride? FindOverride(OccurrenceOverride[] overrides, Dictionary<LocalDateTime, OccurrenceOverride>? lookup, LocalDateTime originalStart)
    {
        if (lookup is not null)
        {
            return lookup.GetValueOrDefault(originalStart);
        }

        foreach (var change in overrides)
        {
            if (change.OriginalStart == originalStart)
            {
                return change;
            }
        }

        return null;
    }

    /// <summary>Keeps the pending list sorted; new items nearly always belong at the end.</summary>
    private static void Insert(List<Occurrence> pending, int head, Occurrence occurrence)
    {
        var index = pending.Count;
        while (index > head && CompareByStart(pending[index - 1], occurrence) > 0)
        {
            index--;
        }

        pending.Insert(index, occurrence);
    }

    private static int CompareByStart(Occurrence a, Occurrence b)
    {
        var byStart = a.Start.ToInstant().CompareTo(b.Start.ToInstant());
        return byStart != 0 ? byStart : a.OriginalStart.CompareTo(b.OriginalStart);
    }

    private static LocalDateTime[] SortedWithin(LocalDateTime[] dates, LocalDateTime from, LocalDateTime to)
    {
        if (dates.Length == 0)
        {
            return dates;
        }

        var within = Array.FindAll(dates, d => d >= from && d <= to);
        Array.Sort(within);
        return within;
    }

    private static LocalDateTime ToLocal(Instant instant, DateTimeZone zone)
    {
        // Windows reaching the ends of time would overflow the margin arithmetic; the calendar has no dates there anyway.
        var min = Instant.FromUtc(-9990, 1, 1, 0, 0);
        var max = Instant.FromUtc(9990, 1, 1, 0, 0);
        var clamped = instant < min ? min : instant > max ? max : instant;
        return clamped.InZone(zone).LocalDateTime;
    }

    /// <summary>Answers "is this date in a skip period?" for ascending dates in amortised constant time.</summary>
    private sealed class SkipCursor
    {
        private readonly DateInterval[] _periods;
        private int _index;

        public SkipCursor(DateInterval[] periods)
        {
            if (periods.Length > 1)
            {
                periods = [.. periods];
                Array.Sort(periods, static (a, b) => a.Start.CompareTo(b.Start));
            }

            _periods = periods;
        }

        public bool Contains(LocalDate date)
        {
            // Sorted by start: periods that ended before this date can never contain a later one.
            while (_index < _periods.Length && _periods[_index].End < date)
            {
                _index++;
            }

            for (var i = _index; i < _periods.Length && _periods[i].Start <= date; i++)
            {
                if (_periods[i].End >= date)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
