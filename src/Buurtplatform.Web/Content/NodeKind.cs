namespace Buurtplatform.Web.Content;

/// <summary>The node types of the content tree that staff edit (the school holidays are content too, but only imported).</summary>
/// <remarks>Stored as text in the version table: never rename a value.</remarks>
public enum NodeKind
{
    Gemeente,
    Wijk,
    Vision,
    MeetingPlace,
    Activity,
    Partner,
}

public static class NodeKinds
{
    public static NodeKind Of(ContentNode node) => node switch
    {
        Neighbourhoods.Gemeente => NodeKind.Gemeente,
        Neighbourhoods.Wijk => NodeKind.Wijk,
        Vision.Vision => NodeKind.Vision,
        MeetingPlaces.MeetingPlace => NodeKind.MeetingPlace,
        Activities.Activity => NodeKind.Activity,
        Neighbourhoods.Partner => NodeKind.Partner,
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "Not an editable node type."),
    };

    /// <summary>The file a node of this kind has in the content folder, relative to its wijk or gemeente folder (for messages).</summary>
    public static string FileName(NodeKind kind, string slug) => kind switch
    {
        NodeKind.Gemeente => "gemeente.md",
        NodeKind.Wijk => "wijk.md",
        NodeKind.Vision => "visie.md",
        NodeKind.MeetingPlace => $"ontmoetingsplekken/{slug}.md",
        NodeKind.Activity => $"activiteiten/{slug}.md",
        NodeKind.Partner => $"partners/{slug}.md",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
