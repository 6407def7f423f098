using Buurtplatform.Web.Activities;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Content;

/// <summary>
/// What parents may see: a node is public only when it and every node above it are published.
/// Every public page reads through these, so a draft never leaks through a parent.
/// </summary>
public static class PublicContent
{
    public static IQueryable<Gemeente> PublicGemeenten(this AppDbContext db) =>
        db.Gemeenten.AsNoTracking().Where(g => g.State == PublishState.Published);

    public static IQueryable<Wijk> PublicWijken(this AppDbContext db) =>
        db.Wijken.AsNoTracking().Where(w => w.State == PublishState.Published && w.Gemeente.State == PublishState.Published);

    public static IQueryable<MeetingPlace> PublicMeetingPlaces(this AppDbContext db) =>
        db.MeetingPlaces.AsNoTracking().Where(p => p.State == PublishState.Published
            && p.Wijk.State == PublishState.Published && p.Wijk.Gemeente.State == PublishState.Published);

    /// <summary>Published activities in public wijken, with what a listing shows (wijk, gemeente, place, organiser).</summary>
    /// <remarks>Identity resolution gives every activity of a wijk the same Wijk instance, and fixes up MeetingPlace.Wijk too.</remarks>
    public static IQueryable<Activity> PublicActivities(this AppDbContext db) =>
        db.Activities.AsNoTrackingWithIdentityResolution()
            .Where(a => a.State == PublishState.Published
                && a.Wijk.State == PublishState.Published && a.Wijk.Gemeente.State == PublishState.Published
                && a.MeetingPlace.State == PublishState.Published)
            .Include(a => a.Wijk).ThenInclude(w => w.Gemeente)
            .Include(a => a.MeetingPlace)
            .Include(a => a.Organiser);

    public static IQueryable<Partner> PublicPartners(this AppDbContext db) =>
        db.Partners.AsNoTracking().Where(p => p.State == PublishState.Published
            && p.Wijk.State == PublishState.Published && p.Wijk.Gemeente.State == PublishState.Published);
}

/// <summary>The site's URLs, in one place (design: Dutch, stable, human).</summary>
public static class Links
{
    public static string Gemeente(Gemeente g) => $"/{g.Slug}";

    public static string Wijk(Wijk w) => $"/{w.Gemeente.Slug}/{w.Slug}";

    public static string Vision(Wijk w) => $"{Wijk(w)}/visie";

    public static string MeetingPlace(MeetingPlace p) => $"{Wijk(p.Wijk)}/ontmoetingsplekken/{p.Slug}";

    public static string Activity(Activity a) => $"{Wijk(a.Wijk)}/activiteiten/{a.Slug}";

    /// <summary>Opens the place in OpenStreetMap (a link the parent follows; the page itself loads nothing from there).</summary>
    public static string OpenStreetMap(double lat, double lon)
    {
        var la = lat.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
        var lo = lon.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
        return $"https://www.openstreetmap.org/?mlat={la}&mlon={lo}#map=17/{la}/{lo}";
    }
}
