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
    private static readonly InstantPattern JavaScriptIso = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.fff'Z'");

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

    /// <summary>Several recurring series that cross both DST switches, with every kind of exception.</summary>
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
            Event("school-holidays", "2026-09-02 15:00", "FREQ=WEEKLY;BYDAY=WE", s => s with
            {
                SkipPeriods = [new DateInterval(D("2026-10-17"), D("2026-10-25")), new DateInterval(D("2026-12-19"), D("2027-01-03"))],
                RDates = [L("2026-10-30 15:00")],
            }));
    }

    private static string Describe(string recurrenceId, string start, string end, string status) => $"{start} {end} {status} (was {recurrenceId})";

    private static string FindToolsOrSkip()
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

    private static string RunNode(string toolsDir, string icsFile, string from, string to)
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
    private static string ScriptPath()
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
