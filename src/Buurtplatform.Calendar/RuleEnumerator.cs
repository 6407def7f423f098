using NodaTime;

namespace Buurtplatform.Calendar;

/// <summary>
/// Walks the RRULE-generated part of a recurrence set (DTSTART plus the rule's dates, with COUNT and
/// UNTIL applied) in ascending local order, yielding only starts within [from, to]. RDATE, EXDATE and
/// overrides are the expander's business.
/// A class with MoveNext instead of an iterator method, so a period's dates live in one reused buffer and
/// each step costs no allocation: expansion runs for every series on every feed and agenda request.
/// </summary>
internal sealed class RuleEnumerator
{
    // Any real clock change is far less than this; used to decide when a UTC UNTIL needs an exact check.
    private static readonly Period UntilSlack = Period.FromHours(3);

    private readonly LocalDateTime _start;
    private readonly LocalTime _time;
    private readonly LocalDateTime _from;
    private readonly LocalDateTime _to;
    private readonly RecurrenceRule? _rule;
    private readonly DateTimeZone _zone;
    private readonly int _interval;
    private readonly int _count;
    private readonly UntilCheck _untilCheck;
    private readonly LocalDateTime _untilLocal;
    private readonly Instant _untilInstant;
    private readonly int[] _weekOffsets = [];
    private readonly bool _yearRelativeByDay;
    private readonly LocalDate[] _buffer;
    private readonly uint[] _masks;
    private int _bufferCount;
    private int _bufferIndex;
    private int _emitted;
    private bool _startPending = true;
    private bool _periodStarted;
    private bool _done;

    // The current period: its first day (DAILY: the day; WEEKLY: the week start; MONTHLY: the 1st; YEARLY: 1 January).
    private LocalDate _period;

    public RuleEnumerator(LocalDateTime start, RecurrenceRule? rule, DateTimeZone zone, LocalDateTime from, LocalDateTime to)
    {
        _start = start;
        _time = start.TimeOfDay;
        _rule = rule;
        _zone = zone;
        _from = from;
        _to = to;
        _buffer = [];
        _masks = [];
        if (rule is null)
        {
            return;
        }

        _interval = rule.Interval;
        _count = rule.Count ?? 0;
        if (rule.Until is { } until)
        {
            switch (until.Kind)
            {
                case UntilKind.Date:
                    _untilCheck = UntilCheck.Local;
                    _untilLocal = until.Value.Date.At(LocalTime.MaxValue);
                    break;
                case UntilKind.LocalDateTime:
                    _untilCheck = UntilCheck.Local;
                    _untilLocal = until.Value;
                    break;
                default:
                    _untilCheck = UntilCheck.Instant;
                    _untilInstant = until.Value.InUtc().ToInstant();
                    _untilLocal = _untilInstant.InZone(zone).LocalDateTime;
                    break;
            }
        }

        switch (rule.Frequency)
        {
            case RecurrenceFrequency.Daily:
                _buffer = new LocalDate[1];
                _period = start.Date;
                break;
            case RecurrenceFrequency.Weekly:
                _buffer = new LocalDate[7];
                _weekOffsets = WeekOffsets(rule, start.Date);
                _period = WeekStartOf(start.Date, rule.WeekStart);
                break;
            case RecurrenceFrequency.Monthly:
                _buffer = new LocalDate[31];
                _masks = new uint[1];
                _period = new LocalDate(start.Year, start.Month, 1);
                break;
            default:
                _buffer = new LocalDate[366];
                _masks = new uint[12];
                _yearRelativeByDay = rule.ByDay.Count > 0 && rule.ByMonth.Count == 0;
                _period = new LocalDate(start.Year, 1, 1);
                break;
        }

        // Jump ahead: without COUNT nothing before `from` affects what comes after it, so start at the
        // last period boundary (a multiple of INTERVAL from DTSTART) at or before `from`.
        // With COUNT every earlier date must be counted, so the walk starts at DTSTART.
        if (rule.Count is null && from > start)
        {
            _period = JumpTo(from.Date);
        }
    }

    private enum UntilCheck
    {
        None,
        Local,
        Instant,
    }

    public LocalDateTime Current { get; private set; }

    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        if (_startPending)
        {
            _startPending = false;
            _emitted = 1;
            if (_start > _to || UntilExceeded(_start))
            {
                return Finish();
            }

            if (_start >= _from)
            {
                Current = _start;
                return true;
            }
        }

        if (_rule is null)
        {
            return Finish();
        }

        while (true)
        {
            while (_bufferIndex < _bufferCount)
            {
                var candidate = _buffer[_bufferIndex++].At(_time);
                if (candidate <= _start)
                {
                    // Dates before DTSTART are not in the set; DTSTART itself was yielded above.
                    continue;
                }

                if (candidate > _to || UntilExceeded(candidate) || (_count > 0 && _emitted >= _count))
                {
                    return Finish();
                }

                _emitted++;
                if (candidate >= _from)
                {
                    Current = candidate;
                    return true;
                }
            }

            if (!FillNextPeriod())
            {
                return Finish();
            }
        }
    }

    private bool Finish()
    {
        _done = true;
        return false;
    }

    private bool UntilExceeded(LocalDateTime candidate)
    {
        switch (_untilCheck)
        {
            case UntilCheck.Local:
                return candidate > _untilLocal;
            case UntilCheck.Instant:
                // Compare local times while they are clearly apart; resolve the instant only near UNTIL.
                if (candidate > _untilLocal + UntilSlack)
                {
                    return true;
                }

                return candidate >= _untilLocal - UntilSlack && candidate.InZoneLeniently(_zone).ToInstant() > _untilInstant;
            default:
                return false;
        }
    }

    private bool FillNextPeriod()
    {
        var rule = _rule!;
        do
        {
            if (_periodStarted)
            {
                if (!Advance(rule.Frequency))
                {
                    return false;
                }
            }

            _periodStarted = true;
            if (_period > _to.Date)
            {
                return false;
            }

            _bufferIndex = 0;
            _bufferCount = rule.Frequency switch
            {
                RecurrenceFrequency.Daily => FillDay(rule),
                RecurrenceFrequency.Weekly => FillWeek(rule),
                RecurrenceFrequency.Monthly => FillMonth(rule),
                _ => FillYear(rule),
            };
            if (rule.BySetPosition.Count > 0 && _bufferCount > 0)
            {
                _bufferCount = ApplySetPositions(rule.BySetPosition, _buffer, _bufferCount);
            }
        }
        while (_bufferCount == 0);

        return true;
    }

    private bool Advance(RecurrenceFrequency frequency)
    {
        try
        {
            _period = frequency switch
            {
                RecurrenceFrequency.Daily => _period.PlusDays(_interval),
                RecurrenceFrequency.Weekly => _period.PlusDays(7 * _interval),
                RecurrenceFrequency.Monthly => _period.PlusMonths(_interval),
                _ => _period.PlusYears(_interval),
            };
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // NodaTime's calendar ends in the year 9999; a rule that still runs there simply ends.
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private LocalDate JumpTo(LocalDate target)
    {
        var start = _start.Date;
        switch (_rule!.Frequency)
        {
            case RecurrenceFrequency.Daily:
                return start.PlusDays(Period.DaysBetween(start, target) / _interval * _interval);
            case RecurrenceFrequency.Weekly:
                var weeks = Period.DaysBetween(_period, WeekStartOf(target, _rule.WeekStart)) / 7;
                return _period.PlusDays(weeks / _interval * _interval * 7);
            case RecurrenceFrequency.Monthly:
                var months = ((target.Year - start.Year) * 12) + target.Month - start.Month;
                return _period.PlusMonths(months / _interval * _interval);
            default:
                var years = target.Year - start.Year;
                return _period.PlusYears(years / _interval * _interval);
        }
    }

    private int FillDay(RecurrenceRule rule)
    {
        var day = _period;
        if (rule.ByMonth.Count > 0 && !Contains(rule.ByMonth, day.Month))
        {
            return 0;
        }

        if (rule.ByMonthDay.Count > 0 && !MatchesMonthDay(rule.ByMonthDay, day))
        {
            return 0;
        }

        if (rule.ByDay.Count > 0 && !MatchesWeekday(rule.ByDay, day.DayOfWeek))
        {
            return 0;
        }

        _buffer[0] = day;
        return 1;
    }

    private int FillWeek(RecurrenceRule rule)
    {
        var count = 0;
        foreach (var offset in _weekOffsets)
        {
            var day = _period.PlusDays(offset);
            if (rule.ByMonth.Count > 0 && !Contains(rule.ByMonth, day.Month))
            {
                continue;
            }

            _buffer[count++] = day;
        }

        return count;
    }

    private int FillMonth(RecurrenceRule rule)
    {
        var year = _period.Year;
        var month = _period.Month;
        if (rule.ByMonth.Count > 0 && !Contains(rule.ByMonth, month))
        {
            return 0;
        }

        _masks[0] = MonthMask(rule, year, month, null);
        return FlattenMasks(year, month, 1);
    }

    private int FillYear(RecurrenceRule rule)
    {
        var year = _period.Year;
        Array.Clear(_masks);
        uint[]? yearByDay = null;
        if (_yearRelativeByDay)
        {
            yearByDay = new uint[12];
            YearByDayMasks(rule.ByDay, year, yearByDay);
        }

        if (rule.ByMonth.Count > 0)
        {
            foreach (var month in rule.ByMonth)
            {
                _masks[month - 1] = MonthMask(rule, year, month, yearByDay);
            }
        }
        else if (rule.ByMonthDay.Count > 0 || rule.ByDay.Count > 0)
        {
            for (var month = 1; month <= 12; month++)
            {
                _masks[month - 1] = MonthMask(rule, year, month, yearByDay);
            }
        }
        else
        {
            _masks[_start.Month - 1] = MonthMask(rule, year, _start.Month, yearByDay);
        }

        return FlattenMasks(year, 1, 12);
    }

    /// <summary>Days of one month as bits 1..31: BYMONTHDAY expanded (BYDAY limiting it), else BYDAY expanded, else DTSTART's day.</summary>
    private uint MonthMask(RecurrenceRule rule, int year, int month, uint[]? yearByDay)
    {
        var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(year, month);
        uint mask;
        if (rule.ByMonthDay.Count > 0)
        {
            mask = 0;
            foreach (var monthDay in rule.ByMonthDay)
            {
                // RFC 5545: a day the month lacks (31 February, 29 February in 2027) is skipped, not clamped.
                var day = monthDay > 0 ? monthDay : daysInMonth + monthDay + 1;
                if (day >= 1 && day <= daysInMonth)
                {
                    mask |= 1u << day;
                }
            }

            if (rule.ByDay.Count > 0)
            {
                mask &= yearByDay is null ? ByDayMonthMask(rule.ByDay, year, month, daysInMonth) : yearByDay[month - 1];
            }
        }
        else if (rule.ByDay.Count > 0)
        {
            mask = yearByDay is null ? ByDayMonthMask(rule.ByDay, year, month, daysInMonth) : yearByDay[month - 1];
        }
        else
        {
            var day = _start.Day;
            mask = day <= daysInMonth ? 1u << day : 0;
        }

        return mask;
    }

    private int FlattenMasks(int year, int firstMonth, int monthCount)
    {
        var count = 0;
        for (var i = 0; i < monthCount; i++)
        {
            var mask = _masks[i];
            if (mask == 0)
            {
                continue;
            }

            var first = new LocalDate(year, firstMonth + i, 1);
            for (var day = 1; day <= 31; day++)
            {
                if ((mask & (1u << day)) != 0)
                {
                    _buffer[count++] = first.PlusDays(day - 1);
                }
            }
        }

        return count;
    }

    private static uint ByDayMonthMask(IReadOnlyList<WeekdayNum> byDay, int year, int month, int daysInMonth)
    {
        var firstWeekday = (int)new LocalDate(year, month, 1).DayOfWeek;
        uint mask = 0;
        foreach (var entry in byDay)
        {
            var firstDay = 1 + ((((int)entry.Day - firstWeekday) + 7) % 7);
            if (entry.Ordinal == 0)
            {
                for (var day = firstDay; day <= daysInMonth; day += 7)
                {
                    mask |= 1u << day;
                }
            }
            else
            {
                int day;
                if (entry.Ordinal > 0)
                {
                    day = firstDay + (7 * (entry.Ordinal - 1));
                }
                else
                {
                    var lastDay = firstDay + ((daysInMonth - firstDay) / 7 * 7);
                    day = lastDay + (7 * (entry.Ordinal + 1));
                }

                // A fifth Monday the month lacks is skipped.
                if (day >= 1 && day <= daysInMonth)
                {
                    mask |= 1u << day;
                }
            }
        }

        return mask;
    }

    /// <summary>BYDAY in a YEARLY rule without BYMONTH: ordinals count within the year (20MO is the 20th Monday of the year).</summary>
    private static void YearByDayMasks(IReadOnlyList<WeekdayNum> byDay, int year, uint[] masks)
    {
        var january1 = new LocalDate(year, 1, 1);
        var december31 = new LocalDate(year, 12, 31);
        foreach (var entry in byDay)
        {
            if (entry.Ordinal == 0)
            {
                for (var month = 1; month <= 12; month++)
                {
                    masks[month - 1] |= ByDayMonthMask([entry], year, month, CalendarSystem.Iso.GetDaysInMonth(year, month));
                }

                continue;
            }

            LocalDate date;
            if (entry.Ordinal > 0)
            {
                var first = january1.PlusDays(((int)entry.Day - (int)january1.DayOfWeek + 7) % 7);
                date = first.PlusDays(7 * (entry.Ordinal - 1));
            }
            else
            {
                var last = december31.PlusDays(-(((int)december31.DayOfWeek - (int)entry.Day + 7) % 7));
                date = last.PlusDays(7 * (entry.Ordinal + 1));
            }

            if (date.Year == year)
            {
                masks[date.Month - 1] |= 1u << date.Day;
            }
        }
    }

    private static int ApplySetPositions(IReadOnlyList<int> positions, LocalDate[] buffer, int count)
    {
        Span<bool> keep = stackalloc bool[count];
        foreach (var position in positions)
        {
            var index = position > 0 ? position - 1 : count + position;
            if (index >= 0 && index < count)
            {
                keep[index] = true;
            }
        }

        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            if (keep[i])
            {
                buffer[kept++] = buffer[i];
            }
        }

        return kept;
    }

    private static int[] WeekOffsets(RecurrenceRule rule, LocalDate start)
    {
        if (rule.ByDay.Count == 0)
        {
            return [OffsetInWeek(start.DayOfWeek, rule.WeekStart)];
        }

        // Days from the week start, ascending and without duplicates, so a week's dates come out in order.
        Span<bool> present = stackalloc bool[7];
        var count = 0;
        foreach (var entry in rule.ByDay)
        {
            var offset = OffsetInWeek(entry.Day, rule.WeekStart);
            count += present[offset] ? 0 : 1;
            present[offset] = true;
        }

        var offsets = new int[count];
        for (int offset = 0, i = 0; offset < 7; offset++)
        {
            if (present[offset])
            {
                offsets[i++] = offset;
            }
        }

        return offsets;
    }

    private static int OffsetInWeek(IsoDayOfWeek day, IsoDayOfWeek weekStart) => ((int)day - (int)weekStart + 7) % 7;

    internal static LocalDate WeekStartOf(LocalDate date, IsoDayOfWeek weekStart) => date.PlusDays(-OffsetInWeek(date.DayOfWeek, weekStart));

    private static bool MatchesMonthDay(IReadOnlyList<int> byMonthDay, LocalDate day)
    {
        var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(day.Year, day.Month);
        foreach (var monthDay in byMonthDay)
        {
            if ((monthDay > 0 ? monthDay : daysInMonth + monthDay + 1) == day.Day)
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesWeekday(IReadOnlyList<WeekdayNum> byDay, IsoDayOfWeek weekday)
    {
        foreach (var entry in byDay)
        {
            if (entry.Day == weekday)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<int> values, int value)
    {
        foreach (var v in values)
        {
            if (v == value)
            {
                return true;
            }
        }

        return false;
    }
}
