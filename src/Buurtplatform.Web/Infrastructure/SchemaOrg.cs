using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Nodes;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.MeetingPlaces;
using NodaTime.Text;

namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// schema.org JSON-LD for search engines: a <c>Place</c> for a meeting place, and one <c>Event</c>
/// per concrete coming date of an activity, each with its own UTC offset (summer and winter time differ).
/// </summary>
public static class SchemaOrg
{
    // The default encoder escapes <, > and &, so the JSON cannot close the script element it sits in.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static readonly OffsetDateTimePattern Iso = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    /// <param name="images">Absolute URLs of the place's photo (see <see cref="Media.MediaUrls.SchemaOrgImages"/>), or null.</param>
    public static string Place(MeetingPlace p, string baseUrl, IReadOnlyList<string>? images = null)
    {
        var node = PlaceNode(p, baseUrl);
        if (images is { Count: > 0 })
            node["image"] = Images(images);
        return node.ToJsonString(Options);
    }

    private static JsonArray Images(IReadOnlyList<string> images) => new(images.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());

    private static JsonObject PlaceNode(MeetingPlace p, string baseUrl)
    {
        var place = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Place",
            ["name"] = p.Name,
            ["url"] = Absolute(baseUrl, Links.MeetingPlace(p)),
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
        return WithoutNulls(place);
    }

    private static JsonObject WithoutNulls(JsonObject o)
    {
        foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
            o.Remove(key);
        foreach (var child in o.Select(p => p.Value).OfType<JsonObject>())
            WithoutNulls(child);
        return o;
    }

    private static JsonObject Feature(string name, bool value) => new()
    {
        ["@type"] = "LocationFeatureSpecification",
        ["name"] = name,
        ["value"] = value,
    };

    /// <param name="images">Absolute URLs of the activity's photo, at least 1200 pixels wide when the photo allows; or null.</param>
    public static string Events(Activity a, IEnumerable<ActivityOccurrence> dates, string baseUrl, IReadOnlyList<string>? images = null)
    {
        var url = Absolute(baseUrl, Links.Activity(a));
        var events = new JsonArray();
        foreach (var o in dates)
        {
            var location = PlaceNode(a.MeetingPlace, baseUrl);
            location.Remove("@context");
            var offer = new JsonObject
            {
                ["@type"] = "Offer",
                ["price"] = a.IsFree ? 0 : a.CostAmount!.Value,
                ["priceCurrency"] = "EUR",
                ["url"] = url,
            };
            events.Add(WithoutNulls(new JsonObject
            {
                ["@context"] = "https://schema.org",
                ["@type"] = "Event",
                ["name"] = a.Title,
                ["description"] = a.Summary,
                ["url"] = url,
                ["image"] = images is { Count: > 0 } ? Images(images) : null,
                ["startDate"] = Iso.Format(o.Start.ToOffsetDateTime()),
                ["endDate"] = Iso.Format(o.End.ToOffsetDateTime()),
                ["eventStatus"] = o.Status switch
                {
                    Buurtplatform.Calendar.OccurrenceStatus.Cancelled => "https://schema.org/EventCancelled",
                    Buurtplatform.Calendar.OccurrenceStatus.Moved => "https://schema.org/EventRescheduled",
                    _ => "https://schema.org/EventScheduled",
                },
                ["previousStartDate"] = o.IsMoved ? Iso.Format(o.OriginalStart.InZoneLeniently(o.Start.Zone).ToOffsetDateTime()) : null,
                ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
                ["location"] = location,
                ["organizer"] = new JsonObject { ["@type"] = "Organization", ["name"] = a.Organiser.Name, ["url"] = a.Organiser.Website },
                ["offers"] = offer,
                ["isAccessibleForFree"] = a.IsFree,
                ["inLanguage"] = new JsonArray(a.Languages.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
                ["typicalAgeRange"] = TypicalAgeRange(a),
                ["audience"] = new JsonObject { ["@type"] = "PeopleAudience", ["suggestedMinAge"] = a.AgeFromMonths / 12.0, ["suggestedMaxAge"] = a.AgeToMonths / 12.0 },
            }));
        }

        return events.ToJsonString(Options);
    }

    /// <summary>schema.org wants years: "0-1", "1-4".</summary>
    private static string TypicalAgeRange(Activity a) =>
        string.Create(CultureInfo.InvariantCulture, $"{a.AgeFromMonths / 12}-{(a.AgeToMonths + 11) / 12}");

    private static string Absolute(string baseUrl, string path) => baseUrl.TrimEnd('/') + path;
}
