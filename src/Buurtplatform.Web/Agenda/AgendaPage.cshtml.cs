using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content.Published;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.NearMe;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.Shared;

namespace Buurtplatform.Web.Agenda;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class AgendaPageModel(Published published, ActivityCalendar calendar, PostcodeCentres centres, IOptions<AgendaOptions> options, PageTranslations translations) : PageModel
{
    /// <summary>The agenda shows the coming four weeks.</summary>
    public const int DaysAhead = 28;

    public AgendaFilter Filter { get; private set; } = new();

    public List<(string Field, string Problem)> Problems { get; private set; } = [];

    /// <summary>This page's dates (all of them are <see cref="Total"/>).</summary>
    public List<ActivityOccurrence> Occurrences { get; private set; } = [];

    /// <summary>How many dates the filter gives, over all pages: what the heading counts.</summary>
    public int Total { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    /// <summary>With a located postcode: each listed activity's distance from it.</summary>
    public Dictionary<int, ApproximateDistance>? ActivityDistances { get; private set; }

    public IReadOnlyList<Wijk> Wijken { get; private set; } = [];

    public IReadOnlyList<string> Languages { get; private set; } = [];

    /// <summary>Whether the filter form shows open: when nothing is chosen yet, or a choice needs correcting.</summary>
    public bool FormOpen => Filter.IsEmpty || Problems.Count > 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        HttpContext.Tag(CacheTags.Listings);
        Filter = AgendaFilter.Parse(Request.Query.Where(p => p.Key != "pagina"), out var problems);
        Problems = problems;
        if (Request.Query["postcode"].Any(v => !string.IsNullOrWhiteSpace(v)))
        {
            // A location is never stored: not in the output cache, not in the browser's cache.
            if (HttpContext.Features.Get<IOutputCacheFeature>() is { } cache)
                cache.Context.AllowCacheStorage = false;
            Response.Headers.CacheControl = "no-store";
        }

        // "2525 AB" is a street: only its four digits stay in the address bar, the history and a shared link.
        if (Filter.PostcodeWasLong && Problems.Count == 0)
            return Redirect("/agenda" + Filter.ToQueryString() + PageSuffix(Request.Query["pagina"].LastOrDefault()));
        Filter = Filter.Locate(centres, Problems);

        var content = await published.GetAsync(ct);
        Wijken = content.Wijken;
        if (Filter.Wijk is { } wijk && content.Wijk(wijk) is null)
        {
            Problems.Add(("wijk", "Agenda.Problem.Wijk"));
            Filter = Filter with { Wijk = null };
        }

        Languages = content.ActivityLanguages;
        if (!Filter.KnowsLanguage(content.ActivityLanguages))
        {
            Problems.Add(("taal", "Agenda.Problem.Language"));
            Filter = Filter with { Language = null };
        }

        var all = calendar.Upcoming(content, DaysAhead, Filter.Matches).Where(Filter.MatchesDay).ToList();
        if (Filter.Origin is not null)
        {
            // By date, then distance: the parent plans by day, and on a day the nearest comes first; then by time.
            ActivityDistances = all.Select(o => o.Activity).DistinctBy(a => a.Id)
                .ToDictionary(a => a.Id, a => ApproximateDistance.From(Filter.MetersTo(a)!.Value));
            all = all.OrderBy(o => o.Date).ThenBy(o => Filter.MetersTo(o.Activity)).ThenBy(o => o.Start.ToInstant()).ToList();
        }

        Total = all.Count;
        var size = options.Value.PageSize;
        PageCount = Math.Max(1, (Total + size - 1) / size);
        if (ReadPage(Request.Query["pagina"].LastOrDefault()) is { } page)
            PageNumber = page;
        else
            Problems.Add(("pagina", "Agenda.Problem.Page"));
        Occurrences = all.Skip((PageNumber - 1) * size).Take(size).ToList();
        await translations.LoadAsync(Occurrences.Select(o => o.Activity.Key), ct); // the titles in the parent's language

        // A choice the agenda cannot read makes the link a bad request (a link checker sees it is broken); the page
        // still explains it in Dutch and shows the agenda without that part. An unknown postcode is a typing slip,
        // not a broken link: the parent is told and sees the agenda without the distance.
        if (Problems.Any(p => p.Field != "postcode"))
            Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>1 when not given; null for a page that is not a number or not there (the first page is shown instead).</summary>
    private int? ReadPage(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return 1;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 && page <= PageCount ? page : null;
    }

    private static string PageSuffix(string? page) =>
        int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 1 ? "&pagina=" + p.ToString(CultureInfo.InvariantCulture) : "";

    /// <summary>The agenda with this filter on another page.</summary>
    public string PageLink(int page)
    {
        var query = Filter.ToQueryString();
        if (page <= 1)
            return "/agenda" + query;
        return "/agenda" + query + (query.Length == 0 ? "?" : "&") + "pagina=" + page.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The filter in one line, e.g. "2 jaar · dinsdag · 2525 · 2 km", for the summary that opens the form.</summary>
    public string Summary(IStringLocalizer t, DateText dates)
    {
        var parts = new List<string>();
        if (Filter.Wijk is { } wijk && Wijken.FirstOrDefault(w => $"{w.Gemeente.Slug}/{w.Slug}" == wijk) is { } w)
            parts.Add(w.Name);
        if (Filter.Age is { } age)
            parts.Add(Filter.AgeUnit == AgeUnit.Years ? t.Plural("Agenda.Summary.Years", age) : t.Plural("Age.Months", age));
        if (Filter.Days.Count > 0)
            parts.Add(string.Join(", ", Filter.Days.Select(dates.DayName)));
        if (Filter.Type is { } type)
            parts.Add(PresentationText.Type(t, type));
        if (Filter.Language is { } language)
            parts.Add(PresentationText.Language(t, language));
        if (Filter.FreeOnly)
            parts.Add(t["Agenda.Summary.Free"]);
        if (Filter.Postcode is { } postcode)
        {
            parts.Add(postcode);
            parts.Add(t["Agenda.Summary.Distance", Filter.DistanceKm]);
        }

        return string.Join(" · ", parts);
    }
}
