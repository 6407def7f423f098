using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Buurtplatform.Tests.Infrastructure;

/// <summary>Fetches pages and parses them with AngleSharp, so tests assert on the document, not on strings.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url, int expectedStatus = 200)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"GET {url}: expected {expectedStatus}, got {(int)response.StatusCode}.\n{body[..Math.Min(body.Length, 2000)]}");
        return await Parser.ParseDocumentAsync(body);
    }

    public static string Text(this IElement? element) => element is null ? "" : System.Text.RegularExpressions.Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    public static string MainText(this IDocument doc) => doc.QuerySelector("main").Text();
}
