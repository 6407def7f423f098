using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.TimeZones;

namespace Buurtplatform.Calendar.Ics;

/// <summary>
/// Reads the subset of iCalendar the writer produces, and partner feeds of the same shape, back into a
/// <see cref="CalendarFeed"/>. Lenient where files commonly differ (LF line ends, unknown properties and
/// components, Windows zone names); strict, with the line number, where a value we rely on is malformed
/// (DTSTART, DTEND, RRULE, EXDATE, RDATE, RECURRENCE-ID, DTSTAMP, SEQUENCE, a missing UID).
/// </summary>
public static class IcsReader
{
    /// <param name="text">The .ics text.</param>
    /// <param name="defaultZone">The zone for floating and all-day times; the site zone when null.</param>
    public static CalendarFeed Read(string text, DateTimeZone? defaultZone = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Read(Encoding.UTF8.GetBytes(text), defaultZone);
    }

    /// <param name="utf8">The .ics file's bytes.</param>
    /// <param name="defaultZone">The zone for floating and all-day times; the site zone when null.</param>
    public static CalendarFeed Read(byte[] utf8, DateTimeZone? defaultZone = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var context = new ReadContext(defaultZone ?? SiteZone.Zone);
        var calendar = new List<ContentLine>();
        var events = new List<RawComponent>();
        var stack = new Stack<(string Name, int Line)>();
        RawComponent? currentEvent = null;
        RawComponent? currentZone = null;
        var sawCalendar = false;

        foreach (var line in ContentLine.Unfold(utf8))
        {
            if (line.Name == "BEGIN")
            {
                var component = line.Value.Trim().ToUpperInvariant();
                if (stack.Count == 0 && (component != "VCALENDAR" || sawCalendar))
                {
                    throw new IcsFormatException(line.LineNumber, "The file must be one VCALENDAR (BEGIN:VCALENDAR first).");
                }

                sawCalendar = true;
                if (stack.Count == 1 && component == "VEVENT")
                {
                    currentEvent = new RawComponent(line.LineNumber);
                    events.Add(currentEvent);
                }
                else if (stack.Count == 1 && component == "VTIMEZONE")
                {
                    currentZone = new RawComponent(line.LineNumber);
                }

                stack.Push((component, line.LineNumber));
                continue;
            }

            if (line.Name == "END")
            {
                var component = line.Value.Trim().ToUpperInvariant();
                if (stack.Count == 0 || stack.Peek().Name != component)
                {
                    throw new IcsFormatException(line.LineNumber, $"END:{component} does not close {(stack.Count == 0 ? "anything" : "BEGIN:" + stack.Peek().Name)}.");
                }

                stack.Pop();
                if (stack.Count == 1 && component == "VEVENT")
                {
                    currentEvent = null;
                }
                else if (stack.Count == 1 && component == "VTIMEZONE" && currentZone is not null)
                {
                    context.AddVTimeZone(currentZone);
                    currentZone = null;
                }

                continue;
            }

            if (stack.Count == 0)
            {
                throw new IcsFormatException(line.LineNumber, "The file must start with BEGIN:VCALENDAR.");
            }

            if (stack.Count == 1)
            {
                calendar.Add(line);
            }
            else if (stack.Count == 2 && currentEvent is not null)
            {
                currentEvent.Lines.Add(line);
            }
            else if (currentZone is not null)
            {
                currentZone.Lines.Add(line);
            }
        }

        if (stack.Count > 0)
        {
            var (name, line) = stack.Peek();
            throw new IcsFormatException(line, $"BEGIN:{name} is never closed.");
        }

        if (!sawCalendar)
        {
            throw new IcsFormatException(1, "The file has no VCALENDAR.");
        }

        return new CalendarFeed
        {
            ProductId = Text(First(calendar, "PRODID")) ?? string.Empty,
            Name = Text(First(calendar, "NAME") ?? First(calendar, "X-WR-CALNAME")),
            Description = Text(First(calendar, "DESCRIPTION") ?? First(calendar, "X-WR-CALDESC")),
            RefreshInterval = OptionalDuration(First(calendar, "REFRESH-INTERVAL") ?? First(calendar, "X-PUBLISHED-TTL")),
            Url = OptionalUri(First(calendar, "URL")),
            LastModified = First(calendar, "LAST-MODIFIED") is { } modified ? ParseUtc(modified) : null,
            Events = BuildEvents(events, context),
        };
    }

    private static List<CalendarEvent> BuildEvents(List<RawComponent> components, ReadContext context)
    {
        var masters = new List<(RawComponent Component, CalendarEvent Event)>();
        var exceptions = new List<(RawComponent Component, string Uid)>();
        foreach (var component in components)
        {
            var uid = Text(component.First("UID"));
            if (string.IsNullOrWhiteSpace(uid))
            {
                throw new IcsFormatException(component.LineNumber, "VEVENT has no UID.");
            }

            if (component.First("RECURRENCE-ID") is null)
            {
                masters.Add((component, BuildMaster(component, uid, context)));
            }
            else
            {
                exceptions.Add((component, uid));
            }
        }

        var result = masters.Select(m => m.Event).ToList();
        foreach (var group in exceptions.GroupBy(e => e.Uid, StringComparer.Ordinal))
        {
            var masterIndex = result.FindIndex(e => e.Uid == group.Key);
            if (masterIndex < 0)
            {
                // A changed date without its series (some partner feeds): keep it as a one-off event.
                result.AddRange(group.Select(e => BuildMaster(e.Component, e.Uid, context)));
                continue;
            }

            var master = result[masterIndex];
            var overrides = master.Series.Overrides.ToList();
            foreach (var (component, _) in group)
            {
                var change = BuildOverride(component, master, context);
                if (overrides.All(o => o.OriginalStart != change.OriginalStart))
                {
                    overrides.Add(change);
                }
            }

            result[masterIndex] = master with { Series = master.Series with { Overrides = overrides } };
        }

        return result;
    }

    private static CalendarEvent BuildMaster(RawComponent component, string uid, ReadContext context)
    {
        var startLine = component.First("DTSTART") ?? throw new IcsFormatException(component.LineNumber, $"VEVENT {uid} has no DTSTART.");
        var start = context.ParseDateTime(startLine, startLine.Value);
        var zone = start.Kind switch
        {
            TimeKind.Zoned => start.Zone!,
            TimeKind.Utc => DateTimeZone.Utc,
            _ => context.DefaultZone,
        };
        var startInstant = start.Local.InZoneLeniently(zone).ToInstant();
        var duration = ReadDuration(component, start, startInstant, zone, context);

        var rules = component.All("RRULE").ToList();
        if (rules.Count > 1)
        {
            throw new IcsFormatException(rules[1].LineNumber, "More than one RRULE is not supported.");
        }

        RecurrenceRule? rule = null;
        if (rules.Count == 1)
        {
            try
            {
                rule = RecurrenceRule.Parse(rules[0].Value);
            }
            catch (FormatException error)
            {
                throw new IcsFormatException(rules[0].LineNumber, $"RRULE: {error.Message}", error);
            }
        }

        var startTime = start.Local.TimeOfDay;
        var status = Status(component.First("STATUS"));
        var series = new EventSeries
        {
            Start = start.Local,
            Duration = duration,
            Zone = zone,
            Rule = rule,
            RDates = component.All("RDATE").SelectMany(l => context.ParseDateList(l, zone, startTime)).ToList(),
            ExDates = component.All("EXDATE").SelectMany(l => context.ParseDateList(l, zone, startTime)).ToList(),
        };

        return new CalendarEvent
        {
            Uid = uid,
            LastModified = (component.First("DTSTAMP") ?? component.First("LAST-MODIFIED")) is { } stamp ? ParseUtc(stamp) : NodaConstants.UnixEpoch,
            Summary = Text(component.First("SUMMARY")) ?? string.Empty,
            Description = Text(component.First("DESCRIPTION")),
            Location = Text(component.First("LOCATION")),
            Url = OptionalUri(component.First("URL")),
            Geo = Geo(component.First("GEO")),
            Categories = component.All("CATEGORIES").SelectMany(l => SplitList(l.Value)).Select(Unescape).ToList(),
            Sequence = component.First("SEQUENCE") is { } sequence ? ParseSequence(sequence) : 0,
            Status = status,
            Series = series,
        };
    }

    private static OccurrenceOverride BuildOverride(RawComponent component, CalendarEvent master, ReadContext context)
    {
        var series = master.Series;
        var idLine = component.First("RECURRENCE-ID")!;
        var originalStart = ReadContext.ToSeriesLocal(context.ParseDateTime(idLine, idLine.Value), series.Zone, series.Start.TimeOfDay);
        var description = Text(component.First("DESCRIPTION"));
        if (Status(component.First("STATUS")) == EventStatus.Cancelled)
        {
            return OccurrenceOverride.Cancel(originalStart, description);
        }

        var startLine = component.First("DTSTART");
        var newStart = startLine is null ? originalStart : ReadContext.ToSeriesLocal(context.ParseDateTime(startLine, startLine.Value), series.Zone, series.Start.TimeOfDay);
        var newStartInstant = newStart.InZoneLeniently(series.Zone).ToInstant();
        var duration = component.First("DTEND") is null && component.First("DURATION") is null
            ? series.Duration
            : ReadDuration(component, new ParsedTime(TimeKind.Floating, newStart, null), newStartInstant, series.Zone, context);
        var newEnd = (newStartInstant + duration).InZone(series.Zone).LocalDateTime;

        // The writer puts the series' description on a moved date that has no reason of its own.
        var reason = description == master.Description ? null : description;
        return OccurrenceOverride.Move(originalStart, newStart, newEnd, reason);
    }

    private static Duration ReadDuration(RawComponent component, ParsedTime start, Instant startInstant, DateTimeZone zone, ReadContext context)
    {
        if (component.First("DTEND") is { } endLine)
        {
            var end = context.ParseDateTime(endLine, endLine.Value);
            var endInstant = end.Kind switch
            {
                TimeKind.Utc => end.Local.InUtc().ToInstant(),
                TimeKind.Zoned => end.Local.InZoneLeniently(end.Zone!).ToInstant(),
                _ => end.Local.InZoneLeniently(zone).ToInstant(),
            };
            return endInstant >= startInstant ? endInstant - startInstant : throw new IcsFormatException(endLine.LineNumber, "DTEND is before DTSTART.");
        }

        if (component.First("DURATION") is { } durationLine)
        {
            try
            {
                var duration = IcsValues.ParseDuration(durationLine.Value);
                return duration >= Duration.Zero ? duration : throw new FormatException("A negative DURATION is not allowed.");
            }
            catch (FormatException error)
            {
                throw new IcsFormatException(durationLine.LineNumber, $"DURATION: {error.Message}", error);
            }
        }

        // RFC 5545 3.6.1: without DTEND or DURATION, a date lasts one day and a date-time no time at all.
        return start.Kind == TimeKind.Date ? Duration.FromDays(1) : Duration.Zero;
    }

    private static ContentLine? First(List<ContentLine> lines, string name) => lines.Find(l => l.Name == name);

    private static string? Text(ContentLine? line) => line is null ? null : Unescape(line.Value);

    /// <summary>Undoes TEXT escaping; an unknown escape keeps its character (lenient).</summary>
    internal static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                text.Append(next is 'n' or 'N' ? '\n' : next);
            }
            else
            {
                text.Append(value[i]);
            }
        }

        return text.ToString();
    }

    /// <summary>Splits a list value on commas that are not escaped.</summary>
    private static IEnumerable<string> SplitList(string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] == ',')
            {
                yield return value[start..i];
                start = i + 1;
            }
        }

        yield return value[start..];
    }

    private static EventStatus Status(ContentLine? line) => line?.Value.Trim().ToUpperInvariant() switch
    {
        "CANCELLED" => EventStatus.Cancelled,
        "TENTATIVE" => EventStatus.Tentative,
        _ => EventStatus.Confirmed,
    };

    private static int ParseSequence(ContentLine line) =>
        int.TryParse(line.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw new IcsFormatException(line.LineNumber, $"SEQUENCE '{line.Value}' is not a whole number.");

    private static Instant ParseUtc(ContentLine line)
    {
        var value = line.Value.Trim();
        return value.EndsWith('Z') && IcsValues.TryParseLocal(value[..^1], out var local)
            ? local.InUtc().ToInstant()
            : throw new IcsFormatException(line.LineNumber, $"{line.Name} '{value}' is not a UTC date-time such as 20260301T120000Z.");
    }

    private static Duration? OptionalDuration(ContentLine? line)
    {
        if (line is null)
        {
            return null;
        }

        try
        {
            return IcsValues.ParseDuration(line.Value);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Uri? OptionalUri(ContentLine? line) =>
        line is not null && Uri.TryCreate(line.Value.Trim(), UriKind.Absolute, out var uri) ? uri : null;

    private static GeoPosition? Geo(ContentLine? line)
    {
        var parts = line?.Value.Split(';');
        if (parts is { Length: 2 }
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
            && latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180)
        {
            return new GeoPosition(latitude, longitude);
        }

        return null;
    }

    private enum TimeKind
    {
        Date,
        Floating,
        Utc,
        Zoned,
    }

    private readonly record struct ParsedTime(TimeKind Kind, LocalDateTime Local, DateTimeZone? Zone);

    private sealed class RawComponent(int lineNumber)
    {
        public int LineNumber { get; } = lineNumber;

        public List<ContentLine> Lines { get; } = [];

        public ContentLine? First(string name) => Lines.Find(l => l.Name == name);

        public IEnumerable<ContentLine> All(string name) => Lines.Where(l => l.Name == name);
    }

    /// <summary>Zone lookups for one file: tzdb ids, Windows names, and VTIMEZONEs that match the default zone.</summary>
    private sealed class ReadContext(DateTimeZone defaultZone)
    {
        private readonly Dictionary<string, HashSet<Offset>> _vTimeZoneOffsets = new(StringComparer.Ordinal);

        public DateTimeZone DefaultZone { get; } = defaultZone;

        public void AddVTimeZone(RawComponent component)
        {
            var tzid = component.First("TZID")?.Value.Trim();
            if (tzid is null)
            {
                return;
            }

            var offsets = new HashSet<Offset>();
            foreach (var line in component.All("TZOFFSETTO"))
            {
                try
                {
                    offsets.Add(IcsValues.ParseOffset(line.Value));
                }
                catch (FormatException)
                {
                    // A broken VTIMEZONE only matters if its TZID cannot be found otherwise; then we fail there.
                }
            }

            _vTimeZoneOffsets[tzid] = offsets;
        }

        public ParsedTime ParseDateTime(ContentLine line, string value)
        {
            value = value.Trim();
            var isDate = string.Equals(line.Parameter("VALUE"), "DATE", StringComparison.OrdinalIgnoreCase) || value.Length == 8;
            if (isDate)
            {
                return IcsValues.TryParseDate(value, out var date)
                    ? new ParsedTime(TimeKind.Date, date.AtMidnight(), null)
                    : throw new IcsFormatException(line.LineNumber, $"{line.Name} '{value}' is not a date such as 20260303.");
            }

            var utc = value.EndsWith('Z');
            if (!IcsValues.TryParseLocal(utc ? value[..^1] : value, out var local))
            {
                throw new IcsFormatException(line.LineNumber, $"{line.Name} '{value}' is not a date-time such as 20260303T093000.");
            }

            if (utc)
            {
                return new ParsedTime(TimeKind.Utc, local, DateTimeZone.Utc);
            }

            return line.Parameter("TZID") is { } tzid
                ? new ParsedTime(TimeKind.Zoned, local, FindZone(line, tzid))
                : new ParsedTime(TimeKind.Floating, local, null);
        }

        /// <summary>EXDATE, RDATE and RECURRENCE-ID values in the series' own local time; a date takes DTSTART's time.</summary>
        public static LocalDateTime ToSeriesLocal(ParsedTime time, DateTimeZone seriesZone, LocalTime startTime) => time.Kind switch
        {
            TimeKind.Date => time.Local.Date.At(startTime),
            TimeKind.Floating => time.Local,
            TimeKind.Zoned when time.Zone!.Id == seriesZone.Id => time.Local,
            TimeKind.Zoned => time.Local.InZoneLeniently(time.Zone!).WithZone(seriesZone).LocalDateTime,
            _ => time.Local.InUtc().WithZone(seriesZone).LocalDateTime,
        };

        public IEnumerable<LocalDateTime> ParseDateList(ContentLine line, DateTimeZone seriesZone, LocalTime startTime)
        {
            foreach (var part in line.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // RDATE;VALUE=PERIOD gives start/end or start/duration; the model keeps the start.
                var value = part.Split('/')[0];
                yield return ToSeriesLocal(ParseDateTime(line, value), seriesZone, startTime);
            }
        }

        private DateTimeZone FindZone(ContentLine line, string tzid)
        {
            var tzdb = DateTimeZoneProviders.Tzdb;
            if (tzdb.GetZoneOrNull(tzid) is { } zone)
            {
                return zone;
            }

            // Outlook writes Windows names ("W. Europe Standard Time").
            if (TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping.TryGetValue(tzid, out var mapped) && tzdb.GetZoneOrNull(mapped) is { } windows)
            {
                return windows;
            }

            // Some writers prefix tzdb ids ("/mozilla.org/20050126_1/Europe/Amsterdam").
            var slash = tzid.IndexOf('/', StringComparison.Ordinal);
            while (slash >= 0)
            {
                if (tzdb.GetZoneOrNull(tzid[(slash + 1)..]) is { } suffix)
                {
                    return suffix;
                }

                slash = tzid.IndexOf('/', slash + 1);
            }

            // A custom TZID whose VTIMEZONE has exactly the default zone's offsets ("(UTC+01:00) Amsterdam, …").
            if (_vTimeZoneOffsets.TryGetValue(tzid, out var offsets) && offsets.Count > 0 && offsets.SetEquals(DefaultZoneOffsets()))
            {
                return DefaultZone;
            }

            throw new IcsFormatException(line.LineNumber, $"TZID '{tzid}' is not a known time zone.");
        }

        private HashSet<Offset> DefaultZoneOffsets()
        {
            var now = Instant.FromUtc(2026, 1, 1, 0, 0);
            return [.. DefaultZone.GetZoneIntervals(now, now + Duration.FromDays(366)).Select(i => i.WallOffset)];
        }
    }
}
