namespace Buurtplatform.Web.SignUps;

/// <summary>Sign-ups (section <c>SignUps</c>). Defaults in code; configuration overrides them; validated on start.</summary>
public sealed class SignUpOptions
{
    public const string Section = "SignUps";

    /// <summary>Days after the activity (a series: after its last date) that sign-ups are deleted, keeping anonymous counts. Default 30.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>A form sent back sooner than this after it was shown is a robot's: quietly not stored. Default 3 seconds.</summary>
    public TimeSpan MinimumFillTime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A form older than this is shown again with a kind message (nothing is lost). Default 2 hours.</summary>
    public TimeSpan MaximumFormAge { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Sign-up posts (the form and the personal link's buttons) one IP address may send per <see cref="RateWindow"/>. Default 10.</summary>
    public int RateLimit { get; set; } = 10;

    /// <summary>The window of <see cref="RateLimit"/>. Default 10 minutes.</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most children one sign-up may bring. Default 4.</summary>
    public int MaxChildren { get; set; } = 4;

    /// <summary>Longest remark. Default 300 characters.</summary>
    public int RemarkMaxLength { get; set; } = 300;

    /// <summary>How many coming dates the form offers (per-date sign-up). Default 8, as on the activity page.</summary>
    public int DatesOffered { get; set; } = 8;

    /// <summary>Staff should follow a new sign-up up within this many working days (the inbox marks late ones). Default 2.</summary>
    public int FollowUpWorkingDays { get; set; } = 2;

    /// <summary>
    /// Count 5 May as a day off every year. Default false: by the collective agreements most employers
    /// follow, Liberation Day is a day off once every five years (2025, 2030, …).
    /// </summary>
    public bool LiberationDayEveryYear { get; set; }

    /// <summary>When, in Amsterdam time, the daily digest goes to staff who chose it. Default 07:00.</summary>
    public TimeOnly DigestTime { get; set; } = new(7, 0);

    /// <summary>Sign-up writes of one process that may wait for a date's lock at once; more queue in memory. Default 8.</summary>
    public int MaxConcurrentWrites { get; set; } = 8;

    /// <summary>Run the background jobs (reminders, digest, retention). Default true; with several instances, on one.</summary>
    public bool JobsEnabled { get; set; } = true;

    /// <summary>How often the background jobs look for work. Default 5 minutes.</summary>
    public TimeSpan JobInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Languages parents can choose for contact (ISO 639-1). Default: the languages most spoken by parents in the seed wijken.</summary>
    public List<string> ContactLanguages { get; set; } = ["nl", "en", "ar", "tr", "pl", "uk", "ti", "so", "ber", "pap", "fa", "es"];

    public static bool IsValid(SignUpOptions o) =>
        o.RetentionDays is >= 1 and <= 3650
        && o.MinimumFillTime >= TimeSpan.Zero && o.MaximumFormAge > o.MinimumFillTime
        && o.RateLimit > 0 && o.RateWindow > TimeSpan.Zero
        && o.MaxChildren is >= 1 and <= 20 && o.RemarkMaxLength is >= 20 and <= 2000
        && o.DatesOffered is >= 1 and <= 52 && o.FollowUpWorkingDays is >= 0 and <= 20
        && o.JobInterval > TimeSpan.Zero && o.MaxConcurrentWrites is >= 1 and <= 100
        && o.ContactLanguages.Count > 0 && o.ContactLanguages.All(l => l.Length is >= 2 and <= 3);
}
