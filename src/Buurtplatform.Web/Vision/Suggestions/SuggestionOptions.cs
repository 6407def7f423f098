namespace Buurtplatform.Web.Vision.Suggestions;

/// <summary>
/// Parents' ideas on the vision (section <c>VisionSuggestions</c>). Defaults in code; configuration overrides
/// them; validated on start. The time trap uses the sign-up form's <c>SignUps:MinimumFillTime</c> and
/// <c>SignUps:MaximumFormAge</c>: the same spam measures, one setting.
/// </summary>
public sealed class SuggestionOptions
{
    public const string Section = "VisionSuggestions";

    /// <summary>The column size of texts; <see cref="TextMaxLength"/> may not exceed it.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Longest idea, in characters. Default 1000.</summary>
    public int TextMaxLength { get; set; } = 1000;

    /// <summary>Days after the last step (sent, or the editors' last action) that the e-mail address and personal link are erased. Default 60.</summary>
    public int RetentionDays { get; set; } = 60;

    /// <summary>Working days within which the editors read an idea: the promise on the thank-you page and in the mail. Default 10.</summary>
    public int ResponseWorkingDays { get; set; } = 10;

    /// <summary>Posts (the form and the personal link's buttons) one IP address may send per <see cref="RateWindow"/>. Default 5.</summary>
    public int RateLimit { get; set; } = 5;

    /// <summary>The window of <see cref="RateLimit"/>. Default 10 minutes.</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>When, in Amsterdam time, the daily digest goes to editors who chose it. Default 07:00.</summary>
    public TimeOnly DigestTime { get; set; } = new(7, 0);

    /// <summary>Run the background jobs (digest, retention). Default true; with several instances, on one.</summary>
    public bool JobsEnabled { get; set; } = true;

    /// <summary>How often the background jobs look for work. Default 15 minutes.</summary>
    public TimeSpan JobInterval { get; set; } = TimeSpan.FromMinutes(15);

    public static bool IsValid(SuggestionOptions o) =>
        o.TextMaxLength is >= 50 and <= MaxTextLength
        && o.RetentionDays is >= 1 and <= 3650
        && o.ResponseWorkingDays is >= 1 and <= 60
        && o.RateLimit > 0 && o.RateWindow > TimeSpan.Zero
        && o.JobInterval > TimeSpan.Zero;
}
