using Buurtplatform.Calendar;
using Buurtplatform.Calendar.Ics;
using NodaTime;
using static Buurtplatform.Tests.Calendar.CalendarTestData;

namespace Buurtplatform.Tests.Calendar;

/// <summary>A small wijk feed with every feature the writer has, shared by the writer and reader tests.</summary>
internal static class SampleFeeds
{
    public const string TaalplezierUid = "6c1d1c9e-3c7b-4c55-9a43-1f2b8c9d0a11";

    public static readonly Instant LastModified = Instant.FromUtc(2026, 9, 1, 10, 15, 0);

    public static CalendarEvent Taalplezier => new()
    {
        Uid = TaalplezierUid,
        LastModified = LastModified,
        Summary = "Taalplezier",
        Description = "Voorlezen, zingen en spelen met kinderen van 0 tot 4 jaar.\nKoffie en thee staan klaar.",
        Location = "Wijkboerderij Zwolle-Zuid (adres: voorbeeld)",
        Url = new Uri("https://buurtplatform.example/zwolle/zwolle-zuid/activiteiten/taalplezier"),
        Geo = new GeoPosition(52.491234, 6.116789),
        Categories = ["Taal", "0-4 jaar"],
        Sequence = 2,
        Series = new EventSeries
        {
            Start = L("2026-10-13 09:30"),
            Duration = Duration.FromMinutes(90),
            Zone = Amsterdam,
            // UNTIL as the writer writes it (the end of the last local day), so the round trip is exact.
            Rule = RecurrenceRule.Parse("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T215959Z"),
            RDates = [L("2026-10-16 09:30")],
            ExDates = [L("2026-12-29 09:30"), L("2027-03-30 09:30")],
            Overrides =
            [
                OccurrenceOverride.Cancel(L("2026-11-03 09:30"), "Gaat niet door: de leidster is ziek."),
                OccurrenceOverride.Move(L("2026-11-10 09:30"), L("2026-11-11 14:00"), L("2026-11-11 15:30")),
            ],
        },
    };

    public static CalendarEvent SamenZingen => new()
    {
        Uid = "0b6f0e52-2d8e-4c1e-8f43-7a6f5d3c2b10",
        LastModified = LastModified,
        Summary = "Samen zingen",
        Location = "Bibliotheek Zwolle-Zuid",
        Url = new Uri("https://buurtplatform.example/zwolle/zwolle-zuid/activiteiten/samen-zingen"),
        Series = new EventSeries
        {
            Start = L("2026-10-30 10:00"),
            Duration = Duration.FromHours(1),
            Zone = Amsterdam,
            Rule = RecurrenceRule.Parse("FREQ=MONTHLY;BYDAY=-1FR"),
        },
    };

    public static CalendarFeed Wijk(params CalendarEvent[] events) => new()
    {
        Name = "Agenda Zwolle-Zuid",
        Description = "Activiteiten voor ouders en jonge kinderen in Zwolle-Zuid",
        RefreshInterval = Duration.FromHours(6),
        Url = new Uri("https://buurtplatform.example/zwolle/zwolle-zuid/agenda.ics"),
        LastModified = LastModified,
        Events = events.Length > 0 ? events : [Taalplezier, SamenZingen],
    };

    /// <summary>The physical lines of an .ics text (split on CRLF; the final CRLF gives no empty line).</summary>
    public static string[] Lines(string ics) => ics.Split("\r\n")[..^1];

    /// <summary>The logical lines of each VEVENT, unfolded.</summary>
    public static List<string[]> Events(string ics)
    {
        var unfolded = Lines(ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal));
        var events = new List<string[]>();
        var start = -1;
        for (var i = 0; i < unfolded.Length; i++)
        {
            if (unfolded[i] == "BEGIN:VEVENT")
            {
                start = i;
            }
            else if (unfolded[i] == "END:VEVENT")
            {
                events.Add(unfolded[(start + 1)..i]);
            }
        }

        return events;
    }
}
