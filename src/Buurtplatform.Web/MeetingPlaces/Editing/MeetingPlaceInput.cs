using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;

namespace Buurtplatform.Web.MeetingPlaces.Editing;

/// <summary>The meeting place form: what it is, where, how accessible, who is there, and when it is open.</summary>
public sealed class MeetingPlaceInput
{
    public string? Name { get; set; }

    public string? Slug { get; set; }

    public string? Summary { get; set; }

    public string? Body { get; set; }

    public string? Street { get; set; }

    public string? Postcode { get; set; }

    public string? City { get; set; }

    public bool AddressIsPlaceholder { get; set; }

    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    /// <summary><c>ja</c> / <c>nee</c>.</summary>
    public string? Wheelchair { get; set; }

    public string? Pram { get; set; }

    public string? AccessibilityNotes { get; set; }

    /// <summary>One per line.</summary>
    public string? Facilities { get; set; }

    public string? Transit { get; set; }

    public string? Parking { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? WhatsApp { get; set; }

    public string? Host { get; set; }

    public string? Professional { get; set; }

    public List<OpeningRow> OpeningHours { get; set; } = [];

    public sealed class OpeningRow
    {
        public string? Day { get; set; }

        public string? From { get; set; }

        public string? To { get; set; }

        public string? Note { get; set; }

        public bool IsEmpty => new[] { Day, From, To, Note }.All(string.IsNullOrWhiteSpace);
    }

    public static MeetingPlaceInput From(MeetingPlace m) => new()
    {
        Name = m.Name,
        Slug = m.Slug,
        Summary = m.Summary,
        Body = m.Body,
        Street = m.Street,
        Postcode = m.Postcode,
        City = m.City,
        AddressIsPlaceholder = m.AddressIsPlaceholder,
        Latitude = m.Latitude.ToString("0.0#####", CultureInfo.InvariantCulture),
        Longitude = m.Longitude.ToString("0.0#####", CultureInfo.InvariantCulture),
        Wheelchair = m.WheelchairAccessible ? "ja" : "nee",
        Pram = m.PramAccessible ? "ja" : "nee",
        AccessibilityNotes = m.AccessibilityNotes,
        Facilities = string.Join("\n", m.Facilities),
        Transit = m.Transit,
        Parking = m.Parking,
        Phone = m.Phone,
        Email = m.Email,
        WhatsApp = m.WhatsApp,
        Host = m.HostPartner?.Slug,
        Professional = m.Professional,
        OpeningHours = m.OpeningHours.Select(o => new OpeningRow
        {
            Day = Days.Name(o.Day),
            From = o.From.ToString("HH:mm", CultureInfo.InvariantCulture),
            To = o.To.ToString("HH:mm", CultureInfo.InvariantCulture),
            Note = o.Note,
        }).ToList(),
    };

    public string ToText(Guid key, DateTime updatedUtc, RowMap rows)
    {
        static string? C(string? s) => InputText.Clean(s);
        static string? YesNo(string? s) => s switch { "ja" => "true", "nee" => "false", _ => null };
        var y = new YamlText().Field("key", key.ToString("D")).Field("updated", updatedUtc)
            .Field("name", C(Name)).Field("summary", C(Summary))
            .Group("address", a =>
            {
                a.Field("street", C(Street)).Field("postcode", C(Postcode)?.ToUpperInvariant()).Field("city", C(City));
                if (AddressIsPlaceholder)
                    a.Field("placeholder", true);
            })
            .Group("location", l => l.Field("lat", C(Latitude)?.Replace(',', '.')).Field("lon", C(Longitude)?.Replace(',', '.')))
            .Group("accessibility", a => a.Field("wheelchair", YesNo(Wheelchair)).Field("pram", YesNo(Pram)).Field("notes", C(AccessibilityNotes)))
            .List("facilities", InputText.Lines(Facilities));
        if (C(Transit) is not null || C(Parking) is not null)
            y.Group("directions", d => d.Field("transit", C(Transit)).Field("parking", C(Parking)));
        if (C(Phone) is not null || C(Email) is not null || C(WhatsApp) is not null)
            y.Group("contact", c => c.Field("phone", C(Phone)).Field("email", C(Email)).Field("whatsapp", C(WhatsApp)));
        y.Field("host", C(Host))
            .Field("professional", C(Professional));
        var moments = OpeningHours.Select((r, i) => (Row: r, Index: i)).Where(x => !x.Row.IsEmpty).ToList();
        foreach (var (_, i) in moments)
            rows.Add("openingHours", i);
        y.GroupList("openingHours", moments, (o, x) => o
            .Field("day", C(x.Row.Day) ?? "")
            .Field("from", C(x.Row.From) ?? "")
            .Field("to", C(x.Row.To) ?? "")
            .Field("note", C(x.Row.Note)));
        return InputText.Build(y, Body);
    }
}
