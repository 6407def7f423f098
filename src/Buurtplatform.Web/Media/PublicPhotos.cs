using System.Linq.Expressions;

namespace Buurtplatform.Web.Media;

/// <summary>
/// The photos parents may see, by the node that shows them. Every page reads photos through these, so a
/// photo whose consent was withdrawn is gone from all of them at once.
/// </summary>
public static class PublicPhotos
{
    /// <summary><see cref="MediaItem.IsPublic"/> as a query.</summary>
    public static readonly Expression<Func<MediaItem, bool>> IsPublic = m =>
        m.ConsentWithdrawnUtc == null && (!m.ChildrenRecognisable || (m.ConsentGivenBy != null && m.ConsentDate != null));

    public static Task<MediaItem?> ForWijkAsync(this AppDbContext db, int wijkId, CancellationToken ct) =>
        db.MediaUsages.AsNoTracking().Where(u => u.WijkId == wijkId).Select(u => u.MediaItem).Where(IsPublic).FirstOrDefaultAsync(ct);

    public static Task<MediaItem?> ForMeetingPlaceAsync(this AppDbContext db, int placeId, CancellationToken ct) =>
        db.MediaUsages.AsNoTracking().Where(u => u.MeetingPlaceId == placeId).Select(u => u.MediaItem).Where(IsPublic).FirstOrDefaultAsync(ct);

    public static Task<MediaItem?> ForActivityAsync(this AppDbContext db, int activityId, CancellationToken ct) =>
        db.MediaUsages.AsNoTracking().Where(u => u.ActivityId == activityId).Select(u => u.MediaItem).Where(IsPublic).FirstOrDefaultAsync(ct);

    /// <summary>The photos of several meeting places (for cards), by place id.</summary>
    public static async Task<Dictionary<int, MediaItem>> ForMeetingPlacesAsync(this AppDbContext db, IReadOnlyCollection<int> placeIds, CancellationToken ct)
    {
        if (placeIds.Count == 0)
            return [];
        var rows = await db.MediaUsages.AsNoTracking()
            .Where(u => u.MeetingPlaceId != null && placeIds.Contains(u.MeetingPlaceId.Value))
            .Select(u => new { Id = u.MeetingPlaceId!.Value, u.MediaItem })
            .ToListAsync(ct);
        return rows.Where(r => r.MediaItem.IsPublic).ToDictionary(r => r.Id, r => r.MediaItem);
    }

    /// <summary>The photos of several activities (for cards), by activity id.</summary>
    public static async Task<Dictionary<int, MediaItem>> ForActivitiesAsync(this AppDbContext db, IReadOnlyCollection<int> activityIds, CancellationToken ct)
    {
        if (activityIds.Count == 0)
            return [];
        var rows = await db.MediaUsages.AsNoTracking()
            .Where(u => u.ActivityId != null && activityIds.Contains(u.ActivityId.Value))
            .Select(u => new { Id = u.ActivityId!.Value, u.MediaItem })
            .ToListAsync(ct);
        return rows.Where(r => r.MediaItem.IsPublic).ToDictionary(r => r.Id, r => r.MediaItem);
    }
}
