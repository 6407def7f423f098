using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;

namespace Buurtplatform.Web.Activities.Editing;

/// <summary>
/// The activity form, in the words staff use ("elke week op dinsdag en donderdag", "tot en met", "aantal keer").
/// Every field is the text as typed, so a form shown again with errors keeps everything. <see cref="ToText"/>
/// writes it in the content file format, where the reader checks it.
/// </summary>
public sealed class ActivityInput
{
    public string? Title { get; set; }

    public string? Slug { get; set; }

    public string? Type { get; set; }

    public string? Summary { get; set; }

    public string? Body { get; set; }

    public string? AgeFromMonths { get; set; }

    public string? AgeToMonths { get; set; }

    public List<string> Languages { get; set; } = [];

    /// <summary>Other languages as two-letter codes, separated by commas.</summary>
    public string? OtherLanguages { get; set; }

    /// <summary><c>gratis</c> or <c>bedrag</c>.</summary>
    public string? CostKind { get; set; }

    public string? CostAmount { get; set; }

    public string? CostNote { get; set; }

    public string? Place { get; set; }

    public string? Organiser { get; set; }

    /// <summary><c>ja</c>: parents sign up first; <c>nee</c>: walk in.</summary>
    public string? SignUp { get; set; }

    public string? Capacity { get; set; }

    /// <summary><c>once</c>, <c>weekly</c>, <c>monthly</c>.</summary>
    public string? Repeat { get; set; }

    public string? StartDate { get; set; }

    public string? StartTime { get; set; }

    public string? EndTime { get; set; }

    /// <summary>Every how many weeks (weekly).</summary>
    public string? EveryWeeks { get; set; }

    /// <summary>Every how many months (monthly).</summary>
    public string? EveryMonths { get; set; }

    public List<string> Days { get; set; } = [];

    public string? MonthlyDay { get; set; }

    public string? WeekOfMonth { get; set; }

    /// <summary><c>never</c>, <c>until</c>, <c>count</c>.</summary>
    public string? Ends { get; set; }

    public string? Until { get; set; }

    public string? Count { get; set; }

    /// <summary>Empty, wijk (the wijk's region), or noord / midden / zuid.</summary>
    public string? SkipSchoolHolidays { get; set; }

    public List<string?> ExtraDates { get; set; } = [];

    public List<CancelledRow> Cancelled { get; set; } = [];

    public List<MovedRow> Moved { get; set; } = [];

    public sealed class CancelledRow
    {
        public string? Date { get; set; }

        public string? Reason { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Date) && string.IsNullOrWhiteSpace(Reason);
    }

    public sealed class MovedRow
    {
        public string? Date { get; set; }

        public string? To { get; set; }

        public string? StartTime { get; set; }

        public string? EndTime { get; set; }

        public string? Reason { get; set; }

        public bool IsEmpty => new[] { Date, To, StartTime, EndTime, Reason }.All(string.IsNullOrWhiteSpace);
    }

    /// <summary>Languages with a checkbox; others can be typed as codes.</summary>
    public static readonly IReadOnlyList<string> CommonLanguages = ["nl", "en", "ar", "tr", "pl", "uk", "so", "ti", "fa", "es", "fr", "de"];

    public static ActivityInput From(Activity a)
    {
        var s = a.Schedule;
        var input = new ActivityInput
        {
            Title = a.Title,
            Slug = a.Slug,
            Type = a.Type.ToSlug(),
            Summary = a.Summary,
            Body = a.Body,
            AgeFromMonths = Number(a.AgeFromMonths),
            AgeToMonths = Number(a.AgeToMonths),
            Languages = a.Languages.Where(CommonLanguages.Contains).ToList(),
            OtherLanguages = string.Join(", ", a.Languages.Where(l => !CommonLanguages.Contains(l))),
            CostKind = a.IsFree ? "gratis" : "bedrag",
            CostAmount = a.CostAmount?.ToString("0.00", CultureInfo.InvariantCulture),
            CostNote = a.CostNote,
            Place = a.MeetingPlace?.Slug,
            Organiser = a.Organiser?.Slug,
            SignUp = a.SignUpRequired ? "ja" : "nee",
            Capacity = a.Capacity is { } c ? Number(c) : null,
            Repeat = s.Repeat.ToString().ToLowerInvariant(),
            StartDate = Date(s.StartDate),
            StartTime = Time(s.StartTime),
            EndTime = Time(s.EndTime),
            EveryWeeks = s.Repeat == Activities.Repeat.Weekly ? Number(s.Interval) : "1",
            EveryMonths = s.Repeat == Activities.Repeat.Monthly ? Number(s.Interval) : "1",
            Days = s.Repeat == Activities.Repeat.Weekly ? s.Days.Select(Content.Days.Name).ToList() : [],
            MonthlyDay = s.Repeat == Activities.Repeat.Monthly && s.Days.Count > 0 ? Content.Days.Name(s.Days[0]) : null,
            WeekOfMonth = s.WeekOfMonth is { } n ? Number(n) : null,
            Ends = s.Until is not null ? "until" : s.Count is not null ? "count" : "never",
            Until = s.Until is { } u ? Date(u) : null,
            Count = s.Count is { } k ? Number(k) : null,
            SkipSchoolHolidays = s.SkipWijkSchoolHolidays ? "wijk" : s.SkipSchoolHolidays is { } region ? Regions.Name(region) : "",
            ExtraDates = s.ExtraDates.Select(d => (string?)Date(d)).ToList(),
            Cancelled = a.ScheduleChanges.Where(c => c.Cancelled).Select(c => new CancelledRow { Date = Date(c.Date), Reason = c.Reason }).ToList(),
            Moved = a.ScheduleChanges.Where(c => !c.Cancelled).Select(c => new MovedRow
            {
                Date = Date(c.Date),
                To = c.NewDate is { } to ? Date(to) : null,
                StartTime = c.NewStartTime is { } st ? Time(st) : null,
                EndTime = c.NewEndTime is { } et ? Time(et) : null,
                Reason = c.Reason,
            }).ToList(),
        };
        return input;
    }

    /// <summary>The node's file text. Rows left empty are not written; <paramref name="rows"/> remembers which row each written one was.</summary>
    public string ToText(Guid key, DateTime updatedUtc, RowMap rows)
    {
        var y = new YamlText().Field("key", key.ToString("D")).Field("updated", updatedUtc)
            .Field("title", Clean(Title)).Field("type", Clean(Type)).Field("summary", Clean(Summary))
            .Field("ageFromMonths", Clean(AgeFromMonths)).Field("ageToMonths", Clean(AgeToMonths));
        var languages = Languages.Concat((OtherLanguages ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(l => l.ToLowerInvariant()).Distinct().ToList();
        y.List("languages", languages, always: true);
        y.Field("cost", CostKind == "gratis" ? "gratis" : Clean(CostAmount)?.Replace(',', '.').TrimStart('€', ' '));
        y.Field("costNote", Clean(CostNote)).Field("place", Clean(Place)).Field("organiser", Clean(Organiser));
        y.Group("signUp", s =>
        {
            s.Field("required", SignUp switch { "ja" => "true", "nee" => "false", _ => null });
            s.Field("capacity", SignUp == "ja" ? Clean(Capacity) : null);
        });
        y.Group("schedule", s =>
        {
            s.Field("start", Clean(StartDate));
            if (Clean(StartTime) is not null || Clean(EndTime) is not null)
                s.Field("time", $"{Clean(StartTime)}-{Clean(EndTime)}");
            s.Field("repeat", Clean(Repeat));
            switch (Repeat)
            {
                case "weekly":
                    if (Clean(EveryWeeks) is { } weeks and not "1")
                        s.Field("every", weeks);
                    s.List("days", Days);
                    break;
                case "monthly":
                    if (Clean(EveryMonths) is { } months and not "1")
                        s.Field("every", months);
                    if (Clean(MonthlyDay) is { } day)
                        s.List("days", [day]);
                    s.Field("weekOfMonth", Clean(WeekOfMonth));
                    break;
            }

            if (Repeat is "weekly" or "monthly")
            {
                if (Ends == "until")
                    s.Field("until", Clean(Until) ?? "");
                if (Ends == "count")
                    s.Field("count", Clean(Count) ?? "");
            }

            s.Field("skipSchoolHolidays", Clean(SkipSchoolHolidays));
            s.List("dates", ExtraDates.Select(Clean).OfType<string>());
            var cancelled = Cancelled.Select((r, i) => (Row: r, Index: i)).Where(x => !x.Row.IsEmpty).ToList();
            foreach (var (_, i) in cancelled)
                rows.Add("schedule.cancelled", i);
            s.GroupList("cancelled", cancelled, (c, x) => c.Field("date", Clean(x.Row.Date) ?? "").Field("reason", Clean(x.Row.Reason)));
            var moved = Moved.Select((r, i) => (Row: r, Index: i)).Where(x => !x.Row.IsEmpty).ToList();
            foreach (var (_, i) in moved)
                rows.Add("schedule.moved", i);
            s.GroupList("moved", moved, (m, x) =>
            {
                m.Field("date", Clean(x.Row.Date) ?? "").Field("to", Clean(x.Row.To) ?? "");
                if (Clean(x.Row.StartTime) is not null || Clean(x.Row.EndTime) is not null)
                    m.Field("time", $"{Clean(x.Row.StartTime)}-{Clean(x.Row.EndTime)}");
                m.Field("reason", Clean(x.Row.Reason));
            });
        });
        var text = "---\n" + y + "---\n";
        var body = Clean(Body);
        return body is null ? text : text + "\n" + body.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Trimmed text, or null when empty (the reader then says what is missing).</summary>
    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
}
