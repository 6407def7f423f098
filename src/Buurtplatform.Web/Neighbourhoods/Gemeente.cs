using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Neighbourhoods;

/// <summary>A municipality: the top of the content tree.</summary>
public sealed class Gemeente : ContentNode
{
    public string Name { get; set; } = "";

    public string Summary { get; set; } = "";

    /// <summary>Markdown.</summary>
    public string Body { get; set; } = "";

    public List<Wijk> Wijken { get; set; } = [];
}
