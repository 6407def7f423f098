namespace Buurtplatform.Web.Media;

/// <summary>
/// The photos parents may see, read from the database for the Delivery API's preview (the public pages and the API's
/// public answers take theirs from the published-content snapshot, which keeps only <see cref="MediaItem.IsPublic"/>
/// photos too), so a photo whose consent was withdrawn is gone from all of them at once.
/// </summary>
public static class PublicPhotos
{
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
