using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.MeetingPlaces;

namespace Buurtplatform.Web.Neighbourhoods;

/// <summary>A neighbourhood with its own section of the site.</summary>
public sealed class Wijk : ContentNode
{
    public int GemeenteId { get; set; }

    public Gemeente Gemeente { get; set; } = null!;

    public string Name { get; set; } = "";

    public string Summary { get; set; } = "";

    /// <summary>Markdown.</summary>
    public string Body { get; set; } = "";

    /// <summary>
    /// The school-holiday region the wijk's schools follow (the government's division: noord, midden, zuid); null when
    /// not set. An activity with <c>skipSchoolHolidays: wijk</c> skips this region's holidays.
    /// </summary>
    public HolidayRegion? Region { get; set; }

    /// <summary>Four-digit postcodes (PC4) that make up the wijk.</summary>
    public List<int> Postcodes { get; set; } = [];

    public List<MeetingPlace> MeetingPlaces { get; set; } = [];

    public List<Activity> Activities { get; set; } = [];

    public List<Partner> Partners { get; set; } = [];

    public Vision.Vision? Vision { get; set; }

    /// <summary>
    /// A professional's new activity in this wijk goes live only after a wijk editor approves it.
    /// A workflow setting of the backoffice, not content: it is not in the content files. Default off.
    /// </summary>
    public bool ProfessionalActivitiesNeedApproval { get; set; }

    /// <summary>
    /// The partner sites (<c>https://school.example</c>) allowed to show this wijk's embedded agenda in a frame
    /// (<c>frame-ancestors</c>). A backoffice setting like the approval, not content. Empty: no other site may.
    /// </summary>
    public List<string> EmbedOrigins { get; set; } = [];
}
