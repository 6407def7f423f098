using Buurtplatform.Calendar;
using Buurtplatform.Web.Activities;
using NodaTime;

namespace Buurtplatform.Web.SignUps;

/// <summary>One date (or the whole series) a parent can sign up for, with the moment sign-up closes.</summary>
public sealed record SignUpDate(DateOnly SlotDate, ActivityOccurrence First, IReadOnlyList<ActivityOccurrence> Occurrences, Instant ClosesAt)
{
    public bool IsWholeSeries => SlotDate == SignUpSlot.WholeSeries;

    /// <summary>The end of the last date: the personal link and the sign-up's reason to exist end here.</summary>
    public Instant Ends => Occurrences.Max(o => o.End.ToInstant());
}

/// <summary>
/// Which dates an activity's form offers, when each closes, and when a slot's activity is over, from
/// <see cref="ActivityCalendar"/> (so cancelled and moved dates are handled as everywhere else).
/// </summary>
public sealed class SignUpDates(ActivityCalendar calendar, DateText dates, IOptions<SignUpOptions> options)
{
    private static readonly DateTimeZone Zone = SiteZone.Zone;

    public Instant Now => calendar.Now;

    /// <summary>Loads what the calendar needs asynchronously; call once per request before the other methods.</summary>
    public Task PrepareAsync(CancellationToken ct) => calendar.PrepareAsync(ct);

    /// <summary>A series can be signed up for as a whole only when it ends (a count or an end date).</summary>
    public static bool IsFinite(Activity a) => a.Schedule.Repeat == Repeat.Once || a.Schedule.Count is not null || a.Schedule.Until is not null;

    public static SignUpMode EffectiveMode(Activity a, SignUpSettings s) => s.Mode == SignUpMode.WholeSeries && IsFinite(a) ? SignUpMode.WholeSeries : SignUpMode.PerDate;

    /// <summary>The coming dates that take place, each with its closing moment, open or not.</summary>
    public List<SignUpDate> Coming(Activity activity, SignUpSettings settings)
    {
        if (EffectiveMode(activity, settings) == SignUpMode.WholeSeries)
            return Series(activity, settings) is { } series && series.Ends > Now ? [series] : [];
        return calendar.Next(activity, options.Value.DatesOffered).Where(o => !o.IsCancelled)
            .Select(o => new SignUpDate(DateOnly.FromDateTime(o.OriginalStart.Date.ToDateTimeUnspecified()), o, [o], ClosingMoment(o, settings)))
            .ToList();
    }

    /// <summary>The whole series (every date that takes place), closing before its first date; null when no date is left.</summary>
    public SignUpDate? Series(Activity activity, SignUpSettings settings)
    {
        var all = AllDates(activity).Where(o => !o.IsCancelled).ToList();
        return all.Count == 0 ? null : new SignUpDate(SignUpSlot.WholeSeries, all[0], all, ClosingMoment(all[0], settings));
    }

    /// <summary>The date or series a slot stands for, open or past; null when the calendar no longer has it.</summary>
    public SignUpDate? Find(Activity activity, SignUpSettings settings, DateOnly slotDate)
    {
        if (slotDate == SignUpSlot.WholeSeries)
            return Series(activity, settings);
        var original = LocalDate.FromDateOnly(slotDate);
        var o = calendar.Expand(activity, original.PlusYears(-1), original.PlusYears(1)).FirstOrDefault(x => x.OriginalStart.Date == original);
        return o is null ? null : new SignUpDate(slotDate, o, [o], ClosingMoment(o, settings));
    }

    /// <summary>When the activity of a slot is over: its (last) date's end; for a date the calendar no longer has, the end of that day.</summary>
    public Instant EndOf(Activity activity, SignUpSettings settings, DateOnly slotDate)
    {
        if (Find(activity, settings, slotDate) is { } d)
            return d.Ends;
        var day = slotDate == SignUpSlot.WholeSeries ? calendar.Today : LocalDate.FromDateOnly(slotDate);
        return day.PlusDays(1).AtStartOfDayInZone(Zone).ToInstant();
    }

    public Instant ClosingMoment(ActivityOccurrence first, SignUpSettings s)
    {
        var day = first.Start.Date.PlusDays(-Math.Max(0, s.ClosesDaysBefore));
        var time = s.ClosesAt is { } at ? LocalTime.FromTimeOnly(at) : first.Start.TimeOfDay;
        return (day + time).InZoneLeniently(Zone).ToInstant();
    }

    /// <summary>"dinsdag 8 december, 13.30–15.00 uur", or for a series "6 keer, vanaf donderdag 7 januari, 9.30–11.00 uur".</summary>
    public string Describe(SignUpDate d) => d.IsWholeSeries
        ? dates.SeriesText(d.Occurrences.Count, d.First)
        : dates.Occurrence(d.First);

    /// <summary>Every date of a finite series (at most 200), from its first date.</summary>
    private IEnumerable<ActivityOccurrence> AllDates(Activity activity)
    {
        var first = ActivitySeries.FirstDate(activity.Schedule);
        return calendar.Expand(activity, first.PlusDays(-1), first.PlusYears(3)).Take(200);
    }
}
