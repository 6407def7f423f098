using System.Globalization;
using System.Text;
using NodaTime;

namespace Buurtplatform.Calendar.Ics;

/// <summary>
/// Writes iCalendar (RFC 5545, with RFC 7986's calendar properties) for subscription feeds and single-date
/// downloads. Output depends only on its input (never on the clock), so unchanged content gives
/// byte-identical files, which keeps ETags stable and calendar apps quiet.
/// </summary>
public static class IcsWriter
{
    /// <summary>Writes <paramref name="feed"/> as an .ics text with CRLF line ends.</summary>
    public static string Write(CalendarFeed feed, IcsWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(feed);
        options ??= new IcsWriterOptions();
        var plans = feed.Events.Select(e => Plan(e, options)).ToList();
        var output = new StringBuilder(1024 + (feed.Events.Count * 1024));
        var writer = new ContentLineWriter(output);

        WriteCalendarHeader(writer, feed.ProductId);
        if (feed.Name is { } name)
        {
            writer.TextProperty("NAME", name);
            writer.TextProperty("X-WR-CALNAME", name);
        }

        if (feed.Description is { } description)
        {
            writer.TextProperty("DESCRIPTION", description);
            writer.TextProperty("X-WR-CALDESC", description);
        }

        if (feed.RefreshInterval is { } refresh)
        {
            var duration = IcsValues.Duration(refresh);
            writer.Name("REFRESH-INTERVAL").Parameter("VALUE", "DURATION").Raw(duration);
            writer.Property("X-PUBLISHED-TTL", duration);
        }

        if (feed.Url is { } url)
        {
            writer.Name("URL").Parameter("VALUE", "URI").Raw(url.AbsoluteUri);
        }

        if (feed.LastModified is { } lastModified)
        {
            writer.Property("LAST-MODIFIED", IcsValues.Utc(lastModified));
        }

        var zones = plans.Select(p => p.Event.Series.Zone).Where(z => !IsUtc(z)).DistinctBy(z => z.Id).OrderBy(z => z.Id, StringComparer.Ordinal).ToList();
        if (zones.Count == 1)
        {
            // Google Calendar reads this as the calendar's own zone; harmless for the others.
            writer.Property("X-WR-TIMEZONE", zones[0].Id);
        }

        foreach (var zone in zones)
        {
            var years = plans.Where(p => p.Event.Series.Zone.Id == zone.Id).Select(p => p.Years).Aggregate((a, b) => (Math.Min(a.From, b.From), Math.Max(a.To, b.To)));
            VTimeZoneBuilder.Write(writer, zone, years.From - 1, years.To + 1);
        }

        foreach (var plan in plans)
        {
            if (plan.Separate is { } occurrences)
            {
                foreach (var occurrence in occurrences)
                {
                    WriteStandalone(writer, plan.Event, occurrence);
                }
            }
            else
            {
                WriteSeries(writer, plan);
            }
        }

        writer.Property("END", "VCALENDAR");
        return output.ToString();
    }

    public static void Write(CalendarFeed feed, TextWriter output, IcsWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Write(feed, options));
    }

    /// <summary>
    /// One date of a series as its own .ics (for "add this date to my calendar"): a standalone VEVENT with
    /// UID <see cref="OccurrenceUid"/>, at its moved time if moved, STATUS:CANCELLED if cancelled.
    /// </summary>
    /// <exception cref="ArgumentException">The series has no date with that original start.</exception>
    public static string WriteOccurrence(CalendarEvent calendarEvent, LocalDateTime originalStart, string productId = CalendarFeed.DefaultProductId)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        var occurrence = RecurrenceExpander.Find(calendarEvent.Series, originalStart)
            ?? throw new ArgumentException($"{calendarEvent.Uid} has no date starting at {originalStart:uuuu-MM-dd HH:mm}.", nameof(originalStart));
        var output = new StringBuilder(2048);
        var writer = new ContentLineWriter(output);
        WriteCalendarHeader(writer, productId);
        var zone = calendarEvent.Series.Zone;
        if (!IsUtc(zone))
        {
            var from = Math.Min(occurrence.Start.Year, originalStart.Year);
            VTimeZoneBuilder.Write(writer, zone, from - 1, Math.Max(occurrence.End.Year, originalStart.Year) + 1);
        }

        WriteStandalone(writer, calendarEvent, occurrence);
        writer.Property("END", "VCALENDAR");
        return output.ToString();
    }

    /// <summary>
    /// The UID of one date written on its own: <c>{seriesUid}-{yyyyMMddTHHmmss}</c> of its original start,
    /// so the same date always gets the same UID and a re-download updates instead of duplicating it.
    /// </summary>
    public static string OccurrenceUid(string seriesUid, LocalDateTime originalStart) => seriesUid + "-" + IcsValues.Local(originalStart);

    private static void WriteCalendarHeader(ContentLineWriter writer, string productId)
    {
        // METHOD is left out on purpose: without it RFC 5545 defines DTSTAMP as the time the event was last
        // revised, which is the value we write; METHOD:PUBLISH would make it the time the file was made.
        writer.Property("BEGIN", "VCALENDAR");
        writer.TextProperty("PRODID", productId);
        writer.Property("VERSION", "2.0");
        writer.Property("CALSCALE", "GREGORIAN");
    }

    private static EventPlan Plan(CalendarEvent calendarEvent, IcsWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        ValidateUid(calendarEvent.Uid);
        var series = calendarEvent.Series;
        series.Rule?.ThrowIfInvalid();
        if (options.OutlookFallbackWindow is { } window && (calendarEvent.SeparateDatesForOutlook ?? !OutlookCompatibility.IsOutlookSafe(series)))
        {
            var occurrences = RecurrenceExpander.Expand(series, window).ToList();
            var separateYears = occurrences.Count == 0
                ? (series.Start.Year, series.Start.Year)
                : (occurrences.Min(o => o.Start.Year), occurrences.Max(o => o.End.Year));
            return new EventPlan(calendarEvent, occurrences, [], [], [], separateYears);
        }

        // Skip periods have no iCalendar form: the dates they remove become EXDATEs. They are finite, so even
        // an endless rule yields a finite list.
        var skip = series.SkipPeriodArray;
        var exDates = new SortedSet<LocalDateTime>(series.ExDates);
        foreach (var period in skip)
        {
            foreach (var start in RecurrenceExpander.RuleStarts(series, period.Start.AtMidnight(), period.End.At(LocalTime.MaxValue)))
            {
                exDates.Add(start);
            }
        }

        var rDates = series.RDates.Where(d => !RecurrenceExpander.InSkipPeriod(skip, d.Date)).Order().ToList();

        // An override for a date the series does not have would show up as a stray event in some apps.
        var overrides = series.Overrides.Where(o => RecurrenceExpander.IsInstance(series, o.OriginalStart)).OrderBy(o => o.OriginalStart).ToList();

        var from = series.Start.Year;
        var to = (series.Start.InZoneLeniently(series.Zone) + series.Duration).Year;
        foreach (var date in exDates.Concat(rDates))
        {
            (from, to) = (Math.Min(from, date.Year), Math.Max(to, date.Year));
        }

        foreach (var change in overrides)
        {
            from = Math.Min(from, change.NewStart?.Year ?? from);
            to = Math.Max(to, Math.Max(change.OriginalStart.Year, change.NewEnd?.Year ?? to));
        }

        if (series.Rule?.Until is { } until)
        {
            to = Math.Max(to, until.Value.Year);
        }

        return new EventPlan(calendarEvent, null, [.. exDates], rDates, overrides, (from, to));
    }

    private static void WriteSeries(ContentLineWriter writer, EventPlan plan)
    {
        var calendarEvent = plan.Event;
        var series = calendarEvent.Series;
        var zone = series.Zone;
        var start = series.Start.InZoneLeniently(zone);

        writer.Property("BEGIN", "VEVENT");
        WriteIdentity(writer, calendarEvent.Uid, calendarEvent.LastModified);
        WriteDateTime(writer, "DTSTART", series.Start, zone);
        WriteEnd(writer, series.Start, start.ToInstant(), start.Plus(series.Duration).ToInstant(), zone);
        if (series.Rule is { } rule)
        {
            // RFC 5545: with a TZID (or UTC) DTSTART, UNTIL must be UTC.
            var untilText = rule.Until is { } until ? IcsValues.Utc(EndOfLastDay(until, series.Start.TimeOfDay, zone)) : null;
            writer.Property("RRULE", rule.Format(untilText));
        }

        foreach (var exDate in plan.ExDates)
        {
            WriteDateTime(writer, "EXDATE", exDate, zone);
        }

        foreach (var rDate in plan.RDates)
        {
            WriteDateTime(writer, "RDATE", rDate, zone);
        }

        WriteDetails(writer, calendarEvent, calendarEvent.Description);
        WriteStatus(writer, calendarEvent.Sequence, calendarEvent.Status);
        writer.Property("END", "VEVENT");

        foreach (var change in plan.Overrides)
        {
            writer.Property("BEGIN", "VEVENT");
            WriteIdentity(writer, calendarEvent.Uid, calendarEvent.LastModified);
            WriteDateTime(writer, "RECURRENCE-ID", change.OriginalStart, zone);
            if (change.Status == OccurrenceStatus.Moved)
            {
                WriteDateTime(writer, "DTSTART", change.NewStart!.Value, zone);
                WriteEnd(writer, change.NewStart!.Value, change.NewStart!.Value.InZoneLeniently(zone).ToInstant(), change.NewEnd!.Value.InZoneLeniently(zone).ToInstant(), zone);
                WriteDetails(writer, calendarEvent, change.Reason ?? calendarEvent.Description);
                WriteStatus(writer, calendarEvent.Sequence, calendarEvent.Status);
            }
            else
            {
                WriteDateTime(writer, "DTSTART", change.OriginalStart, zone);
                var originalStart = change.OriginalStart.InZoneLeniently(zone).ToInstant();
                WriteEnd(writer, change.OriginalStart, originalStart, originalStart + series.Duration, zone);

                // The reason is what parents need to read here; the activity's own description is on its page.
                WriteDetails(writer, calendarEvent, change.Reason);
                WriteStatus(writer, calendarEvent.Sequence, EventStatus.Cancelled);
            }

            writer.Property("END", "VEVENT");
        }
    }

    private static void WriteStandalone(ContentLineWriter writer, CalendarEvent calendarEvent, Occurrence occurrence)
    {
        var zone = calendarEvent.Series.Zone;
        writer.Property("BEGIN", "VEVENT");
        WriteIdentity(writer, OccurrenceUid(calendarEvent.Uid, occurrence.OriginalStart), calendarEvent.LastModified);
        var start = occurrence.Status == OccurrenceStatus.Moved ? occurrence.Start.LocalDateTime : occurrence.OriginalStart;
        WriteDateTime(writer, "DTSTART", start, zone);
        WriteEnd(writer, start, occurrence.Start.ToInstant(), occurrence.End.ToInstant(), zone);
        var cancelled = occurrence.Status == OccurrenceStatus.Cancelled;
        WriteDetails(writer, calendarEvent, occurrence.Reason ?? (cancelled ? null : calendarEvent.Description));
        WriteStatus(writer, calendarEvent.Sequence, cancelled ? EventStatus.Cancelled : calendarEvent.Status);
        writer.Property("END", "VEVENT");
    }

    private static void WriteIdentity(ContentLineWriter writer, string uid, Instant lastModified)
    {
        writer.TextProperty("UID", uid);
        writer.Property("DTSTAMP", IcsValues.Utc(lastModified));
    }

    private static void WriteDetails(ContentLineWriter writer, CalendarEvent calendarEvent, string? description)
    {
        writer.TextProperty("SUMMARY", calendarEvent.Summary);
        if (!string.IsNullOrEmpty(description))
        {
            writer.TextProperty("DESCRIPTION", description);
        }

        if (!string.IsNullOrEmpty(calendarEvent.Location))
        {
            writer.TextProperty("LOCATION", calendarEvent.Location);
        }

        if (calendarEvent.Geo is { } geo)
        {
            writer.Property("GEO", string.Create(CultureInfo.InvariantCulture, $"{geo.Latitude:0.######};{geo.Longitude:0.######}"));
        }

        if (calendarEvent.Url is { } url)
        {
            writer.Property("URL", url.AbsoluteUri);
        }

        if (calendarEvent.Categories.Count > 0)
        {
            writer.Name("CATEGORIES").TextList(calendarEvent.Categories);
        }
    }

    private static void WriteStatus(ContentLineWriter writer, int sequence, EventStatus status)
    {
        writer.Property("SEQUENCE", sequence.ToString(CultureInfo.InvariantCulture));
        writer.Property("STATUS", status switch
        {
            EventStatus.Tentative => "TENTATIVE",
            EventStatus.Cancelled => "CANCELLED",
            _ => "CONFIRMED",
        });
    }

    private static void WriteDateTime(ContentLineWriter writer, string name, LocalDateTime local, DateTimeZone zone)
    {
        if (IsUtc(zone))
        {
            writer.Property(name, IcsValues.Local(local) + "Z");
        }
        else
        {
            writer.Name(name).Parameter("TZID", zone.Id).Raw(IcsValues.Local(local));
        }
    }

    /// <summary>
    /// The end of an event that starts at local <paramref name="localStart"/> (the instant <paramref name="start"/>):
    /// DTEND in the same form as DTSTART, or DURATION when the start or the end is not a unique local time. In the
    /// repeated autumn hour a local time happens twice: RFC 5545 reads it as the first, some clients (ical.js) as
    /// the second, so 02:30–03:15 summer time written as DTEND 02:15 would end before it starts for all of them
    /// (khal then drops the whole feed). A DURATION ends the event its own length after wherever a client puts its start.
    /// </summary>
    private static void WriteEnd(ContentLineWriter writer, LocalDateTime localStart, Instant start, Instant end, DateTimeZone zone)
    {
        var localEnd = end.InZone(zone).LocalDateTime;
        if (IsUtc(zone) || (zone.MapLocal(localStart).Count == 1 && zone.MapLocal(localEnd).Count == 1))
        {
            WriteDateTime(writer, "DTEND", localEnd, zone);
        }
        else
        {
            writer.Property("DURATION", IcsValues.ExactDuration(end - start));
        }
    }

    /// <summary>
    /// UNTIL as the end (23:59:59) of the last local date the rule may still use. RFC 5545 suggests the last
    /// occurrence itself, but clients that compare it with a start they computed slightly differently (another
    /// zone database, a floating time) then drop that last date. A rule has at most one date a day (BYHOUR and
    /// the like are not supported), so the end of that day adds none.
    /// </summary>
    private static Instant EndOfLastDay(RecurrenceUntil until, LocalTime timeOfDay, DateTimeZone zone)
    {
        LocalDate lastDay;
        switch (until.Kind)
        {
            case UntilKind.Date:
                lastDay = until.Value.Date;
                break;
            case UntilKind.LocalDateTime:
                // Compared as local times, as the expander does: that day's date counts when it starts by UNTIL.
                lastDay = timeOfDay <= until.Value.TimeOfDay ? until.Value.Date : until.Value.Date.PlusDays(-1);
                break;
            default:
                var instant = until.ToInstant(zone, timeOfDay);
                var day = instant.InZone(zone).Date;
                lastDay = day.At(timeOfDay).InZoneLeniently(zone).ToInstant() <= instant ? day : day.PlusDays(-1);
                break;
        }

        return lastDay.PlusDays(1).AtStartOfDayInZone(zone).ToInstant() - Duration.FromSeconds(1);
    }

    internal static bool IsUtc(DateTimeZone zone) => zone.Id is "UTC" or "Etc/UTC" or "Etc/GMT" or "GMT" || zone == DateTimeZone.Utc;

    private static void ValidateUid(string uid)
    {
        if (string.IsNullOrWhiteSpace(uid) || uid.Any(char.IsControl))
        {
            throw new ArgumentException($"UID '{uid}' must be non-empty text without control characters.", nameof(uid));
        }
    }

    private sealed record EventPlan(
        CalendarEvent Event,
        List<Occurrence>? Separate,
        IReadOnlyList<LocalDateTime> ExDates,
        IReadOnlyList<LocalDateTime> RDates,
        IReadOnlyList<OccurrenceOverride> Overrides,
        (int From, int To) Years);
}
