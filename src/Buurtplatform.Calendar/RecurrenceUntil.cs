using NodaTime;
using NodaTime.Text;

namespace Buurtplatform.Calendar;

/// <summary>How an UNTIL value was written.</summary>
public enum UntilKind
{
    /// <summary>A date: occurrences on that local date are still included.</summary>
    Date,

    /// <summary>A local date and time in the series' zone (written as UTC when the series has a TZID).</summary>
    LocalDateTime,

    /// <summary>A UTC instant, as RFC 5545 requires in a feed whose DTSTART has a TZID.</summary>
    Utc,
}

/// <summary>
/// The inclusive end of a recurrence rule (RFC 5545 UNTIL). Kept in the form it was given so that
/// <see cref="RecurrenceRule.Parse"/> and <see cref="RecurrenceRule.ToString"/> round-trip; the
/// writer converts the date and local forms to UTC, because RFC 5545 requires UTC when DTSTART has a TZID.
/// </summary>
public readonly record struct RecurrenceUntil
{
    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    private RecurrenceUntil(UntilKind kind, LocalDateTime value)
    {
        Kind = kind;
        Value = value;
    }

    public UntilKind Kind { get; }

    /// <summary>The date at midnight (Date), the local date and time (LocalDateTime) or the UTC wall time (Utc).</summary>
    public LocalDateTime Value { get; }

    public static RecurrenceUntil OnDate(LocalDate date) => new(UntilKind.Date, date.AtMidnight());

    public static RecurrenceUntil AtLocal(LocalDateTime local) => new(UntilKind.LocalDateTime, local);

    public static RecurrenceUntil AtInstant(Instant instant) => new(UntilKind.Utc, instant.InUtc().LocalDateTime);

    /// <summary>
    /// The instant of the last allowed occurrence of a series that starts each time at
    /// <paramref name="timeOfDay"/> in <paramref name="zone"/>. A date becomes that date at the series'
    /// time of day, so the UTC form names the last occurrence itself, as RFC 5545 suggests.
    /// </summary>
    public Instant ToInstant(DateTimeZone zone, LocalTime timeOfDay) => Kind switch
    {
        UntilKind.Utc => Value.InUtc().ToInstant(),
        UntilKind.Date => Value.Date.At(timeOfDay).InZoneLeniently(zone).ToInstant(),
        _ => Value.InZoneLeniently(zone).ToInstant(),
    };

    /// <summary>The RRULE form: <c>20261231</c>, <c>20261231T093000</c> or <c>20261231T083000Z</c>.</summary>
    public override string ToString() => Kind switch
    {
        UntilKind.Date => DatePattern.Format(Value.Date),
        UntilKind.LocalDateTime => LocalPattern.Format(Value),
        _ => LocalPattern.Format(Value) + "Z",
    };

    internal static RecurrenceUntil Parse(string text)
    {
        if (text.Length == 8)
        {
            var date = DatePattern.Parse(text);
            return date.Success ? OnDate(date.Value) : throw new FormatException($"UNTIL '{text}' is not a date (yyyyMMdd).");
        }

        var utc = text.EndsWith('Z');
        var local = LocalPattern.Parse(utc ? text[..^1] : text);
        if (!local.Success)
        {
            throw new FormatException($"UNTIL '{text}' is not a date (yyyyMMdd) or date-time (yyyyMMddTHHmmss[Z]).");
        }

        return utc ? new RecurrenceUntil(UntilKind.Utc, local.Value) : AtLocal(local.Value);
    }
}
