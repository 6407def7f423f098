using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Calendar;

/// <summary>
/// The school holidays as content (<c>umbraco-content/schoolvakanties.md</c>), editable like any
/// node. Activities that skip the school holidays of a region leave out the dates in these periods.
/// </summary>
public sealed class SchoolHolidays : ContentNode
{
    /// <summary>Markdown: where the dates come from.</summary>
    public string Body { get; set; } = "";

    public List<HolidayPeriod> Periods { get; set; } = [];

    /// <summary>The periods of one region, as date intervals (inclusive).</summary>
    public IEnumerable<NodaTime.DateInterval> For(HolidayRegion region) =>
        Periods.Where(p => p.AppliesTo(region))
            .Select(p => new NodaTime.DateInterval(NodaTime.LocalDate.FromDateOnly(p.From), NodaTime.LocalDate.FromDateOnly(p.To)));
}

/// <summary>One holiday, e.g. "Kerstvakantie 2026" for regions noord, midden and zuid.</summary>
public sealed class HolidayPeriod
{
    public string Name { get; set; } = "";

    /// <summary>Comma-separated regions: <c>noord,midden,zuid</c>.</summary>
    public string Regions { get; set; } = "";

    public DateOnly From { get; set; }

    /// <summary>Last day of the holiday (inclusive).</summary>
    public DateOnly To { get; set; }

    public bool AppliesTo(HolidayRegion region) =>
        Regions.Split(',').Contains(region.ToString().ToLowerInvariant(), StringComparer.Ordinal);
}
