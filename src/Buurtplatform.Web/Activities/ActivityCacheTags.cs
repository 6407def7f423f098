namespace Buurtplatform.Web.Activities;

public static class ActivityCacheTags
{
    /// <summary>What an activity's page, feed and date download show (see <see cref="CacheTags"/>).</summary>
    public static void TagActivity(this HttpContext http, Activity a) =>
        http.TagNodes(a.Key, a.MeetingPlace.Key, a.Organiser.Key, a.Wijk.Key, a.Wijk.Gemeente.Key);
}
