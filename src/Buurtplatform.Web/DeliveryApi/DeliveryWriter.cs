using System.Text.Json.Nodes;

namespace Buurtplatform.Web.DeliveryApi;

/// <summary>Nodes of one <see cref="DeliveryTree"/> as Umbraco's JSON, with <c>expand</c> and <c>fields</c> applied.</summary>
public sealed class DeliveryWriter(DeliveryTree tree, PropertySelection expand, PropertySelection fields)
{
    private static readonly IReadOnlyDictionary<string, ApiContentRoute> NoCultures = new Dictionary<string, ApiContentRoute>();

    public ApiContentResponse Response(DeliveryNode n) =>
        new(n.Name, Utc(n.CreatedUtc), Utc(n.UpdatedUtc), Route(n), n.Key, n.ContentType, Properties(n, expand, fields), Cultures(n));

    public static ApiContentRoute Route(DeliveryNode n) => new(n.Path, new ApiStartItem(n.StartKey, n.StartPath));

    /// <summary>
    /// As Umbraco: per language the node is published in, its route there: the address of its page in that language
    /// (<c>/ar/den-haag/…</c>; Dutch has no prefix). A node in Dutch only (invariant, in Umbraco's terms) has an empty map.
    /// </summary>
    public static IReadOnlyDictionary<string, ApiContentRoute> Cultures(DeliveryNode n) =>
        n.Cultures.Count == 0 ? NoCultures
            : n.Cultures.ToDictionary(c => c, c => c == Content.Translations.ContentTranslations.Dutch ? Route(n) : Route(n) with { Path = "/" + c + n.Path }, StringComparer.Ordinal);

    private Dictionary<string, JsonNode?> Properties(DeliveryNode n, PropertySelection expanded, PropertySelection shown)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (alias, value) in n.Properties)
        {
            if (!shown.Includes(alias))
                continue;
            result[alias] = value switch
            {
                DeliveryRef r => Reference(r, expanded.Includes(alias) ? expanded.Inner(alias) ?? PropertySelection.None : null,
                    shown.Inner(alias) ?? PropertySelection.Everything),
                _ => Json(value),
            };
        }

        return result;
    }

    /// <summary>
    /// A node another node points at: shallow, or with its properties when expanded. Only a node of this same tree (what the
    /// request may see) is ever written; a reference to anything else is null, so expand reaches nothing the item's own
    /// endpoint would not show.
    /// </summary>
    private JsonNode? Reference(DeliveryRef r, PropertySelection? expandInner, PropertySelection fieldsInner)
    {
        if (tree.Find(r.Key) is not { } target)
            return null;
        var properties = expandInner is null ? new Dictionary<string, JsonNode?>() : Properties(target, expandInner, fieldsInner);
        var content = new ApiContent(target.Name, Utc(target.CreatedUtc), Utc(target.UpdatedUtc), Route(target), target.Key, target.ContentType, properties);
        return System.Text.Json.JsonSerializer.SerializeToNode(content, DeliveryApiSetup.Json);
    }

    private static JsonNode? Json(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        _ => throw new InvalidOperationException($"A delivery property of type {value.GetType().Name} has no JSON form."),
    };

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
