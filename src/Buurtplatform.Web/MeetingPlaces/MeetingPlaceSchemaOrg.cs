using System.Text.Json.Nodes;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.MeetingPlaces;

/// <summary>schema.org JSON-LD for search engines: a <c>Place</c> for a meeting place (also the location of its activities' events).</summary>
public static class MeetingPlaceSchemaOrg
{
    /// <param name="images">Absolute URLs of the place's photo (see <see cref="Media.MediaUrls.SchemaOrgImages"/>), or null.</param>
    /// <param name="translations">The page's translations (the place's description; its name stays Dutch); null for Dutch.</param>
    public static string Place(MeetingPlace p, string baseUrl, IReadOnlyList<string>? images = null, ContentTranslations? translations = null)
    {
        var node = PlaceNode(p, baseUrl);
        node["description"] = (translations ?? ContentTranslations.None).Text(p, "summary").Value;
        if (images is { Count: > 0 })
            node["image"] = JsonLd.Images(images);
        return JsonLd.ToJson(node);
    }

    public static JsonObject PlaceNode(MeetingPlace p, string baseUrl)
    {
        var place = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Place",
            ["name"] = p.Name,
            ["url"] = JsonLd.Absolute(baseUrl, Links.MeetingPlace(p)),
            ["address"] = new JsonObject
            {
                ["@type"] = "PostalAddress",
                // A placeholder address is not given to search engines as if it were real.
                ["streetAddress"] = p.AddressIsPlaceholder ? null : p.Street,
                ["postalCode"] = p.Postcode,
                ["addressLocality"] = p.City,
                ["addressCountry"] = "NL",
            },
            ["geo"] = new JsonObject
            {
                ["@type"] = "GeoCoordinates",
                ["latitude"] = Math.Round(p.Latitude, 6),
                ["longitude"] = Math.Round(p.Longitude, 6),
            },
            ["isAccessibleForFree"] = true,
            ["publicAccess"] = true,
            ["amenityFeature"] = new JsonArray(
                Feature("Rolstoeltoegankelijk", p.WheelchairAccessible),
                Feature("Ruimte voor kinderwagens", p.PramAccessible)),
        };
        return JsonLd.WithoutNulls(place);
    }

    private static JsonObject Feature(string name, bool value) => new()
    {
        ["@type"] = "LocationFeatureSpecification",
        ["name"] = name,
        ["value"] = value,
    };
}
