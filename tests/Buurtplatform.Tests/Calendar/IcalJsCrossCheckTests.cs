using System.Diagnostics;
using System.Text.Json;
using Buurtplatform.Calendar;
using Buurtplatform.Calendar.Ics;
using NodaTime;
using NodaTime.Text;
using static Buurtplatform.Tests.Calendar.CalendarTestData;
using static Buurtplatform.Tests.Calendar.SampleFeeds;

namespace Buurtplatform.Tests.Calendar;

/// <summary>
/// Writes a feed, lets ical.js (a JavaScript iCalendar library used by Thunderbird) expand it, and checks that
/// it finds the same instants as our expander. This tests the writer, the generated VTIMEZONE and the
/// expander against an implementation we did not write. Needs Node.js and npm's ical.js in
/// BUURTPLATFORM_TEST_TOOLS/node_modules (the project's test command installs it there).
/// </summary>
public sealed class IcalJsCrossCheckTests
{
    internal static readonly InstantPattern JavaScriptIso = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.fff'Z'");

    [Fact]
    public void IcalJsExpandsOurFeedToTheSameInstantsAsOurExpander()
    {
        var toolsDir = FindToolsOrSkip();
        var feed = CrossCheckFeed();
        var window = Days("2026-09-01", "2027-05-01");
        var icsFile = Path.Combine(Path.GetTempPath(), $"buurtplatform-icaljs-{Guid.NewGuid():N}.ics");
        File.WriteAllText(icsFile, IcsWriter.Write(feed));
        try
        {
            var output = RunNode(toolsDir, icsFile, JavaScriptIso.Format(window.Start), JavaScriptIso.Format(window.End));
            var theirs = JsonSerializer.Deserialize<Dictionary<string, List<JsOccurrence>>>(output)!;

            Assert.Equal(feed.Events.Select(e => e.Uid).Order(), theirs.Keys.Order());
            foreach (var calendarEvent in feed.Events)
            {
                var ours = RecurrenceExpander.Expand(calendarEvent.Series, window).Select(o => Describe(
                    JavaScriptIso.Format(o.OriginalStart.InZoneLeniently(calendarEvent.Series.Zone).ToInstant()),
                    JavaScriptIso.Format(o.Start.ToInstant()),
                    JavaScriptIso.Format(o.End.ToInstant()),
                    o.Status.ToString()));
                var expected = theirs[calendarEvent.Uid].Select(o => Describe(o.RecurrenceId, o.Start, o.End, o.Status));

                Assert.True(theirs[calendarEvent.Uid].Count > 3, $"{calendarEvent.Uid} should have several dates in the window.");
                Assert.Equal(expected.Order(), ours.Order());
            }
        }
        finally
        {
            File.Delete(icsFile);
        }
    }

    [Fact]
    public void IcalJsGivesDatesInTheRepeatedAutumnHourTheirFullLength()
    {
        // 02:30 on Sunday 25 October 2026 happens twice. RFC 5545, and our expander, take the first (summer time);
        // ical.js takes the second. Either way each date must last as long as it does for us, which an end written
        // as a local time in that hour cannot promise: the writer gives such dates a DURATION. (A date that spans
        // the change, say 01:00 to 02:45, is an hour longer in ical.js whatever its end looks like: ical.js adds
        // durations on the wall clock, where RFC 5545 and we add exact time.)
        var toolsDir = FindToolsOrSkip();
        var sundayNight = SamenZingen with
        {
            Uid = "sunday-night",
            Series = Series("2026-10-04 02:30", "FREQ=WEEKLY;BYDAY=SU;COUNT=5", minutes: 45) with
            {
                Overrides = [OccurrenceOverride.Cancel(L("2026-10-18 02:30"), "Gaat niet door")],
            },
        };
        var cancelledThatNight = SamenZingen with
        {
            Uid = "cancelled-that-night",
            Series = Series("2026-10-11 02:30", "FREQ=WEEKLY;BYDAY=SU;COUNT=4", minutes: 45) with
            {
                Overrides = [OccurrenceOverride.Cancel(L("2026-10-25 02:30"), "Gaat niet door")],
            },
        };
        var startsThatNight = SamenZingen with { Uid = "starts-that-night", Series = Series("2026-10-25 02:30", null, minutes: 45) };
        var feed = Wijk(sundayNight, cancelledThatNight, startsThatNight);
        var window = Days("2026-10-01", "2026-11-10");
        var icsFile = Path.Combine(Path.GetTempPath(), $"buurtplatform-icaljs-{Guid.NewGuid():N}.ics");
        File.WriteAllText(icsFile, IcsWriter.Write(feed));
        try
        {
            var theirs = JsonSerializer.Deserialize<Dictionary<string, List<JsOccurrence>>>(RunNode(toolsDir, icsFile, JavaScriptIso.Format(window.Start), JavaScriptIso.Format(window.End)))!;
            var theAmbiguousNight = Utc("2026-10-25T00:30:00Z"); // 02:30 CEST; the second 02:30 is an hour later

            foreach (var calendarEvent in feed.Events)
            {
                var ours = Expand(calendarEvent.Series, window);
                var icalJs = theirs[calendarEvent.Uid];
                Assert.Equal(ours.Count, icalJs.Count);
                Assert.Contains(ours, o => o.Start.ToInstant() == theAmbiguousNight);
                foreach (var (our, their) in ours.Zip(icalJs))
                {
                    var (start, end) = (JavaScriptIso.Parse(their.Start).Value, JavaScriptIso.Parse(their.End).Value);
                    Assert.Equal(our.End.ToInstant() - our.Start.ToInstant(), end - start);
                    Assert.Equal(our.Status.ToString(), their.Status);
                    var shift = our.Start.ToInstant() == theAmbiguousNight ? Duration.FromHours(1) : Duration.Zero;
                    Assert.Contains(start - our.Start.ToInstant(), new[] { Duration.Zero, shift });
                }
            }
        }
        finally
        {
            File.Delete(icsFile);
        }
    }

    /// <summary>Several recurring series that cross both DST switches, with every kind of exception, and UNTIL on a last start.</summary>
    private static CalendarFeed CrossCheckFeed()
    {
        CalendarEvent Event(string uid, string start, string rule, Func<EventSeries, EventSeries>? change = null)
        {
            var series = Series(start, rule);
            return SamenZingen with { Uid = uid, Summary = uid, Series = change?.Invoke(series) ?? series };
        }

        return Wijk(
            Event("weekly-tuesday", "2026-09-01 09:30", "FREQ=WEEKLY;BYDAY=TU", s => s with
            {
                ExDates = [L("2026-10-27 09:30")],
                Overrides =
                [
                    OccurrenceOverride.Cancel(L("2026-11-03 09:30"), "Gaat niet door"),
                    OccurrenceOverride.Move(L("2026-11-10 09:30"), L("2026-11-12 14:00"), L("2026-11-12 15:30"), "Verplaatst"),
                ],
            }),
            Event("weekly-sunday-dst-days", "2026-09-06 10:00", "FREQ=WEEKLY;BYDAY=SU", s => s with { ExDates = [L("2026-10-25 10:00"), L("2027-03-28 10:00")] }),
            Event("monthly-last-friday", "2026-09-25 19:00", "FREQ=MONTHLY;BYDAY=-1FR", s => s with
            {
                Overrides = [OccurrenceOverride.Cancel(L("2026-12-25 19:00"), "Kerst")],
            }),
            Event("monthly-first-monday-count", "2026-09-07 10:00", "FREQ=MONTHLY;BYDAY=1MO;COUNT=6", s => s with { ExDates = [L("2026-11-02 10:00")] }),
            Event("last-weekday", "2026-09-30 16:00", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"),
            Event("biweekly-wkst-sunday", "2026-09-01 13:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU"),
            Event("every-third-day-until", "2026-10-20 08:15", "FREQ=DAILY;INTERVAL=3;UNTIL=20261115"),
            Event("until-exactly-the-last-start-utc", "2026-09-03 19:00", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20261126T180000Z"),
            Event("until-exactly-the-last-start-local", "2026-09-04 19:00", "FREQ=WEEKLY;BYDAY=FR;UNTIL=20261127T190000"),
            Event("school-holidays", "2026-09-02 15:00", "FREQ=WEEKLY;BYDAY=WE", s => s with
            {
                SkipPeriods = [new DateInterval(D("2026-10-17"), D("2026-10-25")), new DateInterval(D("2026-12-19"), D("2027-01-03"))],
                RDates = [L("2026-10-30 15:00")],
            }));
    }

    private static string Describe(string recurrenceId, string start, string end, string status) => $"{start} {end} {status} (was {recurrenceId})";

    internal static string FindToolsOrSkip()
    {
        var toolsDir = Environment.GetEnvironmentVariable("BUURTPLATFORM_TEST_TOOLS");
        var found = !string.IsNullOrEmpty(toolsDir) && Directory.Exists(Path.Combine(toolsDir, "node_modules", "ical.js"));
        if (found)
        {
            return toolsDir!;
        }

        var reason = string.IsNullOrEmpty(toolsDir)
            ? "BUURTPLATFORM_TEST_TOOLS is not set"
            : $"BUURTPLATFORM_TEST_TOOLS ({toolsDir}) has no node_modules/ical.js";
        if (Environment.GetEnvironmentVariable("BUURTPLATFORM_TEST_STRICT") == "1")
        {
            Assert.Fail($"{reason}. Run the tests with the README's test command, which installs npm ical.js for this check.");
        }

        Assert.Skip($"{reason}: the ical.js cross-check needs Node.js and npm's ical.js.");
        return string.Empty;
    }

    internal static string RunNode(string toolsDir, string icsFile, string from, string to)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ScriptPath(), toolsDir, icsFile, from, to })
        {
            start.ArgumentList.Add(argument);
        }

        using var node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var error = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = node.StandardOutput.ReadToEnd();
        if (!node.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            node.Kill();
            Assert.Fail("node did not finish within a minute.");
        }

        Assert.True(node.ExitCode == 0, $"node failed ({node.ExitCode}): {error.Result}");
        return output;
    }

    /// <summary>The script lives beside this test in the source tree; found by walking up from the test binaries.</summary>
    internal static string ScriptPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "icaljs-expand.mjs"), Path.Combine(dir.FullName, "Calendar", "icaljs-expand.mjs") })
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException("icaljs-expand.mjs was not found above " + AppContext.BaseDirectory);
    }

    private sealed record JsOccurrence(
        [property: System.Text.Json.Serialization.JsonPropertyName("recurrenceId")] string RecurrenceId,
        [property: System.Text.Json.Serialization.JsonPropertyName("start")] string Start,
        [property: System.Text.Json.Serialization.JsonPropertyName("end")] string End,
        [property: System.Text.Json.Serialization.JsonPropertyName("status")] string Status);
}
