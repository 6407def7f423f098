using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Media;

/// <summary>Helpers for tests that put photos on the seed site.</summary>
public static class MediaTestSite
{
    /// <summary>A site with the counting processor in front of libvips.</summary>
    public static SiteFactory Create(DatabaseKind kind = DatabaseKind.Sqlite)
    {
        var site = new SiteFactory(kind) { TestServices = CountingProcessor.Register };
        _ = site.CreateClient();
        return site;
    }

    public static CountingProcessor Counter(this SiteFactory site) => site.Services.GetRequiredService<CountingProcessor>();

    public static MediaStore Store(this SiteFactory site) => site.Services.GetRequiredService<MediaStore>();

    public static MediaUrls Urls(this SiteFactory site) => site.Services.GetRequiredService<MediaUrls>();

    public static PhotoDetails Details(string alt = "Een ouder en een peuter bouwen samen een toren van blokken", double x = 0.5, double y = 0.5) =>
        new() { AltText = alt, FocalX = x, FocalY = y, ChildrenRecognisable = false };

    public static PhotoDetails WithConsent(string alt = "Peuters zingen samen in een kring") =>
        new()
        {
            AltText = alt,
            ChildrenRecognisable = true,
            ConsentGivenBy = "Toestemmingsformulier 2026-014",
            ConsentDate = new DateOnly(2026, 10, 1),
            ConsentUse = ConsentUse.Website,
        };

    /// <summary>Adds a photo through the media library (the path uploads take).</summary>
    public static async Task<MediaResult> AddAsync(this SiteFactory site, byte[] file, PhotoDetails? details = null)
    {
        await using var scope = site.Scope();
        var library = scope.ServiceProvider.GetRequiredService<MediaLibrary>();
        return await library.AddAsync(new MemoryStream(file), details ?? Details());
    }

    /// <summary>Shows the photo on a meeting place of the seed content; returns the place's URL.</summary>
    public static async Task<string> PlaceOnMeetingPlaceAsync(this SiteFactory site, MediaItem item, string slug = "peuterlokaal-2samen", string wijk = "schilderswijk")
    {
        return await site.WithDbAsync(async db =>
        {
            var place = await db.MeetingPlaces.Include(p => p.Wijk).ThenInclude(w => w.Gemeente).SingleAsync(p => p.Slug == slug && p.Wijk.Slug == wijk);
            db.MediaUsages.Add(new MediaUsage { MediaItemId = item.Id, MeetingPlaceId = place.Id });
            await db.SaveChangesAsync();
            return Web.Content.Links.MeetingPlace(place);
        });
    }

    public static async Task<string> PlaceOnActivityAsync(this SiteFactory site, MediaItem item, string slug = "taalplezier-voor-peuters", string wijk = "schilderswijk")
    {
        return await site.WithDbAsync(async db =>
        {
            var activity = await db.Activities.Include(a => a.Wijk).ThenInclude(w => w.Gemeente).SingleAsync(a => a.Slug == slug && a.Wijk.Slug == wijk);
            db.MediaUsages.Add(new MediaUsage { MediaItemId = item.Id, ActivityId = activity.Id });
            await db.SaveChangesAsync();
            return Web.Content.Links.Activity(activity);
        });
    }

    public static async Task<string> PlaceOnWijkAsync(this SiteFactory site, MediaItem item, string wijk = "schilderswijk")
    {
        return await site.WithDbAsync(async db =>
        {
            var w = await db.Wijken.Include(x => x.Gemeente).SingleAsync(x => x.Slug == wijk);
            db.MediaUsages.Add(new MediaUsage { MediaItemId = item.Id, WijkId = w.Id });
            await db.SaveChangesAsync();
            return Web.Content.Links.Wijk(w);
        });
    }

    public static Task<MediaItem> ReloadAsync(this SiteFactory site, MediaItem item) =>
        site.WithDbAsync(db => db.MediaItems.AsNoTracking().SingleAsync(m => m.Id == item.Id));

    /// <summary>Files anywhere under a folder, relative to it.</summary>
    public static List<string> FilesUnder(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToList()
            : [];
}
