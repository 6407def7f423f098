using Buurtplatform.Web.Content;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.MeetingPlaces;

/// <summary>An ontmoetingsplek: a place in the wijk where parents and young children meet.</summary>
public sealed class MeetingPlace : ContentNode
{
    public int WijkId { get; set; }

    public Wijk Wijk { get; set; } = null!;

    public string Name { get; set; } = "";

    public string Summary { get; set; } = "";

    /// <summary>Markdown.</summary>
    public string Body { get; set; } = "";

    public string Street { get; set; } = "";

    /// <summary>Dutch postcode as written, <c>1234 AB</c>.</summary>
    public string Postcode { get; set; } = "";

    public string City { get; set; } = "";

    /// <summary>True when the address is a plausible placeholder rather than the real one.</summary>
    public bool AddressIsPlaceholder { get; set; }

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    /// <summary>Step-free entrance and an accessible toilet.</summary>
    public bool WheelchairAccessible { get; set; }

    /// <summary>Room to park a pram or buggy inside.</summary>
    public bool PramAccessible { get; set; }

    public string? AccessibilityNotes { get; set; }

    public List<string> Facilities { get; set; } = [];

    /// <summary>How to get there by bus, tram or train: the stop and the line, one sentence.</summary>
    public string? Transit { get; set; }

    /// <summary>Where to park (or leave a bike), one sentence.</summary>
    public string? Parking { get; set; }

    /// <summary>The place's own number (the host's general number when the place has none; see <see cref="ContactFields"/>).</summary>
    public string? Phone { get; set; }

    /// <summary>A general address, never a person's.</summary>
    public string? Email { get; set; }

    /// <summary>A general mobile number parents can message on WhatsApp.</summary>
    public string? WhatsApp { get; set; }

    public int HostPartnerId { get; set; }

    /// <summary>The organisation that hosts the place.</summary>
    public Partner HostPartner { get; set; } = null!;

    /// <summary>Who is present, as a role (never a person's name).</summary>
    public string Professional { get; set; } = "";

    public List<OpeningMoment> OpeningHours { get; set; } = [];
}

/// <summary>A weekly moment the place is open, e.g. Tuesday 9.00–11.30 "Spelinloop".</summary>
public sealed class OpeningMoment
{
    public DayOfWeek Day { get; set; }

    public TimeOnly From { get; set; }

    public TimeOnly To { get; set; }

    public string? Note { get; set; }
}
