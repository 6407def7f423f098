using Buurtplatform.Calendar;
using Buurtplatform.Web.Calendar;
using NodaTime;
using NodaTime.Extensions;

namespace Buurtplatform.Web.Activities;

/// <summary>
/// Turns an activity's schedule into the calendar library's <see cref="EventSeries"/>: the one
/// description of its dates that the pages, the agenda and the feeds all expand.
/// </summary>
public static class ActivitySeries
{
    public static EventSeries From(Activity activity, SchoolHolidays? holidays)
    {
        var s = activity.Schedule;
        var time = LocalTime.FromTimeOnly(s.StartTime);
        var first = FirstDate(s);
        var overrides = activity.ScheduleChanges.Select(c =>
        {
            var original = LocalDate.FromDateOnly(c.Date) + time;
            if (c.Cancelled || c.NewDate is null)
                return OccurrenceOverride.Cancel(original, c.Reason);
            var newDate = LocalDate.FromDateOnly(c.NewDate.Value);
            var start = newDate + LocalTime.FromTimeOnly(c.NewStartTime ?? s.StartTime);
            var end = newDate + LocalTime.FromTimeOnly(c.NewEndTime ?? s.EndTime);
            return OccurrenceOverride.Move(original, start, end, c.Reason);
        });

        return new EventSeries
        {
            Start = first + time,
            Duration = Duration.FromTimeSpan(s.EndTime - s.StartTime),
            Zone = SiteZone.Zone,
            Rule = Rule(s, time),
            RDates = s.ExtraDates.Select(d => LocalDate.FromDateOnly(d) + time).ToList(),
            Overrides = overrides.ToList(),
            SkipPeriods = s.SkipSchoolHolidays is { } region && holidays is not null ? holidays.For(region).ToList() : [],
        };
    }

    /// <summary>
    /// The first date the pattern gives on or after the start date. DTSTART always counts as an
    /// occurrence in iCalendar, so a series "weekly on Tuesday from Monday 1 September" must start on
    /// Tuesday 2 September, or calendar apps would show an extra Monday.
    /// </summary>
    public static LocalDate FirstDate(ActivitySchedule s)
    {
        var start = LocalDate.FromDateOnly(s.StartDate);
        switch (s.Repeat)
        {
            case Repeat.Weekly when s.Days.Count > 0:
                for (var d = start; ; d = d.PlusDays(1))
                {
                    if (s.Days.Contains(d.DayOfWeek.ToDayOfWeek()))
                        return d;
                }

            case Repeat.Monthly when s.Days.Count == 1 && s.WeekOfMonth is { } nth:
                var day = s.Days[0].ToIsoDayOfWeek();
                for (var month = new LocalDate(start.Year, start.Month, 1); ; month = month.PlusMonths(1))
                {
                    var candidate = NthWeekday(month.Year, month.Month, day, nth);
                    if (candidate >= start)
                        return candidate;
                }

            default:
                return start;
        }
    }

    private static LocalDate NthWeekday(int year, int month, IsoDayOfWeek day, int nth)
    {
        if (nth > 0)
            return new LocalDate(year, month, 1).With(DateAdjusters.NextOrSame(day)).PlusWeeks(nth - 1);
        return new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1).With(DateAdjusters.PreviousOrSame(day));
    }

    private static RecurrenceRule? Rule(ActivitySchedule s, LocalTime time)
    {
        if (s.Repeat == Repeat.Once)
            return null;
        var days = s.Repeat == Repeat.Monthly
            ? s.Days.Take(1).Select(d => new WeekdayNum(d.ToIsoDayOfWeek(), s.WeekOfMonth ?? 1))
            : s.Days.Select(d => WeekdayNum.Every(d.ToIsoDayOfWeek()));
        return new RecurrenceRule(s.Repeat == Repeat.Weekly ? RecurrenceFrequency.Weekly : RecurrenceFrequency.Monthly)
        {
            Interval = Math.Max(1, s.Interval),
            ByDay = days.ToList(),
            Count = s.Count,
            Until = s.Until is { } until ? RecurrenceUntil.AtLocal(LocalDate.FromDateOnly(until) + time) : null,
            WeekStart = IsoDayOfWeek.Monday,
        };
    }

    /// <summary>
    /// The same series narrowed to some days of the week, for a feed of an agenda filtered by day: the
    /// UID and RRULE stay (with BYDAY narrowed), so calendar apps see the same event as in other feeds,
    /// and every date keeps its identity (its original start: RECURRENCE-ID, or the UID of a date written on
    /// its own), so the narrowed series holds a part of the whole one's dates and nothing else.
    /// A COUNT becomes an UNTIL first (narrowing would change what it counts), DTSTART moves to the first
    /// date the rule gives on an allowed day, a date moved off the allowed days is left out (EXDATE), and a
    /// date moved onto them from another day joins as an RDATE of its original start with its move kept.
    /// Null when no date remains.
    /// </summary>
    public static EventSeries? OnDays(EventSeries series, IReadOnlyCollection<DayOfWeek> days)
    {
        var allowed = days.Select(d => d.ToIsoDayOfWeek()).ToHashSet();
        bool Allowed(LocalDateTime t) => allowed.Contains(t.DayOfWeek);
        var everything = new Interval(series.Start.InZoneLeniently(series.Zone).ToInstant(), Instant.MaxValue);

        var rule = series.Rule;
        if (rule?.Count is { } count)
        {
            var plain = series with { Rule = rule, Overrides = [], ExDates = [], RDates = [], SkipPeriods = [] };
            var last = RecurrenceExpander.Expand(plain, everything).Take(count).LastOrDefault();
            rule = rule with { Count = null, Until = RecurrenceUntil.AtLocal(last.OriginalStart) };
        }

        // The first date the rule itself gives on an allowed day becomes DTSTART: the narrowed rule then keeps the
        // whole rule's rhythm (the same weeks of an every-other-week series). Extra dates never anchor the rule.
        LocalDateTime? ruleStart = null;
        if (rule is not null && rule.ByDay.Any(d => allowed.Contains(d.Day)))
        {
            var ruleOnly = series with { Rule = rule, Overrides = [], ExDates = [], RDates = [], SkipPeriods = [] };
            ruleStart = RecurrenceExpander.Expand(ruleOnly, everything).Select(o => (LocalDateTime?)o.OriginalStart).FirstOrDefault(t => Allowed(t!.Value));
            rule = rule with { ByDay = rule.ByDay.Where(d => allowed.Contains(d.Day)).ToList() };
        }

        var movedOnto = series.Overrides
            .Where(o => o.Status == OccurrenceStatus.Moved && !Allowed(o.OriginalStart) && Allowed(o.NewStart!.Value)
                && RecurrenceExpander.Find(series, o.OriginalStart) is not null)
            .ToList();
        // Without a rule, DTSTART is a date of its own like the RDATEs (with one, it is the rule's first date).
        var ownDates = series.Rule is null ? series.RDates.Prepend(series.Start) : series.RDates;
        var rDates = ownDates.Where(Allowed).Concat(movedOnto.Select(o => o.OriginalStart)).Distinct().Order().ToList();
        if (ruleStart is null && rDates.Count == 0)
            return null;

        var start = ruleStart ?? rDates[0];
        var overrides = series.Overrides.Where(o => o.Status == OccurrenceStatus.Moved
            ? Allowed(o.NewStart!.Value) && (Allowed(o.OriginalStart) || movedOnto.Contains(o))
            : Allowed(o.OriginalStart)).ToList();
        var exDates = series.ExDates.Where(Allowed)
            .Concat(series.Overrides.Where(o => o.Status == OccurrenceStatus.Moved && Allowed(o.OriginalStart) && !Allowed(o.NewStart!.Value)).Select(o => o.OriginalStart))
            .Distinct().Order().ToList();
        return series with
        {
            Start = start,
            Rule = ruleStart is null ? null : rule,
            RDates = rDates.Where(d => d != start).ToList(),
            ExDates = exDates,
            Overrides = overrides,
        };
    }
}
