using System.Security.Cryptography;
using Buurtplatform.Calendar;
using Buurtplatform.Web.Activities;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;
using Duration = NodaTime.Duration;

namespace Buurtplatform.Web.PartnerCalendars;

/// <summary>Why a file was refused, or what was left out: a resource key and its arguments.</summary>
public sealed record ImportMessage(string Key, params object[] Args);

/// <summary>The whole file read: every event, or the one reason the file is refused (then nothing is taken in).</summary>
public sealed record ParseResult(IReadOnlyList<ImportedEvent> Events, ImportMessage? Problem, int SkippedAllDay, int SkippedPast)
{
    public bool Ok => Problem is null;

    public static ParseResult Refused(string key, params object[] args) => new([], new ImportMessage(key, args), 0, 0);
}

/// <summary>
/// Reads a partner's iCalendar file with Ical.Net and turns each event into an activity's schedule in
/// Europe/Amsterdam time. The file is read whole and checked first; any problem refuses all of it.
/// </summary>
/// <remarks>
/// A series becomes a weekly or monthly schedule (with EXDATE as cancelled dates and RECURRENCE-ID overrides as
/// moved ones) only when our own expansion of that schedule gives exactly the dates Ical.Net gives for the rule;
/// otherwise its dates within the horizon are listed one by one. So what parents see is what the source says,
/// whatever the rule, and an Outlook zone name, a UTC series that shifts at the DST change, or a rule our schedule
/// cannot say, all come out right.
/// </remarks>
public static class IcsParser
{
    private static readonly DateTimeZone Amsterdam = SiteZone.Zone;

    public static ParseResult Parse(byte[] bytes, Instant now, PartnerCalendarOptions options)
    {
        if (bytes.Length > options.MaxBytes)
            return ParseResult.Refused("PartnerCalendars.Problem.TooLarge", options.MaxBytes / 1024);
        if (Decode(bytes) is not { } text)
            return ParseResult.Refused("PartnerCalendars.Problem.Encoding");
        if (!text.TrimStart().StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
            return ParseResult.Refused("PartnerCalendars.Problem.NotACalendar");

        // Counted before Ical.Net builds objects for them: a file of 100,000 events is refused cheaply.
        var count = CountEvents(text);
        if (count > options.MaxEvents)
            return ParseResult.Refused("PartnerCalendars.Problem.TooManyEvents", count, options.MaxEvents);

        Ical.Net.Calendar? calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(text);
        }
        catch (Exception e) when (e is System.Runtime.Serialization.SerializationException or FormatException or ArgumentException)
        {
            return ParseResult.Refused("PartnerCalendars.Problem.BadLine", Shorten(LineOf(e.Message)));
        }

        if (calendar is null)
            return ParseResult.Refused("PartnerCalendars.Problem.NotACalendar");
        var floatingZone = FloatingZone(calendar);
        var horizonEnd = now.Plus(Duration.FromTimeSpan(options.Horizon));
        var events = calendar.Events.ToList();
        foreach (var e in events)
        {
            if (string.IsNullOrWhiteSpace(e.Uid) || e.Uid.Length > ImportedEvent.MaxUidLength)
                return ParseResult.Refused("PartnerCalendars.Problem.NoUid", Shorten(e.Summary ?? ""));
            if (e.DtStart is null)
                return ParseResult.Refused("PartnerCalendars.Problem.NoStart", Shorten(e.Summary ?? e.Uid));
#pragma warning disable CS0618 // several rules are legal in RFC 5545 and Ical.Net still reads them; we refuse them
            if (e.RecurrenceRules.Count > 1 || e.ExceptionRules.Count > 0)
                return ParseResult.Refused("PartnerCalendars.Problem.Rule", Shorten(e.Summary ?? e.Uid));
            if (e.RecurrenceRules.FirstOrDefault() is { Frequency: Ical.Net.FrequencyType.Secondly or Ical.Net.FrequencyType.Minutely or Ical.Net.FrequencyType.Hourly })
                return ParseResult.Refused("PartnerCalendars.Problem.Frequency", Shorten(e.Summary ?? e.Uid));
#pragma warning restore CS0618
        }

        var result = new List<ImportedEvent>();
        var (allDay, past) = (0, 0);
        foreach (var group in events.Where(e => !Cancelled(e)).GroupBy(e => e.Uid!, StringComparer.Ordinal))
        {
            var master = group.FirstOrDefault(e => e.RecurrenceIdentifier is null);
            var overrides = group.Where(e => e.RecurrenceIdentifier is not null).ToList();
            var cancelledDates = events.Where(e => e.Uid == group.Key && e.RecurrenceIdentifier is not null && Cancelled(e)).ToList();
            if (master is null)
            {
                // Changed dates of a series that is not in the file: each stands alone.
                foreach (var single in overrides)
                {
                    var read = ReadSingle(single, floatingZone);
                    if (read is null)
                    {
                        allDay++;
                        continue;
                    }

                    result.Add(read with { RecurrenceId = RecurrenceKey(single, floatingZone) });
                }

                continue;
            }

            if (Times(master, floatingZone) is not { } times)
            {
                allDay++;
                continue;
            }

            var read2 = ReadSeries(master, times, overrides, cancelledDates, floatingZone, now, horizonEnd, options, out var problem);
            if (problem is not null)
                return new ParseResult([], problem, 0, 0);
            if (read2 is null)
            {
                past++;
                continue;
            }

            result.Add(read2);
            foreach (var o in overrides)
            {
                if (ReadSingle(o, floatingZone) is { } part)
                    result.Add(part with { RecurrenceId = RecurrenceKey(o, floatingZone), InSeries = true });
            }
        }

        return new ParseResult(result, null, allDay, past);
    }

    /// <summary>UTF-8 (with or without BOM) as RFC 5545 requires, or UTF-16 with its BOM; null for bytes that are neither.</summary>
    internal static string? Decode(byte[] bytes)
    {
        try
        {
            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
                return new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
            if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
                return new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
            var skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, skip, bytes.Length - skip);
            return text.Contains('\0', StringComparison.Ordinal) ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static int CountEvents(string text)
    {
        var count = 0;
        var index = 0;
        while ((index = text.IndexOf("BEGIN:VEVENT", index, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            count++;
            index += 12;
        }

        return count;
    }

    private static bool Cancelled(CalendarEvent e) => string.Equals(e.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase);

    /// <summary>The zone for times without one (floating): Google's X-WR-TIMEZONE when it names a known zone, else Amsterdam.</summary>
    private static DateTimeZone FloatingZone(Ical.Net.Calendar calendar)
    {
        var name = calendar.Properties.FirstOrDefault(p => string.Equals(p.Name, "X-WR-TIMEZONE", StringComparison.OrdinalIgnoreCase))?.Value?.ToString();
        return name is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(name) is { } zone ? zone : Amsterdam;
    }

    /// <summary>A date-time of the file as Amsterdam local time: exact instants (UTC, TZID, also Outlook's Windows names) converted, floating ones read in <paramref name="floating"/>.</summary>
    private static LocalDateTime Local(CalDateTime value, DateTimeZone floating)
    {
        if (value.IsFloating)
        {
            var local = LocalDateTime.FromDateTime(value.Value);
            return floating == Amsterdam ? local : local.InZoneLeniently(floating).WithZone(Amsterdam).LocalDateTime;
        }

        return Instant.FromDateTimeUtc(DateTime.SpecifyKind(value.AsUtc, DateTimeKind.Utc)).InZone(Amsterdam).LocalDateTime;
    }

    /// <summary>Start and end of an event in Amsterdam time; null for an all-day event or one that does not end on the day it starts.</summary>
    private static (LocalDateTime Start, LocalDateTime End)? Times(CalendarEvent e, DateTimeZone floating)
    {
        if (!e.DtStart!.HasTime)
            return null;
        var start = Local(e.DtStart, floating);
        var end = e.DtEnd is { HasTime: true } dtEnd ? Local(dtEnd, floating)
            : e.Duration is { } d ? start.PlusSeconds((long)d.ToTimeSpanUnspecified().TotalSeconds) : start;
        if (end.Date != start.Date || end <= start)
            return null;
        return (start, end);
    }

    private static string RecurrenceKey(CalendarEvent e, DateTimeZone floating)
    {
        var id = e.RecurrenceIdentifier!.StartTime;
        return id.HasTime ? Local(id, floating).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : id.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>One event on one date (or a changed date of a series, read as itself); null for all-day or multi-day events.</summary>
    private static ImportedEvent? ReadSingle(CalendarEvent e, DateTimeZone floating)
    {
        if (Times(e, floating) is not { } t)
            return null;
        var schedule = new ActivitySchedule
        {
            StartDate = t.Start.Date.ToDateOnly(),
            StartTime = t.Start.TimeOfDay.ToTimeOnly(),
            EndTime = t.End.TimeOfDay.ToTimeOnly(),
            Repeat = Repeat.Once,
        };
        return Make(e, [], new ImportedSchedule { Schedule = schedule }, null);
    }

    private static ImportedEvent? ReadSeries(CalendarEvent master, (LocalDateTime Start, LocalDateTime End) times, List<CalendarEvent> overrides,
        List<CalendarEvent> cancelledOverrides, DateTimeZone floating, Instant now, Instant horizonEnd, PartnerCalendarOptions options, out ImportMessage? problem)
    {
        problem = null;
#pragma warning disable CS0618 // see Parse: one rule at most, checked there
        var rule = master.RecurrenceRules.FirstOrDefault();
#pragma warning restore CS0618
        var schedule = new ActivitySchedule
        {
            StartDate = times.Start.Date.ToDateOnly(),
            StartTime = times.Start.TimeOfDay.ToTimeOnly(),
            EndTime = times.End.TimeOfDay.ToTimeOnly(),
            Repeat = Repeat.Once,
        };
        var hasRdates = master.RecurrenceDates.GetAllDates().Any() || master.RecurrenceDates.GetAllPeriods().Any();
        if (rule is null && !hasRdates)
        {
            var changes = OverrideChanges(overrides, cancelledOverrides, floating, schedule, [schedule.StartDate]);
            return Make(master, overrides, new ImportedSchedule { Schedule = schedule, Changes = changes }, null);
        }

        // The series' own dates (EXDATE and overrides aside), by Ical.Net, from shortly before today up to the horizon.
        var exdates = master.ExceptionDates.GetAllDates().Select(d => Local(d, floating)).ToList();
        master.ExceptionDates.Clear();
        var windowStart = Max(times.Start.InZoneLeniently(Amsterdam).ToInstant(), now.Minus(Duration.FromDays(62)));
        var theirs = new List<LocalDateTime>();
        foreach (var o in master.GetOccurrences(new CalDateTime(windowStart.ToDateTimeUtc(), "UTC"), null))
        {
            var start = o.Period.StartTime;
            var instant = start.IsFloating ? Local(start, floating).InZoneLeniently(Amsterdam).ToInstant() : Instant.FromDateTimeUtc(DateTime.SpecifyKind(start.AsUtc, DateTimeKind.Utc));
            if (instant >= horizonEnd)
                break;
            if (instant < windowStart)
                continue;
            theirs.Add(Local(start, floating));
            if (theirs.Count > options.MaxDatesPerEvent)
            {
                problem = new ImportMessage("PartnerCalendars.Problem.TooManyDates", Shorten(master.Summary ?? master.Uid!), options.MaxDatesPerEvent);
                return null;
            }
        }

        var endless = rule is not null && rule.Count is null && rule.Until is null;
        if (rule is not null && !hasRdates && AsSchedule(rule, schedule, floating) is { } fitted && SameDates(fitted, theirs, windowStart, horizonEnd, times.Start.TimeOfDay))
        {
            var seriesDates = theirs.Select(d => d.Date.ToDateOnly()).ToHashSet();
            var changes = exdates.Where(theirs.Contains)
                .Select(d => new ScheduleChange { Date = d.Date.ToDateOnly(), Cancelled = true }).ToList();
            changes = Merge(changes, OverrideChanges(overrides, cancelledOverrides, floating, fitted, seriesDates));
            return Make(master, overrides, new ImportedSchedule { Schedule = fitted, Changes = changes }, endless ? "PartnerCalendars.Note.Endless" : null);
        }

        // Dates one by one: those not excluded, at the series' time; one at another local time (a UTC series across the DST change) moves to it.
        var dates = theirs.Where(d => !exdates.Contains(d)).ToList();
        if (dates.Count == 0)
            return null;
        var listed = new ActivitySchedule
        {
            StartDate = dates[0].Date.ToDateOnly(),
            StartTime = schedule.StartTime,
            EndTime = schedule.EndTime,
            Repeat = Repeat.Once,
            ExtraDates = [.. dates.Skip(1).Select(d => d.Date.ToDateOnly()).Distinct().Order()],
        };
        var length = times.End - times.Start;
        var moved = dates.Where(d => d.TimeOfDay != times.Start.TimeOfDay)
            .Select(d => new ScheduleChange { Date = d.Date.ToDateOnly(), NewDate = d.Date.ToDateOnly(), NewStartTime = d.TimeOfDay.ToTimeOnly(), NewEndTime = (d + length).TimeOfDay.ToTimeOnly() })
            .ToList();
        var all = Merge(moved, OverrideChanges(overrides, cancelledOverrides, floating, listed, [.. dates.Select(d => d.Date.ToDateOnly())]));
        return Make(master, overrides, new ImportedSchedule { Schedule = listed, Changes = all }, endless ? "PartnerCalendars.Note.EndlessDates" : "PartnerCalendars.Note.Dates");
    }

    /// <summary>The rule as an activity's schedule, when it is one our schedules can say; else null.</summary>
    private static ActivitySchedule? AsSchedule(RecurrencePattern rule, ActivitySchedule start, DateTimeZone floating)
    {
        if (rule.ByHour.Count > 0 || rule.ByMinute.Count > 0 || rule.BySecond.Count > 0 || rule.ByMonth.Count > 0 || rule.ByMonthDay.Count > 0
            || rule.ByYearDay.Count > 0 || rule.ByWeekNo.Count > 0 || rule.Interval < 1 || rule.Interval > 52)
        {
            return null;
        }

        var s = new ActivitySchedule
        {
            StartDate = start.StartDate,
            StartTime = start.StartTime,
            EndTime = start.EndTime,
            Interval = rule.Interval,
            Count = rule.Count,
            Until = rule.Until is { } until ? (until.HasTime ? Local(until, floating).Date.ToDateOnly() : until.Date) : null,
        };
        switch (rule.Frequency)
        {
            case Ical.Net.FrequencyType.Weekly when rule.BySetPosition.Count == 0 && rule.ByDay.All(d => d.Offset is null or 0):
                s.Repeat = Repeat.Weekly;
                s.Days = rule.ByDay.Count == 0 ? [start.StartDate.DayOfWeek] : [.. rule.ByDay.Select(d => d.DayOfWeek).Distinct().OrderBy(d => ((int)d + 6) % 7)];
                return s;
            case Ical.Net.FrequencyType.Monthly when rule.ByDay.Count == 1:
                var nth = rule.ByDay[0].Offset is { } o and not 0 ? o : rule.BySetPosition.Count == 1 ? rule.BySetPosition[0] : 0;
                if (nth is not (1 or 2 or 3 or 4 or -1) || (rule.ByDay[0].Offset is not null and not 0 && rule.BySetPosition.Count > 0))
                    return null;
                s.Repeat = Repeat.Monthly;
                s.Days = [rule.ByDay[0].DayOfWeek];
                s.WeekOfMonth = nth;
                return s;
            default:
                return null;
        }
    }

    /// <summary>Our expansion of <paramref name="schedule"/> gives exactly Ical.Net's dates, all at the series' local time.</summary>
    private static bool SameDates(ActivitySchedule schedule, List<LocalDateTime> theirs, Instant from, Instant until, LocalTime time)
    {
        if (theirs.Any(d => d.TimeOfDay != time))
            return false;
        try
        {
            var series = ActivitySeries.From(new Activity { Schedule = schedule }, holidays: null);
            var ours = RecurrenceExpander.Expand(series, new Interval(from, until))
                .Where(o => o.Start.ToInstant() >= from).Select(o => o.Start.LocalDateTime).ToList();
            return ours.SequenceEqual(theirs);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>RECURRENCE-ID overrides (and cancelled ones) as the schedule's moved and cancelled dates; only those that are dates of it.</summary>
    /// <param name="seriesDates">The dates the schedule gives (in the window): a change of another date would do nothing, and is left out.</param>
    private static List<ScheduleChange> OverrideChanges(List<CalendarEvent> overrides, List<CalendarEvent> cancelled, DateTimeZone floating, ActivitySchedule schedule,
        HashSet<DateOnly> seriesDates)
    {
        var changes = new List<ScheduleChange>();
        foreach (var c in cancelled.Where(c => seriesDates.Contains(OriginalDate(c, floating))))
            changes.Add(new ScheduleChange { Date = OriginalDate(c, floating), Cancelled = true });
        foreach (var o in overrides)
        {
            var date = OriginalDate(o, floating);
            if (Times(o, floating) is not { } t || !seriesDates.Contains(date))
                continue;
            if (t.Start.Date.ToDateOnly() == date && t.Start.TimeOfDay.ToTimeOnly() == schedule.StartTime && t.End.TimeOfDay.ToTimeOnly() == schedule.EndTime)
                continue; // only the text changed; the date stays where it is
            changes.Add(new ScheduleChange
            {
                Date = date,
                NewDate = t.Start.Date.ToDateOnly(),
                NewStartTime = t.Start.TimeOfDay.ToTimeOnly(),
                NewEndTime = t.End.TimeOfDay.ToTimeOnly(),
            });
        }

        return changes;
    }

    private static DateOnly OriginalDate(CalendarEvent e, DateTimeZone floating)
    {
        var id = e.RecurrenceIdentifier!.StartTime;
        return id.HasTime ? Local(id, floating).Date.ToDateOnly() : id.Date;
    }

    /// <summary>Later lists win per date (an override replaces the DST move of the same date).</summary>
    private static List<ScheduleChange> Merge(List<ScheduleChange> first, List<ScheduleChange> second)
    {
        var byDate = new Dictionary<DateOnly, ScheduleChange>();
        foreach (var c in first.Concat(second))
            byDate[c.Date] = c;
        return [.. byDate.Values.OrderBy(c => c.Date)];
    }

    private static ImportedEvent Make(CalendarEvent e, List<CalendarEvent> overrides, ImportedSchedule schedule, string? note) =>
        new(e.Uid!, "", Clip(e.Summary, ImportedEvent.MaxTitleLength), Clip(e.Description, ImportedEvent.MaxDescriptionLength),
            Clip(e.Location, ImportedEvent.MaxLocationLength), schedule, note, Hash([e, .. overrides]));

    /// <summary>What the source says about the event and its changed dates, hashed: a new fetch of the same text gives the same hash, whatever today is.</summary>
    private static string Hash(IEnumerable<CalendarEvent> parts)
    {
        var sb = new StringBuilder();
        foreach (var e in parts)
        {
#pragma warning disable CS0618 // see Parse
            sb.Append(e.RecurrenceIdentifier?.StartTime).Append('|').Append(e.Summary).Append('|').Append(e.Description).Append('|').Append(e.Location)
                .Append('|').Append(e.DtStart).Append('|').Append(e.DtEnd).Append('|').Append(e.Duration).Append('|').Append(e.Status)
                .Append('|').Append(string.Join(';', e.RecurrenceRules)).Append('|').Append(string.Join(';', e.ExceptionDates.GetAllDates()))
                .Append('|').Append(string.Join(';', e.RecurrenceDates.GetAllDates())).Append('\n');
#pragma warning restore CS0618
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static string Clip(string? s, int max)
    {
        var t = (s ?? "").Trim();
        return t.Length <= max ? t : t[..max];
    }

    private static string LineOf(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = message.LastIndexOf('\'');
        return start >= 0 && end > start ? message[(start + 1)..end] : message;
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
