using NodaTime;

namespace Buurtplatform.Web.Posters;

/// <summary>An ISO 8601 week, written as in <c>?week=2026-W50</c>: Monday to Sunday, the way Dutch calendars count weeks.</summary>
public readonly record struct PosterWeek(int Year, int Number)
{
    public LocalDate Monday => LocalDate.FromDateTime(ISOWeek.ToDateTime(Year, Number, DayOfWeek.Monday));

    public LocalDate Sunday => Monday.PlusDays(6);

    public PosterWeek Next => Of(Monday.PlusWeeks(1));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-W{Number:00}");

    public static PosterWeek Of(LocalDate date)
    {
        var d = date.ToDateTimeUnspecified();
        return new PosterWeek(ISOWeek.GetYear(d), ISOWeek.GetWeekOfYear(d));
    }

    /// <summary>Reads "2026-W50" (also "2026-w50"); false for anything else, a week 53 in a year without one included.</summary>
    public static bool TryParse(string? text, out PosterWeek week)
    {
        week = default;
        if (text is not { Length: 8 } || text[4] != '-' || text[5] is not ('W' or 'w'))
            return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        if (year is < 2000 or > 2100 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
            return false;
        week = new PosterWeek(year, number);
        return true;
    }
}
