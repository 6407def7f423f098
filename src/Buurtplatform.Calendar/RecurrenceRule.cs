using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using NodaTime;

namespace Buurtplatform.Calendar;

/// <summary>
/// An RFC 5545 recurrence rule (RRULE) limited to what the site needs: FREQ DAILY/WEEKLY/MONTHLY/YEARLY
/// with INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS and WKST. Immutable; list values are
/// copied on the way in. <see cref="Parse"/> rejects rule parts it cannot expand (BYHOUR, BYWEEKNO …)
/// instead of ignoring them, because ignoring them would silently show wrong dates.
/// </summary>
public sealed record RecurrenceRule
{
    private readonly int _interval = 1;
    private readonly int? _count;
    private readonly WeekdayNum[] _byDay = [];
    private readonly int[] _byMonthDay = [];
    private readonly int[] _byMonth = [];
    private readonly int[] _bySetPosition = [];

    public RecurrenceRule(RecurrenceFrequency frequency) => Frequency = frequency;

    public RecurrenceFrequency Frequency { get; init; }

    public int Interval
    {
        get => _interval;
        init => _interval = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Interval), value, "INTERVAL must be 1 or more.");
    }

    /// <summary>
    /// The number of occurrences the rule generates, DTSTART included. EXDATEs, skip periods and
    /// cancellations are applied afterwards (RFC 5545), so COUNT=6 with one EXDATE leaves 5 dates.
    /// </summary>
    public int? Count
    {
        get => _count;
        init => _count = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Count), value, "COUNT must be 1 or more.");
    }

    /// <summary>The inclusive end (RFC 5545: an occurrence exactly at UNTIL is included).</summary>
    public RecurrenceUntil? Until { get; init; }

    public IReadOnlyList<WeekdayNum> ByDay
    {
        get => _byDay;
        init => _byDay = [.. value];
    }

    /// <summary>Days of the month, 1..31 or -31..-1 (-1 is the last day). Days a month lacks are skipped, not clamped.</summary>
    public IReadOnlyList<int> ByMonthDay
    {
        get => _byMonthDay;
        init => _byMonthDay = Checked(value, v => v is >= -31 and <= 31 and not 0, nameof(ByMonthDay), "BYMONTHDAY values must be 1..31 or -31..-1.");
    }

    public IReadOnlyList<int> ByMonth
    {
        get => _byMonth;
        init => _byMonth = Checked(value, v => v is >= 1 and <= 12, nameof(ByMonth), "BYMONTH values must be 1..12.");
    }

    /// <summary>Positions within the set of each period (1 = first, -1 = last), applied after the other BY parts.</summary>
    public IReadOnlyList<int> BySetPosition
    {
        get => _bySetPosition;
        init => _bySetPosition = Checked(value, v => v is >= -366 and <= 366 and not 0, nameof(BySetPosition), "BYSETPOS values must be 1..366 or -366..-1.");
    }

    /// <summary>The first day of the week; it matters for WEEKLY rules with INTERVAL above 1 and several BYDAY values.</summary>
    public IsoDayOfWeek WeekStart { get; init; } = IsoDayOfWeek.Monday;

    /// <summary>Parses RRULE text such as <c>FREQ=MONTHLY;BYDAY=-1FR</c>; an optional <c>RRULE:</c> prefix is accepted.</summary>
    /// <exception cref="FormatException">The text is not a valid rule or uses a part this library does not expand.</exception>
    public static RecurrenceRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.Trim();
        if (body.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            body = body[6..];
        }

        RecurrenceFrequency? frequency = null;
        var interval = 1;
        int? count = null;
        RecurrenceUntil? until = null;
        WeekdayNum[] byDay = [];
        int[] byMonthDay = [], byMonth = [], bySetPosition = [];
        var weekStart = IsoDayOfWeek.Monday;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var part in body.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0 || equals == part.Length - 1)
            {
                throw new FormatException($"'{part}' is not a NAME=VALUE rule part.");
            }

            var name = part[..equals].Trim().ToUpperInvariant();
            var value = part[(equals + 1)..].Trim().ToUpperInvariant();
            if (!seen.Add(name))
            {
                throw new FormatException($"{name} appears more than once.");
            }

            switch (name)
            {
                case "FREQ":
                    frequency = value switch
                    {
                        "DAILY" => RecurrenceFrequency.Daily,
                        "WEEKLY" => RecurrenceFrequency.Weekly,
                        "MONTHLY" => RecurrenceFrequency.Monthly,
                        "YEARLY" => RecurrenceFrequency.Yearly,
                        "HOURLY" or "MINUTELY" or "SECONDLY" => throw new FormatException($"FREQ={value} is not supported."),
                        _ => throw new FormatException($"FREQ={value} is not a frequency."),
                    };
                    break;
                case "INTERVAL":
                    interval = ParseInt(name, value, 1, int.MaxValue);
                    break;
                case "COUNT":
                    count = ParseInt(name, value, 1, int.MaxValue);
                    break;
                case "UNTIL":
                    until = RecurrenceUntil.Parse(value);
                    break;
                case "BYDAY":
                    byDay = [.. value.Split(',').Select(v => WeekdayNum.Parse(v.Trim()))];
                    break;
                case "BYMONTHDAY":
                    byMonthDay = ParseInts(name, value, -31, 31);
                    break;
                case "BYMONTH":
                    byMonth = ParseInts(name, value, 1, 12);
                    break;
                case "BYSETPOS":
                    bySetPosition = ParseInts(name, value, -366, 366);
                    break;
                case "WKST":
                    weekStart = WeekdayNum.TryParseCode(value, out var day) ? day : throw new FormatException($"WKST={value} is not a weekday.");
                    break;
                case "BYHOUR" or "BYMINUTE" or "BYSECOND" or "BYYEARDAY" or "BYWEEKNO" or "RSCALE" or "SKIP":
                    throw new FormatException($"{name} is not supported.");
                default:
                    // RFC 5545 allows x-name parts; they carry nothing we could act on.
                    if (!name.StartsWith("X-", StringComparison.Ordinal))
                    {
                        throw new FormatException($"{name} is not a rule part.");
                    }

                    break;
            }
        }

        if (frequency is null)
        {
            throw new FormatException("FREQ is missing.");
        }

        var rule = new RecurrenceRule(frequency.Value)
        {
            Interval = interval,
            Count = count,
            Until = until,
            ByDay = byDay,
            ByMonthDay = byMonthDay,
            ByMonth = byMonth,
            BySetPosition = bySetPosition,
            WeekStart = weekStart,
        };
        var problem = rule.FindProblem();
        return problem is null ? rule : throw new FormatException(problem);
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out RecurrenceRule? rule)
    {
        try
        {
            rule = text is null ? null : Parse(text);
        }
        catch (FormatException)
        {
            rule = null;
        }

        return rule is not null;
    }

    /// <summary>
    /// Canonical RRULE text without the <c>RRULE:</c> prefix: FREQ first (some old clients insist),
    /// then UNTIL or COUNT, INTERVAL (left out when 1), BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS and WKST
    /// (left out when MO, the default). List values keep their given order.
    /// </summary>
    public override string ToString() => Format(Until?.ToString());

    internal string Format(string? untilText)
    {
        var text = new StringBuilder("FREQ=").Append(Frequency.ToString().ToUpperInvariant());
        if (untilText is not null)
        {
            text.Append(";UNTIL=").Append(untilText);
        }

        if (Count is { } count)
        {
            text.Append(";COUNT=").Append(count.ToString(CultureInfo.InvariantCulture));
        }

        if (Interval != 1)
        {
            text.Append(";INTERVAL=").Append(Interval.ToString(CultureInfo.InvariantCulture));
        }

        AppendList(text, "BYMONTH", _byMonth);
        AppendList(text, "BYMONTHDAY", _byMonthDay);
        if (_byDay.Length > 0)
        {
            text.Append(";BYDAY=").AppendJoin(',', _byDay);
        }

        AppendList(text, "BYSETPOS", _bySetPosition);
        if (WeekStart != IsoDayOfWeek.Monday)
        {
            text.Append(";WKST=").Append(WeekdayNum.Code(WeekStart));
        }

        return text.ToString();
    }

    public bool Equals(RecurrenceRule? other) =>
        other is not null
        && Frequency == other.Frequency
        && Interval == other.Interval
        && Count == other.Count
        && Until == other.Until
        && WeekStart == other.WeekStart
        && _byDay.AsSpan().SequenceEqual(other._byDay)
        && _byMonthDay.AsSpan().SequenceEqual(other._byMonthDay)
        && _byMonth.AsSpan().SequenceEqual(other._byMonth)
        && _bySetPosition.AsSpan().SequenceEqual(other._bySetPosition);

    public override int GetHashCode() => HashCode.Combine(Frequency, Interval, Count, Until, WeekStart, _byDay.Length, _byMonthDay.Length);

    /// <summary>Combinations RFC 5545 forbids, which the property setters cannot see one at a time.</summary>
    internal string? FindProblem()
    {
        if (Count is not null && Until is not null)
        {
            return "COUNT and UNTIL must not both be present.";
        }

        if (Frequency is RecurrenceFrequency.Daily or RecurrenceFrequency.Weekly && _byDay.Any(d => d.Ordinal != 0))
        {
            return "BYDAY with an ordinal (such as 1MO) needs FREQ=MONTHLY or FREQ=YEARLY.";
        }

        if (Frequency == RecurrenceFrequency.Weekly && _byMonthDay.Length > 0)
        {
            return "BYMONTHDAY must not be used with FREQ=WEEKLY.";
        }

        if (Frequency == RecurrenceFrequency.Monthly && _byDay.Any(d => d.Ordinal is > 5 or < -5))
        {
            return "In a MONTHLY rule a BYDAY ordinal must be between -5 and 5.";
        }

        if (_bySetPosition.Length > 0 && _byDay.Length == 0 && _byMonthDay.Length == 0 && _byMonth.Length == 0)
        {
            return "BYSETPOS needs another BYxxx rule part.";
        }

        return null;
    }

    internal void ThrowIfInvalid()
    {
        if (FindProblem() is { } problem)
        {
            throw new ArgumentException($"Recurrence rule '{this}' is invalid: {problem}");
        }
    }

    private static void AppendList(StringBuilder text, string name, int[] values)
    {
        if (values.Length > 0)
        {
            text.Append(';').Append(name).Append('=');
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                text.Append(values[i].ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static int[] Checked(IReadOnlyList<int> values, Func<int, bool> valid, string property, string message)
    {
        int[] copy = [.. values];
        return copy.All(valid) ? copy : throw new ArgumentOutOfRangeException(property, message);
    }

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max && number != 0
            ? number
            : throw new FormatException($"{name}={value} is not a number in {min}..{max}.");

    private static int[] ParseInts(string name, string value, int min, int max) =>
        [.. value.Split(',').Select(v => ParseInt(name, v.Trim(), min, max))];
}
