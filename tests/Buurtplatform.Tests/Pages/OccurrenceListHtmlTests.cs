using Buurtplatform.Calendar;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Agenda;
using Buurtplatform.Web.Shared;
using NodaTime;

namespace Buurtplatform.Tests.Pages;

/// <summary>
/// The parts of the hand-written occurrence list (issue 15) with logic of their own. That its HTML is the partial
/// views' HTML, byte for byte, is shown by the page comparison (scripts/compare-pages.py) and the pages' own tests.
/// </summary>
public sealed class OccurrenceListHtmlTests
{
    private static readonly Activity A = new() { Title = "A" };
    private static readonly Activity B = new() { Title = "B" };

    private static ActivityOccurrence On(Activity a, int day, int hour = 9)
    {
        var start = new LocalDateTime(2026, 12, day, hour, 0).InZoneLeniently(SiteZone.Zone);
        return new ActivityOccurrence(a, start, start.PlusHours(1), OccurrenceStatus.Scheduled, null, start.LocalDateTime);
    }

    private static List<(LocalDate Day, List<string> Titles)> Grouped(IReadOnlyList<ActivityOccurrence> list) =>
        [.. OccurrenceListHtml.Days(list).Select(d => (d[0].Date, d.Select(o => o.Activity.Title).ToList()))];

    [Fact]
    public void DatesInDateOrderAreGroupedByDayAsGroupByDoes()
    {
        List<ActivityOccurrence> list = [On(A, 7), On(B, 7, 10), On(A, 8), On(B, 10), On(A, 10, 11), On(B, 10, 12)];

        var expected = list.GroupBy(o => o.Date).Select(g => (g.Key, g.Select(o => o.Activity.Title).ToList())).ToList();
        var days = Grouped(list);

        Assert.Equal(expected.Select(e => e.Key), days.Select(d => d.Day));
        Assert.Equal(expected.Select(e => string.Join(",", e.Item2)), days.Select(d => string.Join(",", d.Titles)));
        Assert.Equal(3, days.Count);
    }

    [Fact]
    public void DatesOutOfOrderStillGroupEachDayOnceInTheOrderOfItsFirstDate()
    {
        List<ActivityOccurrence> list = [On(A, 9), On(B, 7), On(B, 9, 11), On(A, 7, 12)];

        var days = Grouped(list);

        Assert.Equal([new LocalDate(2026, 12, 9), new LocalDate(2026, 12, 7)], days.Select(d => d.Day));
        Assert.Equal(["A,B", "B,A"], days.Select(d => string.Join(",", d.Titles)));
    }

    [Fact]
    public void AnEmptyListHasNoDays() => Assert.Empty(OccurrenceListHtml.Days([]));

    [Theory]
    [InlineData("den-haag", "schilderswijk", "den-haag/schilderswijk", true)]
    [InlineData("den-haag", "schilderswijk", "den-haag/moerwijk", false)]
    [InlineData("den-haag", "schilderswijk", "den-haagschilderswijk", false)]
    [InlineData("den-haag", "schilderswijk", "den-haag/schilderswijk/", false)]
    [InlineData("den", "haag/schilderswijk", "den-haag/schilderswijk", false)]
    [InlineData("zwolle", "aa-landen", "zwolle/aa-landen", true)]
    public void AWijkFilterMatchesGemeenteSlashWijkExactly(string gemeente, string wijk, string value, bool matches) =>
        Assert.Equal(matches, AgendaFilter.IsWijk(gemeente, wijk, value));
}
