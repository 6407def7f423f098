using NodaTime;

namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// Dates and times as parents read them: "dinsdag 3 maart, 9.30–11.00 uur". Day and month names come
/// from the request culture; the patterns come from the resource files, so other languages can order
/// them their own way. A date in another year than today's (in Amsterdam) carries its year.
/// </summary>
public sealed class DateText(IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    private static CultureInfo Culture => CultureInfo.CurrentUICulture;

    private int ThisYear => InAmsterdam(clock.GetUtcNow().UtcDateTime).Year;

    /// <summary>A moment stored in UTC as the wall-clock time in Amsterdam (kind Unspecified).</summary>
    public static DateTime InAmsterdam(DateTime utc) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(Buurtplatform.Calendar.SiteZone.Zone).ToDateTimeUnspecified();

    /// <summary>"dinsdag 3 maart", or "dinsdag 5 januari 2027" when it is not this year.</summary>
    public string Day(LocalDate date) =>
        string.Format(Culture, t[date.Year == ThisYear ? "Format.Date" : "Format.DateWithYear"], date.ToDateTimeUnspecified());

    public string Time(LocalTime time) => string.Format(Culture, t["Format.Time"], time.Hour, time.Minute);

    public string Time(TimeOnly time) => string.Format(Culture, t["Format.Time"], time.Hour, time.Minute);

    public string TimeRange(LocalTime start, LocalTime end) => string.Format(Culture, t["Format.TimeRange"], Time(start), Time(end));

    public string TimeRange(TimeOnly start, TimeOnly end) => string.Format(Culture, t["Format.TimeRange"], Time(start), Time(end));

    /// <summary>"dinsdag 3 maart, 9.30–11.00 uur".</summary>
    public string DateTimeRange(LocalDate date, LocalTime start, LocalTime end) =>
        string.Format(Culture, t["Format.DateTimeRange"], Day(date), TimeRange(start, end));

    /// <summary>"6 keer, vanaf donderdag 7 januari, 9.30–11.00 uur": a series of dates, from its first.</summary>
    public string Series(int times, LocalDate first, LocalTime start, LocalTime end) =>
        string.Format(Culture, t["Format.Series"], times, DateTimeRange(first, start, end));

    public string DayName(DayOfWeek day) => Culture.DateTimeFormat.GetDayName(day);

    public string LongDate(DateOnly date) => string.Format(Culture, t["Format.LongDate"], date.ToDateTime(TimeOnly.MinValue));

    /// <summary>A moment stored in UTC, shown in Amsterdam time for staff: "23-11-2026 9.05 uur" (audit log, last sign-in).</summary>
    public string Timestamp(DateTime utc)
    {
        return string.Format(Culture, t["Format.Timestamp"], InAmsterdam(utc));
    }
}
