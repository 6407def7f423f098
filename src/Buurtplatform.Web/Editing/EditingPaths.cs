using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// The backoffice's editing URLs. Every node page is addressed by the node's scoped route value
/// (<see cref="ScopedRouteValues"/>), so the backoffice policy checks the person's scope before any page runs.
/// </summary>
public static class EditingPaths
{
    public const string Gemeenten = "/backoffice/gemeenten";
    public const string NewGemeente = "/backoffice/gemeenten/nieuw";
    public const string Export = "/backoffice/export";

    public static string Segment(NodeKind kind) => kind switch
    {
        NodeKind.Gemeente => "gemeenten",
        NodeKind.Wijk => "wijken",
        NodeKind.Vision => "visies",
        NodeKind.MeetingPlace => "ontmoetingsplekken",
        NodeKind.Activity => "activiteiten",
        NodeKind.Partner => "partners",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string RouteValue(NodeKind kind) => kind switch
    {
        NodeKind.Gemeente => ScopedRouteValues.GemeenteId,
        NodeKind.Wijk => ScopedRouteValues.WijkId,
        NodeKind.Vision => ScopedRouteValues.VisionId,
        NodeKind.MeetingPlace => ScopedRouteValues.MeetingPlaceId,
        NodeKind.Activity => ScopedRouteValues.ActivityId,
        NodeKind.Partner => ScopedRouteValues.PartnerId,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The route template of a generic node page, e.g. <c>backoffice/activiteiten/{activityId:int}/versies</c>.</summary>
    public static string Template(NodeKind kind, string page) => $"backoffice/{Segment(kind)}/{{{RouteValue(kind)}:int}}/{page}";

    /// <summary>The node's page: status, versions, publishing.</summary>
    public static string Node(NodeKind kind, int id) => $"/backoffice/{Segment(kind)}/{id}/versies";

    public static string Edit(NodeKind kind, int id) => $"/backoffice/{Segment(kind)}/{id}/bewerken";

    public static string Compare(NodeKind kind, int id) => $"/backoffice/{Segment(kind)}/{id}/vergelijken";

    public static string Preview(NodeKind kind, int id) => $"/backoffice/{Segment(kind)}/{id}/voorbeeld";

    public static string Delete(NodeKind kind, int id) => $"/backoffice/{Segment(kind)}/{id}/verwijderen";

    /// <summary>The node's translation into <paramref name="culture"/> (<c>ar</c>, …): edit, versions, publish.</summary>
    public static string Translation(NodeKind kind, int id, string culture) => $"/backoffice/{Segment(kind)}/{id}/vertalingen/{culture}";

    /// <summary>The public page in <paramref name="culture"/> with a version of the translation (the newest without <c>?versie=</c>).</summary>
    public static string TranslationPreview(NodeKind kind, int id, string culture) => $"/backoffice/{Segment(kind)}/{id}/vertalingen/{culture}/voorbeeld";

    public static string NewActivity(int meetingPlaceId) => $"/backoffice/ontmoetingsplekken/{meetingPlaceId}/activiteiten/nieuw";

    public static string NewMeetingPlace(int wijkId) => $"/backoffice/wijken/{wijkId}/ontmoetingsplekken/nieuw";

    public static string NewPartner(int wijkId) => $"/backoffice/wijken/{wijkId}/partners/nieuw";

    public static string NewVision(int wijkId) => $"/backoffice/wijken/{wijkId}/visie/nieuw";

    public static string NewWijk(int gemeenteId) => $"/backoffice/gemeenten/{gemeenteId}/wijken/nieuw";

    public static string ApprovalQueue(int wijkId) => $"/backoffice/wijken/{wijkId}/goedkeuren";

    /// <summary>The shareable preview (no account needed).</summary>
    public static string SharedPreview(string token) => $"/voorbeeld/{token}";

    /// <summary>Which node a generic page was opened for, from its route values.</summary>
    public static (NodeKind Kind, int Id)? FromRoute(RouteValueDictionary values)
    {
        foreach (var kind in Enum.GetValues<NodeKind>())
        {
            if (values.TryGetValue(RouteValue(kind), out var v) && int.TryParse(v?.ToString(), out var id))
                return (kind, id);
        }

        return null;
    }
}
