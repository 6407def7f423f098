namespace Buurtplatform.Web.PartnerCalendars;

/// <summary>
/// Partner calendars (section <c>PartnerCalendars</c>): how they are fetched and how much is taken in.
/// Defaults in code; configuration overrides them; validated on start.
/// </summary>
public sealed class PartnerCalendarOptions
{
    public const string Section = "PartnerCalendars";

    /// <summary>The column size of a calendar's address.</summary>
    public const int MaxUrlLength = 2000;

    /// <summary>Fetch from private, loopback, link-local and unique-local addresses too. Default false; only tests set it.</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How long one fetch may take, from connecting to the last byte. Default 20 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest calendar file, fetched or uploaded, counted while reading. Default 2 MB.</summary>
    public int MaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Most events (VEVENTs) in one file. Default 2000.</summary>
    public int MaxEvents { get; set; } = 2000;

    /// <summary>Redirects followed per fetch, each to a checked address. Default 3.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>How far ahead a series that does not fit an activity's schedule is turned into dates, and a series without end is cut off. Default 365 days.</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Most dates one event may give within the horizon (a daily series gives 365). Default 400.</summary>
    public int MaxDatesPerEvent { get; set; } = 400;

    /// <summary>How often each calendar with an address is fetched. Default 1 hour.</summary>
    public TimeSpan FetchInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Run the background fetch. Default true; with several nodes one of them fetches per round (a database lock).</summary>
    public bool WorkerEnabled { get; set; } = true;

    public static bool IsValid(PartnerCalendarOptions o) =>
        o.Timeout > TimeSpan.Zero && o.MaxBytes is > 0 and <= 100 * 1024 * 1024 && o.MaxEvents > 0
        && o.MaxRedirects is >= 0 and <= 10 && o.Horizon >= TimeSpan.FromDays(7) && o.MaxDatesPerEvent > 0
        && o.FetchInterval >= TimeSpan.FromMinutes(1);
}
