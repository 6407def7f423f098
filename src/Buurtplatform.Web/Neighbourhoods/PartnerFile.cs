using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.Neighbourhoods;

/// <summary>A partner's file (<c>{wijk}/partners/{slug}.md</c>): its front matter read into a <see cref="Partner"/>, written back, and copied onto the row.</summary>
internal static class PartnerFile
{
    /// <summary>The fields a translation (<c>partners/{slug}.ar.md</c>) may carry, with the Dutch text each translates (docs/content.md); the name stays Dutch.</summary>
    public static readonly TranslatableFields Translatable = TranslatableFields.Of<Partner>(("role", p => p.Role), (TranslatableFields.Body, p => p.Body));

    public static Partner Read(FrontMatterFile file, FieldReader f)
    {
        var partner = f.Node(new Partner { Body = file.Body });
        partner.Name = f.Text("name");
        partner.Role = f.Text("role");
        if (f.Group("contact", required: false) is { } contact)
        {
            partner.Website = contact.OptionalText("website");
            if (partner.Website is not null && !(Uri.TryCreate(partner.Website, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
                contact.Error("website", null, $"must be a full https:// address, not '{partner.Website}'", ContentErrorCodes.Https);
            partner.Email = ContactFields.Email(contact);
            partner.Phone = ContactFields.Phone(contact);
            partner.WhatsApp = ContactFields.WhatsApp(contact);
            contact.RejectUnknownKeys();
        }

        return partner;
    }

    /// <summary>The fields after the node's own (key, status, updated); returns the body.</summary>
    public static string Write(YamlText y, Partner p)
    {
        y.Field("name", p.Name).Field("role", p.Role);
        if (p.Website is not null || p.Email is not null || p.Phone is not null || p.WhatsApp is not null)
            y.Group("contact", c => c.Field("website", p.Website).Field("email", p.Email).Field("phone", p.Phone).Field("whatsapp", p.WhatsApp));
        return p.Body;
    }

    /// <summary>Copies the content onto the row (the rules every kind follows: <see cref="ContentCopy"/>).</summary>
    public static bool Copy(Partner to, Partner from, Wijk wijk)
    {
        to.Wijk = wijk;
        to.Name = from.Name;
        to.Role = from.Role;
        to.Body = from.Body;
        to.Website = from.Website;
        to.Email = from.Email;
        to.Phone = from.Phone;
        to.WhatsApp = from.WhatsApp;
        return false;
    }
}
