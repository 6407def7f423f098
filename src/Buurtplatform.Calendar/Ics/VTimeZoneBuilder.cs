using System.Collections.Concurrent;
using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;

namespace Buurtplatform.Calendar.Ics;

/// <summary>
/// Writes a VTIMEZONE from NodaTime's tzdb data rather than from a hand-written block, so it is right for
/// any zone and stays right when the rules change. The zone's transitions over the years a feed uses are
/// grouped into yearly observances (Europe/Amsterdam: DAYLIGHT on BYMONTH=3;BYDAY=-1SU at 02:00 and
/// STANDARD on BYMONTH=10;BYDAY=-1SU at 03:00). A rule that stops within that span gets an UNTIL; the
/// last ones stay open, as the zone's rules are.
/// </summary>
internal static class VTimeZoneBuilder
{
    // The output depends only on zone and years, and a feed is written on every request.
    private static readonly ConcurrentDictionary<(string Zone, int From, int To), Observance[]> Cache = new();

    public static void Write(ContentLineWriter writer, DateTimeZone zone, int fromYear, int toYear)
    {
        var observances = Cache.GetOrAdd((zone.Id, fromYear, toYear), key => Build(zone, key.From, key.To));
        writer.Property("BEGIN", "VTIMEZONE");
        writer.Property("TZID", zone.Id);
        foreach (var observance in observances)
        {
            var kind = observance.IsDaylight ? "DAYLIGHT" : "STANDARD";
            writer.Property("BEGIN", kind);
            writer.Property("DTSTART", IcsValues.Local(observance.Start));
            if (observance.Rule is not null)
            {
                writer.Property("RRULE", observance.Rule);
            }

            writer.Property("TZOFFSETFROM", IcsValues.Offset(observance.From));
            writer.Property("TZOFFSETTO", IcsValues.Offset(observance.To));
            if (!string.IsNullOrEmpty(observance.Name))
            {
                writer.TextProperty("TZNAME", observance.Name);
            }

            writer.Property("END", kind);
        }

        writer.Property("END", "VTIMEZONE");
    }

    /// <summary>The observances covering <paramref name="fromYear"/> through <paramref name="toYear"/>.</summary>
    internal static Observance[] Build(DateTimeZone zone, int fromYear, int toYear)
    {
        var transitions = new List<Transition>();
        var start = Instant.FromUtc(fromYear, 1, 1, 0, 0);
        var end = Instant.FromUtc(toYear + 1, 1, 1, 0, 0);
        ZoneInterval? previous = null;
        foreach (var interval in zone.GetZoneIntervals(start, end))
        {
            // NodaTime also splits intervals where only the name or the DST share changes; iCalendar cares for offsets.
            if (previous is not null && interval.HasStart && interval.WallOffset != previous.WallOffset)
            {
                transitions.Add(new Transition(
                    interval.Start.WithOffset(previous.WallOffset).LocalDateTime,
                    previous.WallOffset,
                    interval.WallOffset,
                    interval.Name,
                    interval.Savings != Offset.Zero,
                    interval.Start));
            }

            previous = interval;
        }

        if (transitions.Count == 0)
        {
            var offset = zone.GetUtcOffset(start);
            var only = zone.GetZoneInterval(start);
            return [new Observance(false, new LocalDateTime(fromYear, 1, 1, 0, 0), offset, offset, only.Name, null)];
        }

        // Group each kind of change (same offsets, name, month and time of day) over consecutive years for
        // as long as one yearly pattern fits every year: the nth weekday, the last weekday, or a fixed day.
        var groups = new List<Group>();
        var open = new Dictionary<(bool, Offset, Offset, string, int, LocalTime), Group>();
        foreach (var transition in transitions)
        {
            var onset = transition.Onset;
            var key = (transition.IsDaylight, transition.From, transition.To, transition.Name, onset.Month, onset.TimeOfDay);
            if (open.TryGetValue(key, out var group) && group.Last.Onset.Year + 1 == onset.Year && group.TryExtend(transition))
            {
                continue;
            }

            group = new Group(transition);
            open[key] = group;
            groups.Add(group);
        }

        var observances = new List<Observance>();
        foreach (var group in groups.OrderBy(g => g.First.Instant))
        {
            string? rule = null;
            var first = group.First;
            if (group.Count > 1)
            {
                var onset = first.Onset;
                var byPart = group.IsLast ? $"BYDAY=-1{WeekdayNum.Code(onset.DayOfWeek)}"
                    : group.IsNth ? $"BYDAY={Group.Nth(onset.Date)}{WeekdayNum.Code(onset.DayOfWeek)}"
                    : $"BYMONTHDAY={onset.Day}";
                rule = string.Create(CultureInfo.InvariantCulture, $"FREQ=YEARLY;BYMONTH={onset.Month};{byPart}");

                // Still running at the end of the span: leave it open. Otherwise end it at its last change, in UTC (RFC 5545).
                if (group.Last.Onset.Year < toYear)
                {
                    rule += ";UNTIL=" + IcsValues.Utc(group.Last.Instant);
                }
            }

            observances.Add(new Observance(first.IsDaylight, first.Onset, first.From, first.To, first.Name, rule));
        }

        return [.. observances];
    }

    internal sealed record Observance(bool IsDaylight, LocalDateTime Start, Offset From, Offset To, string Name, string? Rule);

    private sealed record Transition(LocalDateTime Onset, Offset From, Offset To, string Name, bool IsDaylight, Instant Instant);

    private sealed class Group(Transition first)
    {
        public Transition First { get; } = first;

        public Transition Last { get; private set; } = first;

        public int Count { get; private set; } = 1;

        // Which yearly patterns still describe every change in the group.
        public bool IsNth { get; private set; } = true;

        public bool IsLast { get; private set; } = IsLastWeekday(first.Onset.Date);

        public bool IsSameDay { get; private set; } = true;

        public static int Nth(LocalDate date) => ((date.Day - 1) / 7) + 1;

        public bool TryExtend(Transition next)
        {
            var date = next.Onset.Date;
            var start = First.Onset.Date;
            var sameWeekday = date.DayOfWeek == start.DayOfWeek;
            var nth = IsNth && sameWeekday && Nth(date) == Nth(start);
            var last = IsLast && sameWeekday && IsLastWeekday(date);
            var sameDay = IsSameDay && date.Day == start.Day;
            if (!nth && !last && !sameDay)
            {
                return false;
            }

            (IsNth, IsLast, IsSameDay) = (nth, last, sameDay);
            Last = next;
            Count++;
            return true;
        }

        private static bool IsLastWeekday(LocalDate date) => date.Day + 7 > CalendarSystem.Iso.GetDaysInMonth(date.Year, date.Month);
    }
}
