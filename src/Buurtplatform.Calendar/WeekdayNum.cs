using System.Globalization;
using NodaTime;

namespace Buurtplatform.Calendar;

/// <summary>
/// One BYDAY entry of a recurrence rule: a weekday with an optional ordinal.
/// <c>TU</c> is every Tuesday (ordinal 0), <c>1MO</c> the first Monday, <c>-1FR</c> the last Friday
/// of the month (MONTHLY, or YEARLY with BYMONTH) or of the year (YEARLY without BYMONTH).
/// </summary>
public readonly record struct WeekdayNum
{
    public WeekdayNum(IsoDayOfWeek day, int ordinal = 0)
    {
        if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "A weekday is needed.");
        }

        // RFC 5545: ordwk = 1*2DIGIT ;1 to 53, optionally negative.
        if (ordinal is < -53 or > 53)
        {
            throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, "The ordinal must be between -53 and 53.");
        }

        Day = day;
        Ordinal = ordinal;
    }

    public IsoDayOfWeek Day { get; }

    /// <summary>0 for every such weekday; 1..53 counts from the start, -1..-53 from the end.</summary>
    public int Ordinal { get; }

    public static WeekdayNum Every(IsoDayOfWeek day) => new(day);

    public static WeekdayNum Nth(int ordinal, IsoDayOfWeek day) =>
        ordinal == 0 ? throw new ArgumentOutOfRangeException(nameof(ordinal), "Use Every for ordinal 0.") : new(day, ordinal);

    public static WeekdayNum Last(IsoDayOfWeek day) => new(day, -1);

    public override string ToString() =>
        Ordinal == 0 ? Code(Day) : Ordinal.ToString(CultureInfo.InvariantCulture) + Code(Day);

    internal static string Code(IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => "MO",
        IsoDayOfWeek.Tuesday => "TU",
        IsoDayOfWeek.Wednesday => "WE",
        IsoDayOfWeek.Thursday => "TH",
        IsoDayOfWeek.Friday => "FR",
        IsoDayOfWeek.Saturday => "SA",
        IsoDayOfWeek.Sunday => "SU",
        _ => throw new ArgumentOutOfRangeException(nameof(day)),
    };

    internal static bool TryParseCode(ReadOnlySpan<char> code, out IsoDayOfWeek day)
    {
        day = code switch
        {
            "MO" => IsoDayOfWeek.Monday,
            "TU" => IsoDayOfWeek.Tuesday,
            "WE" => IsoDayOfWeek.Wednesday,
            "TH" => IsoDayOfWeek.Thursday,
            "FR" => IsoDayOfWeek.Friday,
            "SA" => IsoDayOfWeek.Saturday,
            "SU" => IsoDayOfWeek.Sunday,
            _ => IsoDayOfWeek.None,
        };
        return day != IsoDayOfWeek.None;
    }

    internal static WeekdayNum Parse(ReadOnlySpan<char> text)
    {
        if (text.Length < 2 || !TryParseCode(text[^2..], out var day))
        {
            throw new FormatException($"'{text}' is not a BYDAY value such as MO, 1MO or -1FR.");
        }

        var ordinalText = text[..^2];
        if (ordinalText.IsEmpty)
        {
            return new WeekdayNum(day);
        }

        if (!int.TryParse(ordinalText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ordinal)
            || ordinal is 0 or < -53 or > 53)
        {
            throw new FormatException($"'{text}' has an ordinal outside -53..-1 and 1..53.");
        }

        return new WeekdayNum(day, ordinal);
    }
}
