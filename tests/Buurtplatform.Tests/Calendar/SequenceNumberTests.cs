using Buurtplatform.Calendar;
using Buurtplatform.Calendar.Ics;
using NodaTime;
using static Buurtplatform.Tests.Calendar.CalendarTestData;
using static Buurtplatform.Tests.Calendar.SampleFeeds;

namespace Buurtplatform.Tests.Calendar;

public sealed class SequenceNumberTests
{
    [Fact]
    public void UnchangedSchedulingKeepsTheSequenceEvenWhenTextsChange()
    {
        var changedTexts = Taalplezier with { Summary = "Taalplezier (nieuw)", Description = "Andere tekst", LastModified = Instant.FromUtc(2027, 1, 1, 0, 0) };

        Assert.Equal(2, SequenceNumber.Next(Taalplezier, changedTexts));
        Assert.Equal(2, SequenceNumber.Next(Taalplezier, Taalplezier));
    }

    public static TheoryData<string, Func<CalendarEvent, CalendarEvent>> Changes => new()
    {
        { "start", e => e with { Series = e.Series with { Start = L("2026-10-13 10:00") } } },
        { "duration", e => e with { Series = e.Series with { Duration = Duration.FromHours(2) } } },
        { "rule", e => e with { Series = e.Series with { Rule = RecurrenceRule.Parse("FREQ=WEEKLY;BYDAY=WE") } } },
        { "exdate", e => e with { Series = e.Series with { ExDates = [.. e.Series.ExDates, L("2027-01-05 09:30")] } } },
        { "cancelled date", e => e with { Series = e.Series with { Overrides = [OccurrenceOverride.Cancel(L("2026-10-20 09:30"), "Ziek")] } } },
        { "skip period", e => e with { Series = e.Series with { SkipPeriods = [new DateInterval(D("2026-10-17"), D("2026-10-25"))] } } },
        { "zone", e => e with { Series = e.Series with { Zone = DateTimeZoneProviders.Tzdb["Europe/Brussels"] } } },
        { "place", e => e with { Location = "Buurthuis De Kern" } },
        { "status", e => e with { Status = EventStatus.Cancelled } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void ASchedulingChangeRaisesTheSequenceByOne(string change, Func<CalendarEvent, CalendarEvent> apply)
    {
        Assert.NotNull(change);

        Assert.Equal(3, SequenceNumber.Next(Taalplezier, apply(Taalplezier)));
    }

    [Fact]
    public void TheValuesFormStartsFromTheStoredSequence()
    {
        var previous = SchedulingValues.From(Taalplezier);
        var moved = previous with { Location = "Buurthuis De Kern" };

        Assert.Equal(0, SequenceNumber.Next(previous, previous, 0));
        Assert.Equal(11, SequenceNumber.Next(previous, moved, 10));
        Assert.Equal(10, SequenceNumber.Next(previous, previous with { Location = " Wijkboerderij Zwolle-Zuid (adres: voorbeeld) " }, 10));
    }
}
