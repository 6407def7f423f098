using System.Security.Claims;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.MeetingPlaces;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// What the route's scope check (<see cref="ScopedRouteValues"/>) does not decide by itself. A professional
/// reaches a meeting place (to manage the activities there) but does not edit the place's own page; approving,
/// sending back and deleting are for wijk editors and administrators.
/// </summary>
public static class EditingAccess
{
    /// <summary>May the person change this node's content (edit, publish, plan, roll back, share a preview)?</summary>
    public static async Task<bool> CanEditAsync(StaffScope scope, ClaimsPrincipal user, ContentNode node, CancellationToken ct = default) => node switch
    {
        MeetingPlace m => await scope.CanEditWijkAsync(user, m.WijkId, ct),
        _ => true,
    };

    /// <summary>A wijk editor of the node's wijk, or an administrator.</summary>
    public static async Task<bool> CanApproveAsync(StaffScope scope, ClaimsPrincipal user, ContentNode node, CancellationToken ct = default) =>
        StaffScope.Role(user) is StaffRole.Beheerder or StaffRole.Wijkredacteur
        && ContentNodes.WijkOf(node) is { } wijk && await scope.CanEditWijkAsync(user, wijk.Id, ct);

    /// <summary>Deleting is for wijk editors and administrators (a professional takes an activity offline instead).</summary>
    public static bool CanDelete(ClaimsPrincipal user) => StaffScope.Role(user) is StaffRole.Beheerder or StaffRole.Wijkredacteur;
}
