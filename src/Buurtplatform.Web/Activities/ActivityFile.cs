using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Activities;

/// <summary>
/// An activity's file (<c>{wijk}/activiteiten/{slug}.md</c>), schedule included: its front matter read into an
/// <see cref="Activity"/>, written back, and copied onto the row (raising SEQUENCE when calendar apps must know).
/// </summary>
/// <remarks>The photo group is the media library's (<see cref="Media.PhotoGroup"/>).</remarks>
internal static class ActivityFile
{
    /// <summary>The fields a translation (<c>{slug}.ar.md</c>) may carry, with the Dutch text each translates (docs/content.md).</summary>
    public static readonly TranslatableFields Translatable = TranslatableFields.Of<Activity>(
        ("title", a => a.Title), ("summary", a => a.Summary), ("costNote", a => a.CostNote), (TranslatableFields.Body, a => a.Body));

    /// <summary>
    /// The place and organiser come back as stubs that carry only the slugs written in the file; the content
    /// tree (or the backoffice) resolves them among the wijk's nodes.
    /// </summary>
    public static Activity Read(FrontMatterFile file, FieldReader f)
    {
        var activity = f.Node(new Activity { Body = file.Body });
        activity.Title = f.Text("title");
        var type = f.Text("type");
        if (ActivityTypes.TryParse(type, out var t))
            activity.Type = t;
        else if (type.Length > 0)
            f.Error("type", null, $"must be one of {string.Join(", ", ActivityTypes.All.Select(x => x.ToSlug()))}, not '{type}'", ContentErrorCodes.Choice);
        activity.Summary = f.Text("summary");
        activity.AgeFromMonths = f.Int("ageFromMonths", 0, 72);
        activity.AgeToMonths = f.Int("ageToMonths", 0, 72);
        if (activity.AgeToMonths < activity.AgeFromMonths)
            f.Error("ageToMonths", null, "must not be lower than ageFromMonths", ContentErrorCodes.AgeOrder);
        activity.Languages = f.List("languages", required: true);
        foreach (var lang in activity.Languages.Where(l => !System.Text.RegularExpressions.Regex.IsMatch(l, "^[a-z]{2}$")))
            f.Error("languages", null, $"'{lang}' is not a two-letter language code such as nl, ar or tr", ContentErrorCodes.Language, lang);

        var cost = f.Text("cost");
        if (cost == "gratis")
            activity.IsFree = true;
        else if (decimal.TryParse(cost, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0 && amount < 1000)
            activity.CostAmount = amount;
        else if (cost.Length > 0)
            f.Error("cost", null, $"must be 'gratis' or an amount in euros such as 2.50, not '{cost}'", ContentErrorCodes.Cost);
        activity.CostNote = f.OptionalText("costNote");

        activity.MeetingPlace = new MeetingPlace { Slug = f.Slug("place") };
        activity.Organiser = new Partner { Slug = f.Slug("organiser") };
        if (f.Group("signUp", required: true) is { } signUp)
        {
            activity.SignUpRequired = signUp.Bool("required");
            activity.Capacity = signUp.OptionalInt("capacity", 1, 500);
            signUp.RejectUnknownKeys();
        }

        activity.Sequence = f.OptionalInt("sequence", 0, 100_000) ?? 0;
        if (f.Group("schedule", required: true) is { } s)
        {
            activity.Schedule = ReadSchedule(s, out var changes, out var entries);
            activity.ScheduleChanges = changes;
            CheckChangesAreDatesOfTheSeries(activity, entries);
            if (f.Warnings is { } warnings)
            {
                foreach (var w in ActivityWarnings.For(activity, warnings.Holidays))
                    (w.Change is null ? s : entries[w.Change]).Warn(w.Field, w.Message, w.Code, [.. w.Args]);
            }
        }

        return activity;
    }

    /// <summary>A cancelled or moved date must be one the series really gives, or the change would silently do nothing.</summary>
    /// <param name="entries">Each change's own entry in the file, so the error names that entry and its line.</param>
    private static void CheckChangesAreDatesOfTheSeries(Activity activity, Dictionary<ScheduleChange, FieldReader> entries)
    {
        if (activity.Schedule.EndTime <= activity.Schedule.StartTime || activity.ScheduleChanges.Count == 0)
            return;
        NodaTime.LocalTime time;
        Buurtplatform.Calendar.EventSeries series;
        try
        {
            var plain = new Activity { Schedule = activity.Schedule };
            series = ActivitySeries.From(plain, holidays: null);
            time = NodaTime.LocalTime.FromTimeOnly(activity.Schedule.StartTime);
        }
        catch (ArgumentException)
        {
            return; // the schedule itself is already reported
        }

        foreach (var change in activity.ScheduleChanges)
        {
            var original = NodaTime.LocalDate.FromDateOnly(change.Date) + time;
            if (Buurtplatform.Calendar.RecurrenceExpander.Find(series, original) is null)
            {
                entries[change].Error("date", null,
                    $"{change.Date:yyyy-MM-dd} is not a date of this activity's schedule; use one of its dates", ContentErrorCodes.NotADateOfTheSchedule,
                    change.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }
    }

    private static ActivitySchedule ReadSchedule(FieldReader s, out List<ScheduleChange> changes, out Dictionary<ScheduleChange, FieldReader> entries)
    {
        var schedule = new ActivitySchedule { StartDate = s.Date("start") };
        (schedule.StartTime, schedule.EndTime) = s.TimeRange("time");
        var repeat = s.Text("repeat");
        switch (repeat)
        {
            case "once":
                schedule.Repeat = Repeat.Once;
                break;
            case "weekly":
                schedule.Repeat = Repeat.Weekly;
                break;
            case "monthly":
                schedule.Repeat = Repeat.Monthly;
                break;
            default:
                if (repeat.Length > 0)
                    s.Error("repeat", null, $"must be 'once', 'weekly' or 'monthly', not '{repeat}'", ContentErrorCodes.Choice);
                break;
        }

        var once = schedule.Repeat == Repeat.Once;
        schedule.Interval = s.OptionalInt("every", 1, schedule.Repeat == Repeat.Monthly ? 12 : 52) ?? 1;
        foreach (var day in s.List("days", required: !once))
        {
            if (Days.TryParse(day, out var d))
                schedule.Days.Add(d);
            else
                s.Error("days", null, $"'{day}' is not one of monday, tuesday, wednesday, thursday, friday, saturday, sunday", ContentErrorCodes.Day);
        }

        schedule.Days = [.. schedule.Days.Distinct().OrderBy(d => ((int)d + 6) % 7)];
        schedule.WeekOfMonth = s.OptionalInt("weekOfMonth", -1, 4);
        if (schedule.WeekOfMonth == 0)
            s.Error("weekOfMonth", null, "must be 1, 2, 3 or 4 (the first to fourth such day) or -1 (the last)", ContentErrorCodes.WeekOfMonth);
        schedule.Until = s.OptionalDate("until");
        schedule.Count = s.OptionalInt("count", 1, 500);
        var skip = s.OptionalText("skipSchoolHolidays");
        switch (skip)
        {
            case null:
                break;
            case "wijk":
                schedule.SkipWijkSchoolHolidays = true;
                break;
            case var r when Regions.Parse(r) is { } region:
                schedule.SkipSchoolHolidays = region;
                break;
            default:
                s.Error("skipSchoolHolidays", null, $"must be wijk (the wijk's region), noord, midden or zuid (the school holiday region), not '{skip}'", ContentErrorCodes.Choice);
                break;
        }

        if (once)
        {
            foreach (var (key, present) in new[] { ("days", schedule.Days.Count > 0), ("every", schedule.Interval != 1), ("until", schedule.Until is not null), ("count", schedule.Count is not null), ("weekOfMonth", schedule.WeekOfMonth is not null) })
            {
                if (present)
                    s.Error(key, null, "only a repeating activity has this; remove it or use repeat: weekly or monthly", ContentErrorCodes.OnlyRepeating);
            }
        }

        if (schedule.Repeat == Repeat.Weekly && schedule.WeekOfMonth is not null)
            s.Error("weekOfMonth", null, "only a monthly activity has this; use repeat: monthly", ContentErrorCodes.OnlyRepeating);
        if (schedule.Repeat == Repeat.Monthly)
        {
            if (schedule.Days.Count != 1)
                s.Error("days", null, "a monthly activity has exactly one day, e.g. [tuesday] with weekOfMonth: 2 for the second Tuesday", ContentErrorCodes.MonthlyOneDay);
            if (schedule.WeekOfMonth is null)
                s.Error("weekOfMonth", null, "is required for a monthly activity: 1, 2, 3, 4, or -1 for the last", ContentErrorCodes.Required);
        }

        if (schedule.Until is not null && schedule.Count is not null)
            s.Error("count", null, "give either 'until' or 'count', not both", ContentErrorCodes.UntilOrCount);
        if (schedule.Until < schedule.StartDate)
            s.Error("until", null, "must not be before start", ContentErrorCodes.UntilBeforeStart);
        foreach (var date in s.List("dates"))
        {
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                schedule.ExtraDates.Add(d);
            else
                s.Error("dates", null, $"'{date}' is not a date written as YYYY-MM-DD", ContentErrorCodes.Date);
        }

        schedule.ExtraDates = [.. schedule.ExtraDates.Distinct().Order()];

        changes = [];
        entries = new Dictionary<ScheduleChange, FieldReader>(ReferenceEqualityComparer.Instance);
        foreach (var c in s.GroupList("cancelled"))
        {
            var change = new ScheduleChange { Date = c.Date("date"), Cancelled = true, Reason = c.Text("reason") };
            entries[change] = c;
            changes.Add(change);
            c.RejectUnknownKeys();
        }

        foreach (var m in s.GroupList("moved"))
        {
            var change = new ScheduleChange { Date = m.Date("date"), NewDate = m.Date("to"), Reason = m.OptionalText("reason") };
            if (m.OptionalText("time") is not null)
                (change.NewStartTime, change.NewEndTime) = m.TimeRange("time");
            m.RejectUnknownKeys();
            entries[change] = m;
            changes.Add(change);
        }

        foreach (var duplicate in changes.GroupBy(c => c.Date).Where(g => g.Count() > 1))
        {
            s.Error("cancelled", null, $"{duplicate.Key:yyyy-MM-dd} is cancelled or moved more than once", ContentErrorCodes.DuplicateChange,
                duplicate.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        changes = [.. changes.OrderBy(c => c.Date)];
        s.RejectUnknownKeys();
        return schedule;
    }

    /// <summary>The fields after the node's own (key, status, updated); returns the body. Place and organiser must be loaded, or be stubs that carry the slug.</summary>
    public static string Write(YamlText y, Activity a)
    {
        y.Field("title", a.Title).Raw("type", a.Type.ToSlug()).Field("summary", a.Summary)
            .Field("ageFromMonths", a.AgeFromMonths).Field("ageToMonths", a.AgeToMonths)
            .List("languages", a.Languages, always: true)
            .Raw("cost", a.IsFree ? "gratis" : a.CostAmount!.Value.ToString("0.00", CultureInfo.InvariantCulture))
            .Field("costNote", a.CostNote)
            .Field("place", a.MeetingPlace.Slug)
            .Field("organiser", a.Organiser.Slug)
            .Group("signUp", s =>
            {
                s.Field("required", a.SignUpRequired);
                if (a.Capacity is { } c)
                    s.Field("capacity", c);
            })
            .Group("schedule", s =>
            {
                var sc = a.Schedule;
                s.Field("start", sc.StartDate)
                    .Field("time", $"{YamlText.Time(sc.StartTime)}-{YamlText.Time(sc.EndTime)}")
                    .Raw("repeat", sc.Repeat.ToString().ToLowerInvariant());
                if (sc.Interval != 1)
                    s.Field("every", sc.Interval);
                s.List("days", sc.Days.Select(Days.Name));
                if (sc.WeekOfMonth is { } nth)
                    s.Field("weekOfMonth", nth);
                if (sc.Until is { } until)
                    s.Field("until", until);
                if (sc.Count is { } count)
                    s.Field("count", count);
                if (sc.SkipWijkSchoolHolidays)
                    s.Raw("skipSchoolHolidays", "wijk");
                else if (sc.SkipSchoolHolidays is { } region)
                    s.Raw("skipSchoolHolidays", Regions.Name(region));
                s.RawList("dates", sc.ExtraDates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                s.GroupList("cancelled", a.ScheduleChanges.Where(c => c.Cancelled).ToList(), (c, change) => c
                    .Field("date", change.Date)
                    .Field("reason", change.Reason));
                s.GroupList("moved", a.ScheduleChanges.Where(c => !c.Cancelled).ToList(), (m, change) =>
                {
                    m.Field("date", change.Date).Field("to", change.NewDate!.Value);
                    if (change.NewStartTime is { } ns && change.NewEndTime is { } ne)
                        m.Field("time", $"{YamlText.Time(ns)}-{YamlText.Time(ne)}");
                    m.Field("reason", change.Reason);
                });
            });
        if (a.Sequence > 0)
            y.Field("sequence", a.Sequence);
        return a.Body;
    }

    /// <summary>Copies the content onto the row (the rules every kind follows: <see cref="ContentCopy"/>).</summary>
    /// <param name="fingerprintBefore">
    /// <see cref="SchedulingFingerprint"/> of the row before this change (null for a new row): when it differs
    /// afterwards, SEQUENCE goes up by one, so calendar apps replace what they stored. Never lower than the text says.
    /// </param>
    public static bool Copy(Activity to, Activity from, Wijk wijk, MeetingPlace place, Partner organiser, string? fingerprintBefore)
    {
        to.Wijk = wijk;
        to.Title = from.Title;
        to.Type = from.Type;
        to.Summary = from.Summary;
        to.Body = from.Body;
        to.AgeFromMonths = from.AgeFromMonths;
        to.AgeToMonths = from.AgeToMonths;
        to.Languages = [.. from.Languages];
        to.IsFree = from.IsFree;
        to.CostAmount = from.CostAmount;
        to.CostNote = from.CostNote;
        to.MeetingPlace = place;
        to.Organiser = organiser;
        to.SignUpRequired = from.SignUpRequired;
        to.Capacity = from.Capacity;
        to.Schedule ??= new ActivitySchedule();
        to.Schedule.StartDate = from.Schedule.StartDate;
        to.Schedule.StartTime = from.Schedule.StartTime;
        to.Schedule.EndTime = from.Schedule.EndTime;
        to.Schedule.Repeat = from.Schedule.Repeat;
        to.Schedule.Days = [.. from.Schedule.Days];
        to.Schedule.Until = from.Schedule.Until;
        to.Schedule.ExtraDates = [.. from.Schedule.ExtraDates];
        to.Schedule.Interval = from.Schedule.Interval;
        to.Schedule.WeekOfMonth = from.Schedule.WeekOfMonth;
        to.Schedule.Count = from.Schedule.Count;
        to.Schedule.SkipWijkSchoolHolidays = from.Schedule.SkipWijkSchoolHolidays;
        to.Schedule.SkipSchoolHolidays = from.Schedule.SkipWijkSchoolHolidays ? wijk.Region : from.Schedule.SkipSchoolHolidays;
        var changesReplaced = ContentCopy.ReplaceIfDifferent(to.ScheduleChanges, from.ScheduleChanges,
            c => (c.Date, c.Cancelled, c.Reason, c.NewDate, c.NewStartTime, c.NewEndTime),
            c => new ScheduleChange { Date = c.Date, Cancelled = c.Cancelled, Reason = c.Reason, NewDate = c.NewDate, NewStartTime = c.NewStartTime, NewEndTime = c.NewEndTime },
            v => to.ScheduleChanges = v);

        var changed = fingerprintBefore is not null && fingerprintBefore != SchedulingFingerprint(to);
        to.Sequence = Math.Max(from.Sequence, changed ? to.Sequence + 1 : to.Sequence);
        return changesReplaced;
    }

    /// <summary>What calendar apps must be told about (iCalendar SEQUENCE): time, place, recurrence and status.</summary>
    public static string SchedulingFingerprint(Activity a)
    {
        var s = a.Schedule;
        return string.Join('|',
            s.StartDate, s.StartTime, s.EndTime, s.Repeat, s.Interval, string.Join(',', s.Days), s.WeekOfMonth, s.Until, s.Count,
            s.SkipSchoolHolidays, s.SkipWijkSchoolHolidays, string.Join(',', s.ExtraDates),
            string.Join(',', a.ScheduleChanges.Select(c => $"{c.Date}:{c.Cancelled}:{c.NewDate}:{c.NewStartTime}:{c.NewEndTime}")),
            a.MeetingPlace?.Key, a.State);
    }
}
