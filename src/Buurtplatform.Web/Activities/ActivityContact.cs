using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Activities;

/// <summary>
/// Whom a parent calls, mails or messages about an activity: the organiser's general contact, each channel the
/// organiser lacks taken from the meeting place. <see cref="IsEmpty"/> when neither has any, and then pages say
/// nothing about calling or mailing rather than promise a number they do not have.
/// </summary>
public sealed record ActivityContact(string Name, string? Phone, string? Email, string? WhatsApp)
{
    public bool IsEmpty => Phone is null && Email is null && WhatsApp is null;

    /// <summary>The activity's organiser and meeting place must be loaded.</summary>
    public static ActivityContact For(Activity a)
    {
        var (o, p) = (a.Organiser, a.MeetingPlace);
        var name = o.Phone is not null || o.Email is not null || o.WhatsApp is not null ? o.Name : p.Name;
        return new ActivityContact(name, o.Phone ?? p.Phone, o.Email ?? p.Email, o.WhatsApp ?? p.WhatsApp);
    }

    public string? TelHref => Phone is null ? null : ContactFields.TelHref(Phone);

    public string? MailHref => Email is null ? null : "mailto:" + Email;

    public string? WhatsAppHref => WhatsApp is null ? null : ContactFields.WhatsAppHref(WhatsApp);
}
