using BenchmarkDotNet.Attributes;
using Buurtplatform.Calendar;
using Buurtplatform.Calendar.Ics;
using Ical.Net;
using CalDateTime = Ical.Net.DataTypes.CalDateTime;
using Ical.Net.Serialization;
using NodaTime;
using IcalCalendar = Ical.Net.Calendar;

namespace Buurtplatform.Benchmarks;

/// <summary>
/// The calendar's two hot paths: the /agenda page expands every activity's series over a window, and each
/// wijk feed request writes the wijk's activities. Targets (docs/performance.md): expanding 10,000 weekly
/// series over a year well under 100 ms; a wijk feed of 50 activities under 2 ms.
/// The Ical.Net benchmarks do the same jobs on the same data (issue 17): each series is our writer's VEVENT
/// (skip periods as EXDATEs, the cancelled date as a RECURRENCE-ID override) loaded by Ical.Net once in the
/// setup, so only its expansion is timed; the feed is our wijk feed loaded by Ical.Net and serialized again.
/// Not sealed: BenchmarkDotNet runs benchmarks through a class it derives from this one.
/// </summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    private static readonly DateInterval[] SchoolHolidays =
    [
        new(new LocalDate(2026, 2, 14), new LocalDate(2026, 2, 22)),
        new(new LocalDate(2026, 4, 25), new LocalDate(2026, 5, 3)),
        new(new LocalDate(2026, 7, 4), new LocalDate(2026, 8, 16)),
        new(new LocalDate(2026, 10, 17), new LocalDate(2026, 10, 25)),
        new(new LocalDate(2026, 12, 19), new LocalDate(2027, 1, 3)),
    ];

    private EventSeries[] _series = [];
    private Interval _year;
    private CalendarFeed _wijk = new();
    private IcalCalendar[] _icalSeries = [];
    private IcalCalendar _icalWijk = new();
    private CalDateTime _icalYearStart = CalDateTime.UtcNow;
    private CalDateTime _icalYearEnd = CalDateTime.UtcNow;

    [GlobalSetup]
    public void Setup()
    {
        var zone = SiteZone.Zone;
        _year = new Interval(new LocalDate(2026, 1, 1).AtStartOfDayInZone(zone).ToInstant(), new LocalDate(2027, 1, 1).AtStartOfDayInZone(zone).ToInstant());

        // Weekly activities that started between 2023 and 2025 (so expansion must jump ahead), on every weekday
        // and at several times; a third have the school holidays as skip periods, some have an EXDATE or a
        // cancelled date, as real activities do.
        _series = new EventSeries[10_000];
        for (var i = 0; i < _series.Length; i++)
        {
            var start = new LocalDate(2023, 1, 2).PlusDays(i % 1000).At(new LocalTime(9 + (i % 8), i % 2 * 30));
            _series[i] = new EventSeries
            {
                Start = start,
                Duration = Duration.FromMinutes(90),
                Zone = zone,
                Rule = new RecurrenceRule(RecurrenceFrequency.Weekly),
                SkipPeriods = i % 3 == 0 ? SchoolHolidays : [],
                ExDates = i % 5 == 0 ? [start.PlusWeeks(160)] : [],
                Overrides = i % 7 == 0 ? [OccurrenceOverride.Cancel(start.PlusWeeks(170), "Gaat niet door")] : [],
            };
        }

        _wijk = new CalendarFeed
        {
            Name = "Agenda Zwolle-Zuid",
            RefreshInterval = Duration.FromHours(6),
            Url = new Uri("https://buurtplatform.example/zwolle/zwolle-zuid/agenda.ics"),
            LastModified = Instant.FromUtc(2026, 9, 1, 10, 0),
            Events = [.. Enumerable.Range(0, 50).Select(WijkActivity)],
        };

        _icalYearStart = new CalDateTime(_year.Start.ToDateTimeUtc(), CalDateTime.UtcTzId);
        _icalYearEnd = new CalDateTime(_year.End.ToDateTimeUtc(), CalDateTime.UtcTzId);
        _icalSeries = [.. _series.Select((series, i) => Load(IcsWriter.Write(new CalendarFeed
        {
            Events = [new CalendarEvent { Uid = $"series-{i}", LastModified = _wijk.LastModified!.Value, Summary = "Activiteit", Series = series }],
        })))];
        _icalWijk = Load(IcsWriter.Write(_wijk));
    }

    [Benchmark]
    public int ExpandTenThousandWeeklySeriesOverOneYear()
    {
        var count = 0;
        foreach (var series in _series)
        {
            foreach (var occurrence in RecurrenceExpander.Expand(series, _year))
            {
                count += occurrence.Status == OccurrenceStatus.Cancelled ? 0 : 1;
            }
        }

        return count;
    }

    [Benchmark]
    public int IcalNetExpandTenThousandWeeklySeriesOverOneYear()
    {
        var count = 0;
        foreach (var calendar in _icalSeries)
        {
            foreach (var occurrence in calendar.GetOccurrences(_icalYearStart).TakeWhileBefore(_icalYearEnd))
            {
                count += occurrence.Source is Ical.Net.CalendarComponents.CalendarEvent { Status: "CANCELLED" } ? 0 : 1;
            }
        }

        return count;
    }

    [Benchmark]
    public string WriteWijkFeedOfFiftyActivities() => IcsWriter.Write(_wijk);

    [Benchmark]
    public string IcalNetSerializeWijkFeedOfFiftyActivities() => new CalendarSerializer().SerializeToString(_icalWijk)!;

    private static IcalCalendar Load(string ics) => IcalCalendar.Load(ics) ?? throw new InvalidOperationException("Ical.Net found no calendar.");

    private static CalendarEvent WijkActivity(int i)
    {
        var start = new LocalDate(2026, 8, 31).PlusDays(i % 5).At(new LocalTime(9 + (i % 6), 30));
        var rule = i % 4 == 3
            ? RecurrenceRule.Parse("FREQ=MONTHLY;BYDAY=-1FR")
            : RecurrenceRule.Parse("FREQ=WEEKLY;UNTIL=20270710");
        return new CalendarEvent
        {
            Uid = $"7d3f1c2a-0000-4000-8000-{i:000000000000}",
            LastModified = Instant.FromUtc(2026, 9, 1, 10, 0),
            Summary = $"Activiteit {i}: taalplezier, zingen en spelen",
            Description = "Voor ouders met kinderen van 0 tot 4 jaar. We lezen voor, zingen liedjes en spelen samen; " +
                "de pedagogisch medewerker is er voor vragen over opvoeden. Koffie en thee staan klaar, je kind mag gratis mee.",
            Location = "Wijkboerderij Zwolle-Zuid, Voorbeeldstraat 1, Zwolle",
            Url = new Uri($"https://buurtplatform.example/zwolle/zwolle-zuid/activiteiten/activiteit-{i}"),
            Geo = new GeoPosition(52.49, 6.11),
            Categories = ["Taal", "0-4 jaar"],
            Sequence = i % 3,
            Series = new EventSeries
            {
                Start = start,
                Duration = Duration.FromMinutes(90),
                Rule = rule,
                SkipPeriods = SchoolHolidays,
                ExDates = [start.PlusWeeks(10)],
                Overrides =
                [
                    OccurrenceOverride.Cancel(start.PlusWeeks(4), "Gaat niet door: studiedag"),
                    OccurrenceOverride.Move(start.PlusWeeks(6), start.PlusWeeks(6).PlusDays(1), start.PlusWeeks(6).PlusDays(1).PlusMinutes(90)),
                ],
            },
        };
    }
}
