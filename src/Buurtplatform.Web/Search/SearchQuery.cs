using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Agenda;
using Buurtplatform.Web.NearMe;
using Microsoft.AspNetCore.WebUtilities;

namespace Buurtplatform.Web.Search;

/// <summary>
/// What the parent asked, read from and written to the query string, so every search — words,
/// facets, postcode, page — is a link: <c>/zoeken?q=zingen+peuter&amp;gemeente=den-haag&amp;gratis=ja&amp;postcode=2525</c>.
/// Parsing is lenient (search must never fail) but reports what it could not use.
/// </summary>
public sealed record SearchQuery
{
    public static readonly string[] AgeWords = ["baby", "dreumes", "peuter", "kleuter"];

    /// <summary>The words, cleaned and cut to the configured length.</summary>
    public string Text { get; init; } = "";

    public bool TextWasCut { get; init; }

    public IReadOnlyList<string> Gemeenten { get; init; } = [];

    /// <summary><c>gemeente/wijk</c> slugs.</summary>
    public IReadOnlyList<string> Wijken { get; init; } = [];

    public IReadOnlyList<ActivityType> Types { get; init; } = [];

    public AgeBands Ages { get; init; }

    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];

    public bool FreeOnly { get; init; }

    /// <summary>The postcode as typed (only its four digits are ever used).</summary>
    public string? Postcode { get; init; }

    /// <summary>
    /// "Only within this many km" of the postcode (one of <see cref="Distances.Kilometres"/>), or null: then a postcode
    /// only sorts, nearest first, as search finds by words and a far match may still be the one meant.
    /// </summary>
    public int? DistanceKm { get; init; }

    public int Page { get; init; } = 1;

    public bool HasText => Text.Length > 0;

    public bool HasFacets => Gemeenten.Count > 0 || Wijken.Count > 0 || Types.Count > 0 || Ages != AgeBands.None || Days.Count > 0 || FreeOnly;

    public static SearchQuery Parse(IQueryCollection query, int maxLength, out List<string> problems)
    {
        problems = [];
        var text = DutchAnalyzer.Clean(query["q"].LastOrDefault() ?? "").Trim();
        var cut = false;
        if (text.Length > maxLength)
        {
            // Never cut a surrogate pair in two.
            var end = char.IsLowSurrogate(text[maxLength]) ? maxLength - 1 : maxLength;
            text = text[..end].TrimEnd();
            cut = true;
        }

        var result = new SearchQuery { Text = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)), TextWasCut = cut };

        IEnumerable<string> Values(string key) => query[key].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal);

        var gemeenten = Values("gemeente").ToList();
        var wijken = Values("wijk").ToList();
        if (gemeenten.Any(g => !Content.Slugs.IsValid(g)) || wijken.Any(w => w.Split('/') is not [var g, var s] || !Content.Slugs.IsValid(g) || !Content.Slugs.IsValid(s)))
            problems.Add("Search.Problem.Place");
        result = result with
        {
            Gemeenten = gemeenten.Where(Content.Slugs.IsValid).ToList(),
            Wijken = wijken.Where(w => w.Split('/') is [var g, var s] && Content.Slugs.IsValid(g) && Content.Slugs.IsValid(s)).ToList(),
        };

        var types = new List<ActivityType>();
        foreach (var t in Values("soort"))
        {
            if (ActivityTypes.TryParse(t, out var type))
                types.Add(type);
            else
                problems.Add("Search.Problem.Type");
        }

        var ages = AgeBands.None;
        foreach (var a in Values("leeftijd"))
        {
            var i = Array.IndexOf(AgeWords, a);
            if (i >= 0)
                ages |= (AgeBands)(1 << i);
            else
                problems.Add("Search.Problem.Age");
        }

        var days = new List<DayOfWeek>();
        foreach (var d in Values("dag"))
        {
            var i = Array.IndexOf(AgendaFilter.DayWords, d);
            if (i >= 0)
                days.Add((DayOfWeek)i);
            else
                problems.Add("Search.Problem.Day");
        }

        var free = Values("gratis").LastOrDefault();
        if (free is not null and not "ja")
            problems.Add("Search.Problem.Free");

        var page = 1;
        if (Values("pagina").LastOrDefault() is { } p && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > 10_000))
            page = 1;

        int? distance = null;
        if (Values("afstand").LastOrDefault() is { } distanceText)
        {
            if (Distances.TryParse(distanceText, out var km))
                distance = km;
            else
                problems.Add("Search.Problem.Distance");
        }

        var postcode = Values("postcode").LastOrDefault();
        return result with
        {
            Types = types.Distinct().ToList(),
            Ages = ages,
            Days = days.Distinct().OrderBy(d => ((int)d + 6) % 7).ToList(),
            FreeOnly = free == "ja",
            Postcode = postcode is { Length: <= 16 } ? postcode : null,
            DistanceKm = distance,
            Page = page,
        };
    }

    /// <summary>This query as a query string (starting with '?', or empty).</summary>
    public string ToQueryString()
    {
        var parts = new List<KeyValuePair<string, string?>>();
        if (HasText)
            parts.Add(new("q", Text));
        parts.AddRange(Gemeenten.Select(g => new KeyValuePair<string, string?>("gemeente", g)));
        parts.AddRange(Wijken.Select(w => new KeyValuePair<string, string?>("wijk", w)));
        parts.AddRange(Types.Select(t => new KeyValuePair<string, string?>("soort", t.ToSlug())));
        for (var i = 0; i < AgeWords.Length; i++)
        {
            if (Ages.HasFlag((AgeBands)(1 << i)))
                parts.Add(new("leeftijd", AgeWords[i]));
        }

        parts.AddRange(Days.Select(d => new KeyValuePair<string, string?>("dag", AgendaFilter.DayWords[(int)d])));
        if (FreeOnly)
            parts.Add(new("gratis", "ja"));
        if (!string.IsNullOrEmpty(Postcode))
            parts.Add(new("postcode", Postcode));
        if (DistanceKm is { } km)
            parts.Add(new("afstand", km.ToString(CultureInfo.InvariantCulture)));
        if (Page > 1)
            parts.Add(new("pagina", Page.ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString("", parts);
    }
}
