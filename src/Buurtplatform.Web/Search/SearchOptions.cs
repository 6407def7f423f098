namespace Buurtplatform.Web.Search;

/// <summary>Search settings (section <c>Search</c>). Defaults in code; configuration overrides them; validated on start.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Longer queries are cut to this many characters (and the parent is told). Default 200.</summary>
    public int MaxQueryLength { get; set; } = 200;

    /// <summary>Only the first this-many words of a query are used. Default 8.</summary>
    public int MaxWords { get; set; } = 8;

    /// <summary>The last word also matches as the start of longer words from this length. Default 3 ("zin" → zingen).</summary>
    public int MinPrefixLength { get; set; } = 3;

    /// <summary>Words at least this long that are not in the vocabulary also match words one typo away. Default 5 (the rule).</summary>
    public int MinTypoLength { get; set; } = 5;

    /// <summary>Results per page. Default 20.</summary>
    public int PageSize { get; set; } = 20;

    /// <summary>Words in a result's snippet. Default 28.</summary>
    public int SnippetWords { get; set; } = 28;

    internal static bool IsValid(SearchOptions o) =>
        o.MaxQueryLength is >= 20 and <= 2000 && o.MaxWords is >= 1 and <= 32 && o.MinPrefixLength >= 1
        && o.MinTypoLength >= 3 && o.PageSize is >= 5 and <= 200 && o.SnippetWords is >= 5 and <= 200;
}
