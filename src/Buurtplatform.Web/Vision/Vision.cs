using Buurtplatform.Web.Content;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Vision;

/// <summary>The wijk's shared pedagogical vision, written by parents and professionals together.</summary>
public sealed class Vision : ContentNode
{
    public int WijkId { get; set; }

    public Wijk Wijk { get; set; } = null!;

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    /// <summary>Markdown before the first section.</summary>
    public string Intro { get; set; } = "";

    /// <summary>The parents' side, as a group (never a person's name).</summary>
    public string WrittenByParents { get; set; } = "";

    /// <summary>The professionals' side, as organisations and roles.</summary>
    public string WrittenByProfessionals { get; set; } = "";

    public DateOnly LastReviewed { get; set; }

    public List<VisionSection> Sections { get; set; } = [];
}

/// <summary>One section of the vision, in order.</summary>
public sealed class VisionSection
{
    public string Heading { get; set; } = "";

    /// <summary>Markdown.</summary>
    public string Body { get; set; } = "";
}
