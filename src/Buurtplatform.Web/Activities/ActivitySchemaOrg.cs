using System.Text.Json.Nodes;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.MeetingPlaces;
using NodaTime.Text;

namespace Buurtplatform.Web.Activities;

/// <summary>
/// schema.org JSON-LD for search engines: one <c>Event</c> per concrete coming date of an activity, each with its
/// own UTC offset (summer and winter time differ), at its meeting place's <c>Place</c>. Its name and description are in
/// the page's language where translated; <c>inLanguage</c> stays what schema.org means by it for an event: the
/// languages spoken there (the page's own language is in its <see cref="JsonLd.WebPage"/>).
/// </summary>
public static class ActivitySchemaOrg
{
    private static readonly OffsetDateTimePattern Iso = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    /// <param name="images">Absolute URLs of the activity's photo, at least 1200 pixels wide when the photo allows; or null.</param>
    /// <param name="translations">The page's translations (the activity's name and description); null for Dutch.</param>
    public static string Events(Activity a, IEnumerable<ActivityOccurrence> dates, string baseUrl, IReadOnlyList<string>? images = null, ContentTranslations? translations = null)
    {
        translations ??= ContentTranslations.None;
        var url = JsonLd.Absolute(baseUrl, Links.Activity(a));
        var events = new JsonArray();
        foreach (var o in dates)
        {
            var location = MeetingPlaceSchemaOrg.PlaceNode(a.MeetingPlace, baseUrl);
            location.Remove("@context");
            var offer = new JsonObject
            {
                ["@type"] = "Offer",
                ["price"] = a.IsFree ? 0 : a.CostAmount!.Value,
                ["priceCurrency"] = "EUR",
                ["url"] = url,
            };
            events.Add(JsonLd.WithoutNulls(new JsonObject
            {
                ["@context"] = "https://schema.org",
                ["@type"] = "Event",
                ["name"] = translations.Text(a, "title").Value,
                ["description"] = translations.Text(a, "summary").Value,
                ["url"] = url,
                ["image"] = images is { Count: > 0 } ? JsonLd.Images(images) : null,
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

        return JsonLd.ToJson(events);
    }

    /// <summary>schema.org wants years: "0-1", "1-4".</summary>
    private static string TypicalAgeRange(Activity a) =>
        string.Create(CultureInfo.InvariantCulture, $"{a.AgeFromMonths / 12}-{(a.AgeToMonths + 11) / 12}");
}
