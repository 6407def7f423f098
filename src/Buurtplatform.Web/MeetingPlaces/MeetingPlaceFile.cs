using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.MeetingPlaces;

/// <summary>
/// A meeting place's file (<c>{wijk}/ontmoetingsplekken/{slug}.md</c>): its front matter read into a
/// <see cref="MeetingPlace"/>, written back, and copied onto the row.
/// </summary>
/// <remarks>
/// The host comes back as a stub that carries only the slug written in the file; the content tree (or the
/// backoffice) resolves it among the wijk's partners. The photo group is the media library's (<see cref="Media.PhotoGroup"/>).
/// </remarks>
internal static class MeetingPlaceFile
{
    /// <summary>The fields a translation (<c>{slug}.ar.md</c>) may carry, with the Dutch text each translates (docs/content.md); the name stays Dutch.</summary>
    public static readonly TranslatableFields Translatable = TranslatableFields.Of<MeetingPlace>(
        ("summary", p => p.Summary), ("professional", p => p.Professional), ("accessibility.notes", p => p.AccessibilityNotes),
        ("directions.transit", p => p.Transit), ("directions.parking", p => p.Parking), (TranslatableFields.Body, p => p.Body));

    public static MeetingPlace Read(FrontMatterFile file, FieldReader f)
    {
        var place = f.Node(new MeetingPlace { Body = file.Body });
        place.Name = f.Text("name");
        place.Summary = f.Text("summary");
        if (f.Group("address", required: true) is { } address)
        {
            place.Street = address.Text("street");
            place.Postcode = address.Text("postcode");
            if (place.Postcode.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(place.Postcode, "^[1-9][0-9]{3} [A-Z]{2}$"))
                address.Error("postcode", null, $"must be written as 1234 AB, not '{place.Postcode}'", ContentErrorCodes.Postcode);
            place.City = address.Text("city");
            place.AddressIsPlaceholder = address.Bool("placeholder", defaultValue: false);
            address.RejectUnknownKeys();
        }

        if (f.Group("location", required: true) is { } location)
        {
            place.Latitude = location.Double("lat", 50.7, 53.6);
            place.Longitude = location.Double("lon", 3.3, 7.3);
            location.RejectUnknownKeys();
        }

        if (f.Group("accessibility", required: true) is { } access)
        {
            place.WheelchairAccessible = access.Bool("wheelchair");
            place.PramAccessible = access.Bool("pram");
            place.AccessibilityNotes = access.OptionalText("notes");
            access.RejectUnknownKeys();
        }

        place.Facilities = f.List("facilities");
        if (f.Group("directions", required: false) is { } directions)
        {
            place.Transit = directions.OptionalText("transit");
            place.Parking = directions.OptionalText("parking");
            directions.RejectUnknownKeys();
        }

        if (f.Group("contact", required: false) is { } contact)
        {
            place.Phone = ContactFields.Phone(contact);
            place.Email = ContactFields.Email(contact);
            place.WhatsApp = ContactFields.WhatsApp(contact);
            contact.RejectUnknownKeys();
        }

        place.HostPartner = new Partner { Slug = f.Slug("host") };
        place.Professional = f.Text("professional");
        foreach (var g in f.GroupList("openingHours"))
        {
            var moment = new OpeningMoment { Day = g.Day("day"), From = g.Time("from"), To = g.Time("to"), Note = g.OptionalText("note") };
            if (moment.To <= moment.From)
                g.Error("to", null, "must be after 'from'", ContentErrorCodes.EndAfterStart);
            g.RejectUnknownKeys();
            place.OpeningHours.Add(moment);
        }

        return place;
    }

    /// <summary>The fields after the node's own (key, status, updated); returns the body. The host must be loaded, or be a stub that carries the slug.</summary>
    public static string Write(YamlText y, MeetingPlace m)
    {
        y.Field("name", m.Name).Field("summary", m.Summary)
            .Group("address", a =>
            {
                a.Field("street", m.Street).Field("postcode", m.Postcode).Field("city", m.City);
                if (m.AddressIsPlaceholder)
                    a.Field("placeholder", true);
            })
            .Group("location", l => l.Field("lat", m.Latitude).Field("lon", m.Longitude))
            .Group("accessibility", a => a.Field("wheelchair", m.WheelchairAccessible).Field("pram", m.PramAccessible).Field("notes", m.AccessibilityNotes))
            .List("facilities", m.Facilities);
        if (m.Transit is not null || m.Parking is not null)
            y.Group("directions", d => d.Field("transit", m.Transit).Field("parking", m.Parking));
        if (m.Phone is not null || m.Email is not null || m.WhatsApp is not null)
            y.Group("contact", c => c.Field("phone", m.Phone).Field("email", m.Email).Field("whatsapp", m.WhatsApp));
        y.Field("host", m.HostPartner.Slug)
            .Field("professional", m.Professional)
            .GroupList("openingHours", m.OpeningHours, (o, h) => o
                .Raw("day", Days.Name(h.Day))
                .Field("from", YamlText.Time(h.From))
                .Field("to", YamlText.Time(h.To))
                .Field("note", h.Note));
        return m.Body;
    }

    /// <summary>Copies the content onto the row (the rules every kind follows: <see cref="ContentCopy"/>).</summary>
    public static bool Copy(MeetingPlace to, MeetingPlace from, Wijk wijk, Partner host)
    {
        to.Wijk = wijk;
        to.Name = from.Name;
        to.Summary = from.Summary;
        to.Body = from.Body;
        to.Street = from.Street;
        to.Postcode = from.Postcode;
        to.City = from.City;
        to.AddressIsPlaceholder = from.AddressIsPlaceholder;
        to.Latitude = from.Latitude;
        to.Longitude = from.Longitude;
        to.WheelchairAccessible = from.WheelchairAccessible;
        to.PramAccessible = from.PramAccessible;
        to.AccessibilityNotes = from.AccessibilityNotes;
        to.Facilities = [.. from.Facilities];
        to.Transit = from.Transit;
        to.Parking = from.Parking;
        to.Phone = from.Phone;
        to.Email = from.Email;
        to.WhatsApp = from.WhatsApp;
        to.HostPartner = host;
        to.Professional = from.Professional;
        return ContentCopy.ReplaceIfDifferent(to.OpeningHours, from.OpeningHours, o => (o.Day, o.From, o.To, o.Note),
            o => new OpeningMoment { Day = o.Day, From = o.From, To = o.To, Note = o.Note }, v => to.OpeningHours = v);
    }
}
