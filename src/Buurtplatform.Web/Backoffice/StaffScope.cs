using System.Security.Claims;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Backoffice;

/// <summary>
/// The one place that says which content a staff member may read and change. Every backoffice page
/// that touches scoped content asks here: lists go through the <c>Scoped…</c> queries, single items
/// through the <c>Can…Async</c> checks (which are those same queries, so the two never disagree).
/// </summary>
/// <remarks>
/// The rule: a Beheerder may do everything; a Wijkredacteur everything inside their wijken (the wijk
/// page, vision, partners, meeting places, activities); a Professional their meeting places and the
/// activities held there. The role comes from the session, which is checked against the database on
/// every request (<see cref="Accounts.StaffSession"/>); scopes are read from the database each time.
/// Route values named in <see cref="ScopedRouteValues"/> are checked by the backoffice policy before
/// a page runs, as a second line behind these checks.
/// </remarks>
public sealed class StaffScope(AppDbContext db)
{
    /// <summary>The signed-in staff member's id, or null.</summary>
    public static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    /// <summary>The signed-in staff member's role, or null.</summary>
    public static StaffRole? Role(ClaimsPrincipal user) =>
        UserId(user) is not null && Enum.TryParse<StaffRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static bool IsAdministrator(ClaimsPrincipal user) => Role(user) == StaffRole.Beheerder;

    /// <summary>Wijken whose pages, vision and partners the user may edit. Professionals: none.</summary>
    public IQueryable<Wijk> ScopedWijken(ClaimsPrincipal user)
    {
        var id = UserId(user);
        return Role(user) switch
        {
            StaffRole.Beheerder => db.Wijken,
            StaffRole.Wijkredacteur => db.Wijken.Where(w => db.StaffWijken.Any(s => s.UserId == id && s.WijkId == w.Id)),
            _ => db.Wijken.Where(_ => false),
        };
    }

    /// <summary>Meeting places the user may manage: all (Beheerder), those in their wijken (Wijkredacteur), their own (Professional).</summary>
    public IQueryable<MeetingPlace> ScopedMeetingPlaces(ClaimsPrincipal user)
    {
        var id = UserId(user);
        return Role(user) switch
        {
            StaffRole.Beheerder => db.MeetingPlaces,
            StaffRole.Wijkredacteur => db.MeetingPlaces.Where(p => db.StaffWijken.Any(s => s.UserId == id && s.WijkId == p.WijkId)),
            StaffRole.Professional => db.MeetingPlaces.Where(p => db.StaffMeetingPlaces.Any(s => s.UserId == id && s.MeetingPlaceId == p.Id)),
            _ => db.MeetingPlaces.Where(_ => false),
        };
    }

    /// <summary>Activities the user may manage: in their wijken (Wijkredacteur), held at their places (Professional).</summary>
    public IQueryable<Activity> ScopedActivities(ClaimsPrincipal user)
    {
        var id = UserId(user);
        return Role(user) switch
        {
            StaffRole.Beheerder => db.Activities,
            StaffRole.Wijkredacteur => db.Activities.Where(a => db.StaffWijken.Any(s => s.UserId == id && s.WijkId == a.WijkId)),
            StaffRole.Professional => db.Activities.Where(a => db.StaffMeetingPlaces.Any(s => s.UserId == id && s.MeetingPlaceId == a.MeetingPlaceId)),
            _ => db.Activities.Where(_ => false),
        };
    }

    /// <summary>Partners the user may edit: those of the wijken they edit.</summary>
    public IQueryable<Partner> ScopedPartners(ClaimsPrincipal user)
    {
        var wijken = ScopedWijken(user).Select(w => w.Id);
        return db.Partners.Where(p => wijken.Contains(p.WijkId));
    }

    /// <summary>Visions the user may edit: those of the wijken they edit.</summary>
    public IQueryable<Vision.Vision> ScopedVisions(ClaimsPrincipal user)
    {
        var wijken = ScopedWijken(user).Select(w => w.Id);
        return db.Visions.Where(v => wijken.Contains(v.WijkId));
    }

    /// <summary>Gemeenten (their page, creating wijken in them) are for administrators only.</summary>
    public static bool CanEditGemeente(ClaimsPrincipal user) => IsAdministrator(user);

    /// <summary>Photos the user may manage: those in the media libraries of the wijken they edit. Professionals: none.</summary>
    public IQueryable<Media.MediaItem> ScopedMediaItems(ClaimsPrincipal user)
    {
        if (Role(user) == StaffRole.Beheerder)
            return db.MediaItems;
        var wijken = ScopedWijken(user).Select(w => w.Id);
        return db.MediaItems.Where(m => m.WijkId != null && wijken.Contains(m.WijkId.Value));
    }

    public Task<bool> CanManageMediaItemAsync(ClaimsPrincipal user, int mediaItemId, CancellationToken ct = default) =>
        ScopedMediaItems(user).AnyAsync(m => m.Id == mediaItemId, ct);

    public Task<bool> CanEditWijkAsync(ClaimsPrincipal user, int wijkId, CancellationToken ct = default) =>
        ScopedWijken(user).AnyAsync(w => w.Id == wijkId, ct);

    public Task<bool> CanManageMeetingPlaceAsync(ClaimsPrincipal user, int meetingPlaceId, CancellationToken ct = default) =>
        ScopedMeetingPlaces(user).AnyAsync(p => p.Id == meetingPlaceId, ct);

    public Task<bool> CanManageActivityAsync(ClaimsPrincipal user, int activityId, CancellationToken ct = default) =>
        ScopedActivities(user).AnyAsync(a => a.Id == activityId, ct);

    public Task<bool> CanEditPartnerAsync(ClaimsPrincipal user, int partnerId, CancellationToken ct = default) =>
        ScopedPartners(user).AnyAsync(p => p.Id == partnerId, ct);

    public Task<bool> CanEditVisionAsync(ClaimsPrincipal user, int visionId, CancellationToken ct = default) =>
        ScopedVisions(user).AnyAsync(v => v.Id == visionId, ct);

    /// <summary>Runs the check that belongs to a scoped route value (see <see cref="ScopedRouteValues"/>).</summary>
    public Task<bool> CanAccessAsync(ClaimsPrincipal user, string routeValue, int id, CancellationToken ct = default) => routeValue switch
    {
        ScopedRouteValues.WijkId => CanEditWijkAsync(user, id, ct),
        ScopedRouteValues.MeetingPlaceId => CanManageMeetingPlaceAsync(user, id, ct),
        ScopedRouteValues.ActivityId => CanManageActivityAsync(user, id, ct),
        ScopedRouteValues.PartnerId => CanEditPartnerAsync(user, id, ct),
        ScopedRouteValues.VisionId => CanEditVisionAsync(user, id, ct),
        ScopedRouteValues.GemeenteId => Task.FromResult(CanEditGemeente(user)),
        ScopedRouteValues.MediaItemId => CanManageMediaItemAsync(user, id, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(routeValue), routeValue, "Not a scoped route value."),
    };
}

/// <summary>
/// Route parameter names that identify scoped content. A backoffice page whose route has one of these
/// (e.g. <c>@page "/backoffice/wijken/{wijkId:int}"</c>) is checked against <see cref="StaffScope"/>
/// before it runs, for every handler, and answers 403 when the item is out of scope.
/// </summary>
public static class ScopedRouteValues
{
    public const string WijkId = "wijkId";
    public const string MeetingPlaceId = "meetingPlaceId";
    public const string ActivityId = "activityId";
    public const string PartnerId = "partnerId";
    public const string VisionId = "visionId";
    public const string MediaItemId = "mediaItemId";

    /// <summary>A gemeente: administrators only (nobody else has a gemeente in scope).</summary>
    public const string GemeenteId = "gemeenteId";

    public static readonly IReadOnlyList<string> All = [WijkId, MeetingPlaceId, ActivityId, PartnerId, VisionId, MediaItemId, GemeenteId];
}
