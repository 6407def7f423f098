namespace Buurtplatform.Web.Content;

/// <summary>Whether parents can see a node. Drafts are stored but never shown on public pages.</summary>
public enum PublishState
{
    Draft = 0,
    Published = 1,
}

/// <summary>
/// What every node of the content tree has, after Umbraco's model: a stable <see cref="Key"/> that
/// feeds, links and imports match on; a slug for the URL; a publish state; timestamps.
/// </summary>
/// <remarks>
/// The typed tables hold the current state of each node. Drafts and versions (the backoffice issue)
/// are added beside them as a version table keyed by <see cref="Key"/>, holding snapshots; publishing
/// a version copies it into the typed row. Nothing here has to change for that.
/// </remarks>
public abstract class ContentNode
{
    public int Id { get; set; }

    /// <summary>Stable identity of the node; never derived from <see cref="Id"/> or a host name.</summary>
    public Guid Key { get; set; }

    public string Slug { get; set; } = "";

    public PublishState State { get; set; } = PublishState.Published;

    public DateTime CreatedUtc { get; set; }

    /// <summary>Last change to the content, UTC. Feeds use it as DTSTAMP and Last-Modified.</summary>
    public DateTime UpdatedUtc { get; set; }

    public bool IsPublished => State == PublishState.Published;
}
