using Buurtplatform.Calendar;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Calendar;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Markdig;
using NodaTime;

namespace Buurtplatform.Web.Search;

/// <summary>Turns a public content node into its index row. Pure: the indexer decides what is public.</summary>
internal static class SearchDocumentBuilder
{
    // Raw HTML in editors' Markdown stays literal text here too; it is escaped when a snippet is shown.
    private static readonly MarkdownPipeline PlainText = new MarkdownPipelineBuilder().DisableHtml().Build();

    internal const int MaxTitle = 200;

    public static SearchDocument Build(Activity a, ISearchEngine engine, SchoolHolidays? holidays)
    {
        var s = a.Schedule;
        var days = s.Repeat == Repeat.Once ? 1 << (int)s.StartDate.DayOfWeek : s.Days.Aggregate(0, (m, d) => m | (1 << (int)d));
        foreach (var extra in s.ExtraDates.Concat(a.ScheduleChanges.Where(c => c.NewDate is not null).Select(c => c.NewDate!.Value)))
            days |= 1 << (int)extra.DayOfWeek;
        var last = LastDate(a, holidays);
        var place = a.MeetingPlace;
        return Document(engine, a.Key, SearchKind.Activity, a.Title, Links.Activity(a), a.Wijk,
            text: Join(a.Summary, Plain(a.Body)),
            extra: Join(a.Type.ToSlug().Replace('-', ' '), place.Name, a.Wijk.Name, a.Wijk.Gemeente.Name),
            doc =>
            {
                doc.ActivityType = a.Type;
                doc.AgeBands = BandsFor(a.AgeFromMonths, a.AgeToMonths);
                doc.DayMask = days;
                doc.IsFree = a.IsFree;
                doc.LastDate = last;
                (doc.Latitude, doc.Longitude) = Location(place);
            });
    }

    public static SearchDocument Build(MeetingPlace p, ISearchEngine engine) =>
        Document(engine, p.Key, SearchKind.MeetingPlace, p.Name, Links.MeetingPlace(p), p.Wijk,
            text: Join(p.Summary, Plain(p.Body)),
            extra: Join(p.Street, p.Postcode, p.City, string.Join(", ", p.Facilities), p.Professional, p.AccessibilityNotes,
                string.Join(", ", p.OpeningHours.Select(o => o.Note)), p.Wijk.Name, p.Wijk.Gemeente.Name),
            doc =>
            {
                doc.DayMask = p.OpeningHours.Aggregate(0, (m, o) => m | (1 << (int)o.Day));
                (doc.Latitude, doc.Longitude) = Location(p);
            });

    public static SearchDocument Build(Wijk w, ISearchEngine engine) =>
        Document(engine, w.Key, SearchKind.Wijk, w.Name, Links.Wijk(w), w,
            text: Join(w.Summary, Plain(w.Body)), extra: w.Gemeente.Name, _ => { });

    public static SearchDocument Build(Vision.Vision v, ISearchEngine engine) =>
        Document(engine, v.Key, SearchKind.Vision, v.Title, Links.Vision(v.Wijk), v.Wijk,
            text: Join([v.Summary, Plain(v.Intro), .. v.Sections.SelectMany(x => new[] { x.Heading, Plain(x.Body) })]),
            extra: Join(v.WrittenByParents, v.WrittenByProfessionals, v.Wijk.Name, v.Wijk.Gemeente.Name), _ => { });

    /// <summary>Partners have no page of their own; they are listed on their wijk's page.</summary>
    public static SearchDocument Build(Partner p, ISearchEngine engine) =>
        Document(engine, p.Key, SearchKind.Partner, p.Name, Links.Wijk(p.Wijk) + "#partners", p.Wijk,
            text: Join(p.Role, Plain(p.Body)), extra: Join(p.Wijk.Name, p.Wijk.Gemeente.Name), _ => { });

    /// <summary>
    /// The last date the activity really takes place (moved dates counted, cancelled ones not), from
    /// the same calendar engine the pages use; null when the series runs on. Stored so that "past"
    /// is a comparison with today at query time, and the index never has to be touched as days pass.
    /// </summary>
    private static DateOnly? LastDate(Activity a, SchoolHolidays? holidays)
    {
        var s = a.Schedule;
        if (s.Repeat != Repeat.Once && s.Until is null && s.Count is null)
            return null;
        var zone = SiteZone.Zone;
        var start = LocalDate.FromDateOnly(s.StartDate);
        var end = LocalDate.FromDateOnly(new[] { s.Until ?? s.StartDate.AddYears(s.Count is null ? 0 : 30) }
            .Concat(s.ExtraDates).Concat(a.ScheduleChanges.Where(c => c.NewDate is not null).Select(c => c.NewDate!.Value)).Max());
        var window = new Interval(start.PlusDays(-1).AtStartOfDayInZone(zone).ToInstant(), end.PlusDays(2).AtStartOfDayInZone(zone).ToInstant());
        var last = RecurrenceExpander.Expand(ActivitySeries.From(a, holidays), window)
            .Where(o => o.Status != OccurrenceStatus.Cancelled)
            .Select(o => (LocalDate?)o.Start.Date)
            .LastOrDefault();
        return last?.ToDateOnly() ?? s.StartDate;
    }

    public static AgeBands BandsFor(int fromMonths, int toMonths)
    {
        var bands = AgeBands.None;
        if (fromMonths <= 11)
            bands |= AgeBands.Baby;
        if (fromMonths <= 23 && toMonths >= 12)
            bands |= AgeBands.Dreumes;
        if (fromMonths <= 47 && toMonths >= 24)
            bands |= AgeBands.Peuter;
        if (toMonths >= 48)
            bands |= AgeBands.Kleuter;
        return bands;
    }

    private static SearchDocument Document(ISearchEngine engine, Guid key, SearchKind kind, string title, string url, Wijk wijk,
        string text, string extra, Action<SearchDocument> facets)
    {
        var titleWords = DutchAnalyzer.Analyze(title);
        var bodyWords = DutchAnalyzer.Analyze(Join(text, extra));
        var doc = new SearchDocument
        {
            NodeKey = key,
            Kind = kind,
            Title = title.Length > MaxTitle ? title[..MaxTitle] : title,
            Url = url,
            Text = text,
            TitleText = engine.IndexText(titleWords),
            BodyText = engine.IndexText(bodyWords),
            Words = string.Join(' ', titleWords.Concat(bodyWords).Where(w => w.Term is not null).Select(w => w.Word).Distinct().Order(StringComparer.Ordinal)),
            GemeenteId = wijk.GemeenteId,
            WijkId = wijk.Id,
        };
        facets(doc);
        return doc;
    }

    private static (double?, double?) Location(MeetingPlace p) =>
        p.Latitude == 0 && p.Longitude == 0 ? (null, null) : (p.Latitude, p.Longitude);

    /// <summary>Markdown as plain text (what snippets are cut from and the index reads).</summary>
    internal static string Plain(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, PlainText).Trim();

    /// <summary>The non-empty parts, trimmed, one a line.</summary>
    internal static string Join(params IEnumerable<string?> parts)
    {
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            if (string.IsNullOrWhiteSpace(part))
                continue;
            if (sb.Length > 0)
                sb.Append('\n');
            sb.Append(part.Trim());
        }

        return sb.ToString();
    }
}
