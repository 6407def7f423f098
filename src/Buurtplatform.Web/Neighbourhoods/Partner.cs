using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Neighbourhoods;

/// <summary>An organisation that works in a wijk: childcare, GGD, library, welfare, school.</summary>
public sealed class Partner : ContentNode
{
    public int WijkId { get; set; }

    public Wijk Wijk { get; set; } = null!;

    public string Name { get; set; } = "";

    /// <summary>Its role in this wijk, one sentence.</summary>
    public string Role { get; set; } = "";

    /// <summary>Markdown.</summary>
    public string Body { get; set; } = "";

    public string? Website { get; set; }

    /// <summary>A general address of the organisation, never a person's.</summary>
    public string? Email { get; set; }

    public string? Phone { get; set; }

    /// <summary>A general mobile number parents can message on WhatsApp (<see cref="ContactFields.WhatsApp"/>).</summary>
    public string? WhatsApp { get; set; }
}
