namespace Buurtplatform.Web.Calendar;

/// <summary>The subscribe block for a feed: its path (with query) and the name calendar apps show.</summary>
public sealed record SubscribeModel(string FeedPath, string Name)
{
    /// <summary>
    /// The feed of one activity's dates, on a page that offers each date on its own ("Zet in mijn agenda"):
    /// subscribing is then the second choice, said in one sentence and shown as a secondary button.
    /// </summary>
    public bool Series { get; init; }

    /// <summary>
    /// The id of the block's copy field (its heading adds "-kop"): derived from the feed path with FNV-1a, so the same
    /// page gets the same ids on every node and after every restart (<c>string.GetHashCode</c> changes per process).
    /// </summary>
    public string ElementId
    {
        get
        {
            var hash = 2166136261u;
            foreach (var c in FeedPath)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return "agenda-link-" + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>https link, for copying and for Outlook.</summary>
    public string HttpsUrl(string baseUrl) => baseUrl.TrimEnd('/') + FeedPath;

    /// <summary>webcal:// makes phones and desktop calendars offer to subscribe.</summary>
    public string WebcalUrl(string baseUrl)
    {
        var url = HttpsUrl(baseUrl);
        return "webcal://" + url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
    }

    public string GoogleUrl(string baseUrl) => "https://calendar.google.com/calendar/r?cid=" + Uri.EscapeDataString(WebcalUrl(baseUrl));

    public string OutlookUrl(string baseUrl) =>
        "https://outlook.live.com/calendar/0/addfromweb?url=" + Uri.EscapeDataString(HttpsUrl(baseUrl)) + "&name=" + Uri.EscapeDataString(Name);
}
