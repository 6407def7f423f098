namespace Buurtplatform.Web.Content;

/// <summary>
/// Size limits on imported content (docs/content.md). A content file is written by people, so these sit far above
/// what any real node needs (the largest seed file is about 11 KB, its longest title 59 characters), and far below
/// what would make an import slow or memory-hungry (a 10 MB body took 17.6 s and 740 MB).
/// </summary>
public static class ContentLimits
{
    /// <summary>A whole <c>.md</c> file, checked before it is read.</summary>
    public const int MaxFileBytes = 256 * 1024;

    /// <summary>The Markdown body after the front matter.</summary>
    public const int MaxBodyChars = 100_000;

    /// <summary>A node's <c>title:</c> (and a gemeente's or wijk's <c>name:</c>).</summary>
    public const int MaxTitleChars = 200;

    /// <summary>A node's <c>summary:</c>.</summary>
    public const int MaxSummaryChars = 500;
}
