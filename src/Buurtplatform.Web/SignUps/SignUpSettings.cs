using Buurtplatform.Web.Activities;

namespace Buurtplatform.Web.SignUps;

public enum SignUpMode
{
    /// <summary>Parents choose one date; capacity is per date.</summary>
    PerDate,

    /// <summary>Parents sign up for all dates at once (a course such as a babybootcamp of six weeks); capacity is for the series.</summary>
    WholeSeries,
}

/// <summary>
/// How an activity's sign-up form works, kept beside the activity's content (not in the content files:
/// these are the location's working settings, and the editing pages own the content). Without a row the
/// defaults of <see cref="For"/> apply.
/// </summary>
public sealed class SignUpSettings
{
    public int ActivityId { get; set; }

    public Activity Activity { get; set; } = null!;

    public SignUpMode Mode { get; set; }

    /// <summary>Places per date (or for the series); null takes the activity's own capacity; no capacity at all means no limit.</summary>
    public int? Capacity { get; set; }

    /// <summary>Sign-up closes this many days before the date (a series: before its first date). Default 0.</summary>
    public int ClosesDaysBefore { get; set; }

    /// <summary>…at this time of day; null: at the activity's start time. "The evening before": 1 day, 20.00.</summary>
    public TimeOnly? ClosesAt { get; set; }

    /// <summary>Send parents with an e-mail address a reminder. Default true.</summary>
    public bool SendReminder { get; set; } = true;

    /// <summary>How many days before the date the reminder goes (at the activity's start time). Default 1: the day before.</summary>
    public int ReminderDaysBefore { get; set; } = 1;

    /// <summary>The settings that apply to <paramref name="activity"/>: its row, or the defaults (a series with a fixed count is a course).</summary>
    public static SignUpSettings For(Activity activity, SignUpSettings? row) => row ?? new SignUpSettings
    {
        ActivityId = activity.Id,
        Mode = activity.Schedule.Count is not null && activity.Schedule.Repeat != Repeat.Once ? SignUpMode.WholeSeries : SignUpMode.PerDate,
    };

    /// <summary>The activity's settings as stored, or its defaults (<see cref="For"/>); read without tracking.</summary>
    public static async Task<SignUpSettings> LoadAsync(Data.AppDbContext db, Activity activity, CancellationToken ct) =>
        For(activity, await db.SignUpSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ActivityId == activity.Id, ct));

    public int? EffectiveCapacity(Activity activity) => Capacity ?? activity.Capacity;
}

public enum QuestionKind
{
    ShortText,
    Choice,
    YesNo,
    Number,
}

/// <summary>An activity-specific question staff add to the form.</summary>
public sealed class SignUpQuestion
{
    public int Id { get; set; }

    public int ActivityId { get; set; }

    public Activity Activity { get; set; } = null!;

    public int Position { get; set; }

    public QuestionKind Kind { get; set; }

    public string Text { get; set; } = "";

    public bool Required { get; set; }

    /// <summary>For <see cref="QuestionKind.Choice"/>: the options, one per line.</summary>
    public string Choices { get; set; } = "";

    public IReadOnlyList<string> ChoiceList =>
        Choices.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public enum SignUpNotification
{
    /// <summary>A mail for each new sign-up (the default).</summary>
    EachSignUp,

    /// <summary>One mail a day with the new sign-ups of the day before.</summary>
    DailyDigest,

    /// <summary>No mail; the person looks in the inbox.</summary>
    None,
}

/// <summary>How a staff member wants to hear about new sign-ups at their locations. Without a row: <see cref="SignUpNotification.EachSignUp"/>.</summary>
public sealed class StaffSignUpPreference
{
    public string UserId { get; set; } = "";

    public SignUpNotification Notification { get; set; }

    /// <summary>Up to when the last digest reported.</summary>
    public DateTime? LastDigestUtc { get; set; }
}
