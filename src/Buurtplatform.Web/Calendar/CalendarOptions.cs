namespace Buurtplatform.Web.Calendar;

/// <summary>Calendar feed settings (section <c>Calendar</c>).</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>How often calendar apps should fetch a feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). Default 12 hours.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A feed holds activities with a date from this many days back … Default 28.</summary>
    public int DaysBack { get; set; } = 28;

    /// <summary>… up to this many days ahead. Default 366.</summary>
    public int DaysAhead { get; set; } = 366;
}
