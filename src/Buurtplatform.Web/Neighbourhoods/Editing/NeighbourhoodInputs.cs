using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;

namespace Buurtplatform.Web.Neighbourhoods.Editing;

/// <summary>The gemeente form: name, summary, introduction.</summary>
public sealed class GemeenteInput
{
    public string? Name { get; set; }

    public string? Slug { get; set; }

    public string? Summary { get; set; }

    public string? Body { get; set; }

    public static GemeenteInput From(Gemeente g) => new() { Name = g.Name, Slug = g.Slug, Summary = g.Summary, Body = g.Body };

    public string ToText(Guid key, DateTime updatedUtc) =>
        InputText.Build(new YamlText().Field("key", key.ToString("D")).Field("updated", updatedUtc)
            .Field("name", InputText.Clean(Name)).Field("summary", InputText.Clean(Summary)), Body);
}

/// <summary>The wijk form: name, summary, text, postcodes.</summary>
public sealed class WijkInput
{
    public string? Name { get; set; }

    public string? Slug { get; set; }

    public string? Summary { get; set; }

    public string? Body { get; set; }

    /// <summary>Four-digit postcodes separated by commas or spaces.</summary>
    public string? Postcodes { get; set; }

    /// <summary>Empty, or the school-holiday region: noord / midden / zuid.</summary>
    public string? Region { get; set; }

    public static WijkInput From(Wijk w) => new()
    {
        Name = w.Name,
        Slug = w.Slug,
        Summary = w.Summary,
        Body = w.Body,
        Postcodes = string.Join(", ", w.Postcodes.Select(p => p.ToString(CultureInfo.InvariantCulture))),
        Region = w.Region is { } region ? Regions.Name(region) : "",
    };

    public string ToText(Guid key, DateTime updatedUtc) =>
        InputText.Build(new YamlText().Field("key", key.ToString("D")).Field("updated", updatedUtc)
            .Field("name", InputText.Clean(Name)).Field("summary", InputText.Clean(Summary))
            .Field("region", InputText.Clean(Region))
            .List("postcodes", InputText.Split(Postcodes)), Body);
}

/// <summary>The partner form: name, role in the wijk, general contact details.</summary>
public sealed class PartnerInput
{
    public string? Name { get; set; }

    public string? Slug { get; set; }

    public string? Role { get; set; }

    public string? Body { get; set; }

    public string? Website { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? WhatsApp { get; set; }

    public static PartnerInput From(Partner p) => new()
    {
        Name = p.Name, Slug = p.Slug, Role = p.Role, Body = p.Body, Website = p.Website, Email = p.Email, Phone = p.Phone, WhatsApp = p.WhatsApp,
    };

    public string ToText(Guid key, DateTime updatedUtc)
    {
        var y = new YamlText().Field("key", key.ToString("D")).Field("updated", updatedUtc)
            .Field("name", InputText.Clean(Name)).Field("role", InputText.Clean(Role));
        if (new[] { Website, Email, Phone, WhatsApp }.Any(v => InputText.Clean(v) is not null))
        {
            y.Group("contact", c => c.Field("website", InputText.Clean(Website)).Field("email", InputText.Clean(Email))
                .Field("phone", InputText.Clean(Phone)).Field("whatsapp", InputText.Clean(WhatsApp)));
        }

        return InputText.Build(y, Body);
    }
}
