using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// What the schema.org JSON-LD of every page shares: the encoding and a few shapes. The types themselves live
/// with the features they describe (<c>MeetingPlaceSchemaOrg</c>, <c>ActivitySchemaOrg</c>).
/// </summary>
public static class JsonLd
{
    // The default encoder escapes <, > and &, so the JSON cannot close the script element it sits in.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string ToJson(JsonNode node) => node.ToJsonString(Options);

    public static JsonArray Images(IReadOnlyList<string> images) => new(images.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());

    /// <summary>Leaves out the properties that have no value, here and in nested objects.</summary>
    public static JsonObject WithoutNulls(JsonObject o)
    {
        foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
            o.Remove(key);
        foreach (var child in o.Select(p => p.Value).OfType<JsonObject>())
            WithoutNulls(child);
        return o;
    }

    public static string Absolute(string baseUrl, string path) => baseUrl.TrimEnd('/') + path;

    /// <summary>
    /// The page itself as a schema.org <c>WebPage</c>: its address, title and description, and the language it is
    /// written in (<c>inLanguage</c>; the thing it describes keeps its own, such as an event's spoken languages).
    /// </summary>
    public static string WebPage(string url, string name, string description, string language) => ToJson(WithoutNulls(new JsonObject
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "WebPage",
        ["url"] = url,
        ["name"] = name,
        ["description"] = description.Length == 0 ? null : description,
        ["inLanguage"] = language,
    }));
}
