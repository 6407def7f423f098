using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Buurtplatform.Calendar.Ics;

/// <summary>Formats the value types the writer writes (DATE, DATE-TIME, DURATION, UTC-OFFSET).</summary>
internal static class IcsValues
{
    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    public static string Local(LocalDateTime value)
    {
        // Hand-written: this runs for every date in every feed, and NodaTime's pattern engine is general.
        Span<char> text = stackalloc char[15];
        Write4(text, value.Year);
        Write2(text[4..], value.Month);
        Write2(text[6..], value.Day);
        text[8] = 'T';
        Write2(text[9..], value.Hour);
        Write2(text[11..], value.Minute);
        Write2(text[13..], value.Second);
        return new string(text);
    }

    public static string Utc(Instant instant) => Local(instant.InUtc().LocalDateTime) + "Z";

    public static string Date(LocalDate date) => DatePattern.Format(date);

    /// <summary>RFC 5545 dur-value: P1D, PT1H30M, P1DT2H, PT0S; weeks are written as days.</summary>
    public static string Duration(Duration duration)
    {
        var text = new StringBuilder();
        if (duration < NodaTime.Duration.Zero)
        {
            text.Append('-');
            duration = -duration;
        }

        text.Append('P');
        var days = duration.Days;
        var rest = duration - NodaTime.Duration.FromDays(days);
        var seconds = (long)rest.TotalSeconds;
        if (days > 0)
        {
            text.Append(days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (seconds > 0 || days == 0)
        {
            text.Append('T');
            var hours = seconds / 3600;
            var minutes = seconds / 60 % 60;
            var secs = seconds % 60;
            if (hours > 0)
            {
                text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (minutes > 0)
            {
                text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (secs > 0 || seconds == 0)
            {
                text.Append(secs.ToString(CultureInfo.InvariantCulture)).Append('S');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// An exact dur-value in hours, minutes and seconds only (PT45M, PT1H30M, PT26H): in RFC 5545 a day (P1D) is a
    /// calendar day, which a clock change makes 23 or 25 hours long.
    /// </summary>
    public static string ExactDuration(Duration duration)
    {
        if (duration < NodaTime.Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "An event cannot last less than nothing.");
        }

        var seconds = (long)duration.TotalSeconds;
        var text = new StringBuilder("PT");
        if (seconds >= 3600)
        {
            text.Append((seconds / 3600).ToString(CultureInfo.InvariantCulture)).Append('H');
        }

        if (seconds / 60 % 60 > 0)
        {
            text.Append((seconds / 60 % 60).ToString(CultureInfo.InvariantCulture)).Append('M');
        }

        if (seconds % 60 > 0 || seconds == 0)
        {
            text.Append((seconds % 60).ToString(CultureInfo.InvariantCulture)).Append('S');
        }

        return text.ToString();
    }

    public static string Offset(Offset offset)
    {
        var seconds = offset.Seconds;
        var sign = seconds < 0 ? '-' : '+';
        seconds = Math.Abs(seconds);
        var text = string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds / 3600:00}{seconds / 60 % 60:00}");
        return seconds % 60 == 0 ? text : text + (seconds % 60).ToString("00", CultureInfo.InvariantCulture);
    }

    private static void Write4(Span<char> target, int value)
    {
        target[0] = (char)('0' + (value / 1000 % 10));
        target[1] = (char)('0' + (value / 100 % 10));
        target[2] = (char)('0' + (value / 10 % 10));
        target[3] = (char)('0' + (value % 10));
    }

    private static void Write2(Span<char> target, int value)
    {
        target[0] = (char)('0' + (value / 10));
        target[1] = (char)('0' + (value % 10));
    }
}
