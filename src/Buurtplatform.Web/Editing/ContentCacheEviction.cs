using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// Evicts exactly the cached pages and feeds a change to one node affects, by the tags every public
/// response carries (<see cref="CacheTags"/>):
/// <list type="bullet">
/// <item>always <c>node:{key}</c>: its own page and feed, and every page that shows its name (breadcrumbs, an activity's place and organiser);</item>
/// <item><c>children:{key}</c> of every node above it: the pages and feeds that list what is below them (a wijk's places,
/// activities, partners and vision; a gemeente's wijken and its feed of all their activities);</item>
/// <item>for an activity <c>place-activities:{key}</c> of its meeting place (before and after a move);</item>
/// <item><c>listings</c> for what appears in cross-wijk lists (home, agenda, site and type feeds): activities, and the names of
/// meeting places, wijken and gemeenten shown there. Visions and partners do not appear in them.</item>
/// </list>
/// The tags go through <see cref="Infrastructure.Caching.CacheChanges"/>, so every node evicts them.
/// </summary>
public static class ContentCacheEviction
{
    /// <param name="node">The node with its parents loaded (Wijk, Gemeente, an activity's MeetingPlace).</param>
    /// <param name="otherPlaceKey">An activity's meeting place before the change, when it moved.</param>
    public static SortedSet<string> TagsFor(ContentNode node, Guid? otherPlaceKey = null)
    {
        var tags = new SortedSet<string>(StringComparer.Ordinal) { CacheTags.Node(node.Key) };
        switch (node)
        {
            case Gemeente:
                tags.Add(CacheTags.Listings);
                break;
            case Wijk w:
                tags.Add(CacheTags.Children(w.Gemeente.Key));
                tags.Add(CacheTags.Listings);
                break;
            default:
                var wijk = ContentNodes.WijkOf(node)!;
                tags.Add(CacheTags.Children(wijk.Key));
                tags.Add(CacheTags.Children(wijk.Gemeente.Key));
                break;
        }

        if (node is MeetingPlace)
            tags.Add(CacheTags.Listings);
        if (node is Activity a)
        {
            tags.Add(CacheTags.Listings);
            tags.Add(CacheTags.PlaceActivities(a.MeetingPlace.Key));
            if (otherPlaceKey is { } other && other != a.MeetingPlace.Key)
                tags.Add(CacheTags.PlaceActivities(other));
        }

        return tags;
    }

}
