using NodaTime;

namespace Buurtplatform.Calendar;

/// <summary>The site's time zone: every local date and time on the site is Europe/Amsterdam.</summary>
public static class SiteZone
{
    public const string Id = "Europe/Amsterdam";

    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb[Id];
}
