using Buurtplatform.Calendar;
using NodaTime;
using NodaTime.Text;

namespace Buurtplatform.Tests.Calendar;

/// <summary>Short builders so that each test reads as its dates.</summary>
internal static class CalendarTestData
{
    private static readonly LocalDateTimePattern Minutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");

    public static DateTimeZone Amsterdam => SiteZone.Zone;

    /// <summary>"2026-10-20 09:30" as a local date and time.</summary>
    public static LocalDateTime L(string text) => Minutes.Parse(text).GetValueOrThrow();

    public static LocalDate D(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    public static Instant Utc(string text) => InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow();

    /// <summary>From the start of one Amsterdam date to the start of another.</summary>
    public static Interval Days(string from, string to) =>
        new(D(from).AtStartOfDayInZone(Amsterdam).ToInstant(), D(to).AtStartOfDayInZone(Amsterdam).ToInstant());

    public static EventSeries Series(string start, string? rule, int minutes = 90) => new()
    {
        Start = L(start),
        Duration = Duration.FromMinutes(minutes),
        Zone = Amsterdam,
        Rule = rule is null ? null : RecurrenceRule.Parse(rule),
    };

    public static List<Occurrence> Expand(EventSeries series, Interval window) => [.. RecurrenceExpander.Expand(series, window)];

    /// <summary>Local starts as "yyyy-MM-dd HH:mm".</summary>
    public static string[] LocalStarts(IEnumerable<Occurrence> occurrences) => [.. occurrences.Select(o => Minutes.Format(o.Start.LocalDateTime))];

    public static string[] LocalDates(IEnumerable<Occurrence> occurrences) => [.. occurrences.Select(o => LocalDatePattern.Iso.Format(o.Start.Date))];

    /// <summary>UTC starts as "yyyy-MM-ddTHH:mm:ssZ".</summary>
    public static string[] UtcStarts(IEnumerable<Occurrence> occurrences) => [.. occurrences.Select(o => InstantPattern.ExtendedIso.Format(o.Start.ToInstant()))];

    public static string Format(LocalDateTime local) => Minutes.Format(local);
}
