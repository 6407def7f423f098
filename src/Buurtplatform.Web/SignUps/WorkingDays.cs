namespace Buurtplatform.Web.SignUps;

/// <summary>
/// Working days for the "follow up within two working days" mark: Monday to Friday, without the Dutch
/// public holidays most collective agreements give off. Computed, not listed, so it never runs out.
/// </summary>
/// <remarks>
/// Counted: New Year's Day, Easter Monday, King's Day (27 April, or 26 April when the 27th is a Sunday),
/// Liberation Day (5 May, in lustrum years 2025, 2030 … unless <see cref="SignUpOptions.LiberationDayEveryYear"/>),
/// Ascension Day, Whit Monday, Christmas Day and Boxing Day. Good Friday is not a general day off and is
/// a working day here. Easter Sunday and Whit Sunday fall on Sundays anyway.
/// </remarks>
public static class WorkingDays
{
    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The public holidays of <paramref name="year"/> that count as days off.</summary>
    public static IEnumerable<DateOnly> Holidays(int year, bool liberationDayEveryYear = false)
    {
        var easter = EasterSunday(year);
        yield return new DateOnly(year, 1, 1);
        yield return easter.AddDays(1);
        var kingsDay = new DateOnly(year, 4, 27);
        yield return kingsDay.DayOfWeek == DayOfWeek.Sunday ? kingsDay.AddDays(-1) : kingsDay;
        if (liberationDayEveryYear || year % 5 == 0)
            yield return new DateOnly(year, 5, 5);
        yield return easter.AddDays(39);
        yield return easter.AddDays(50);
        yield return new DateOnly(year, 12, 25);
        yield return new DateOnly(year, 12, 26);
    }

    public static bool IsWorkingDay(DateOnly date, bool liberationDayEveryYear = false) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays(date.Year, liberationDayEveryYear).Contains(date);

    /// <summary>The <paramref name="days"/>th working day after <paramref name="from"/> (from itself does not count).</summary>
    public static DateOnly Add(DateOnly from, int days, bool liberationDayEveryYear = false)
    {
        var d = from;
        for (var left = days; left > 0;)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d, liberationDayEveryYear))
                left--;
        }

        return d;
    }
}
