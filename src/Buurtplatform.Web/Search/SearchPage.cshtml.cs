using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.NearMe;

namespace Buurtplatform.Web.Search;

/// <summary>
/// <c>/zoeken</c>: words, facets and an optional postcode, all in the query string, so it works
/// without JavaScript and every search is a link. Not output-cached: the answers depend on the query.
/// </summary>
[ShowsMap]
public sealed class SearchPageModel(SearchService search, PostcodeCentres centres, IOptions<SearchOptions> options) : PageModel
{
    public SearchQuery Query { get; private set; } = new();

    public List<string> Problems { get; private set; } = [];

    /// <summary>Resource key of what went wrong with the postcode, or null.</summary>
    public string? PostcodeProblem { get; private set; }

    public int? Postcode { get; private set; }

    public SearchResults Results { get; private set; } = null!;

    public int MaxQueryLength => options.Value.MaxQueryLength;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Query = SearchQuery.Parse(Request.Query, options.Value.MaxQueryLength, out var problems);
        Problems = problems;
        GeoPoint? origin = null;
        if (Query.Postcode is { } typed)
        {
            // A location is never stored: this page is not cached anywhere.
            Response.Headers.CacheControl = "no-store";
            if (PostcodeCentres.TryParsePostcode(typed, out var pc4))
            {
                // Only the four digits are used, so only they stay in the address bar and history:
                // "2525 AB" (a street) becomes "2525" (a neighbourhood).
                var digits = pc4.ToString(CultureInfo.InvariantCulture);
                if (typed != digits)
                    return Redirect("/zoeken" + (Query with { Postcode = digits }).ToQueryString());
                Postcode = pc4;
                if (centres.TryGetCentre(pc4, out var centre))
                    origin = centre;
                else
                    PostcodeProblem = "Search.Postcode.Unknown";
            }
            else
            {
                PostcodeProblem = "Search.Postcode.Invalid";
            }
        }

        // In the page's language: its translations are searched too, and shown where they exist.
        Results = await search.SearchAsync(Query, origin, PageTranslations.Culture, ct);
        return Page();
    }

    /// <summary>
    /// The <c>lang</c> attribute of a result's title or snippet in <paramref name="language"/>: none when that is the page's
    /// language, else the language (Dutch text on a page in another language).
    /// </summary>
    public static string? Lang(string language) => language == CultureInfo.CurrentUICulture.TwoLetterISOLanguageName ? null : language;

    /// <summary>Its <c>dir</c> attribute: <c>ltr</c> for Dutch text on a right-to-left page, else none.</summary>
    public static string? Dir(string language) => Lang(language) is not null && CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft ? "ltr" : null;

    /// <summary>The link to this search with something changed (a facet removed, another page).</summary>
    public string Link(SearchQuery query) => "/zoeken" + query.ToQueryString();
}
