namespace Buurtplatform.Web.DeliveryApi;

/// <summary>The Delivery API's settings (section <c>DeliveryApi</c>). Defaults in code; validated on start.</summary>
public sealed class DeliveryApiOptions
{
    public const string Section = "DeliveryApi";

    /// <summary>Whether <c>/umbraco/delivery/api/v2</c> answers at all. Default true (it shows only what the public pages show).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The key a request must send in <c>Api-Key</c> with <c>Preview: true</c> to see drafts. Default none: preview is off
    /// and such requests get 401. Use a long random value, kept out of the repository.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Items per page when <c>take</c> is not given. Default 10 (as Umbraco).</summary>
    public int DefaultTake { get; set; } = 10;

    /// <summary>The largest <c>take</c> accepted; a larger one is a 400. Default 100.</summary>
    public int MaxTake { get; set; } = 100;

    /// <summary>Requests per client address per <see cref="RateWindow"/>; more get 429 with Retry-After. Default 300.</summary>
    public int RateLimit { get; set; } = 300;

    /// <summary>The window of <see cref="RateLimit"/>. Default one minute.</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many coming dates an activity's <c>nextDates</c> lists. Default 8 (as the activity page).</summary>
    public int NextDates { get; set; } = 8;
}
