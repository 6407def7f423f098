namespace Buurtplatform.Web.Content;

/// <summary>One problem in a content file: where it is and how to fix it.</summary>
/// <param name="Message">For the command line and the log, in English, naming the file's own words.</param>
/// <param name="Code">
/// What kind of problem it is (<see cref="ContentErrorCodes"/>), so the backoffice forms, which share this
/// validation, can say it in plain Dutch next to the field (resource <c>Edit.Error.{Code}</c>).
/// </param>
/// <param name="Args">Values the Dutch text needs, such as the lowest and highest number allowed.</param>
public sealed record ContentError(string File, int Line, string Field, string Message, string Code = ContentErrorCodes.Format, IReadOnlyList<string>? Args = null)
{
    public override string ToString() =>
        Field.Length == 0 ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: field '{Field}': {Message}";
}

/// <summary>The content folder has errors; nothing was imported.</summary>
public sealed class ContentImportException(IReadOnlyList<ContentError> errors)
    : Exception("The content was not imported; fix these and try again:" + Environment.NewLine
        + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<ContentError> Errors { get; } = errors;
}

/// <summary>
/// The kinds of problem the reader reports. Stable identifiers: each has a Dutch text
/// <c>Edit.Error.{code}</c> in SharedResource.resx for the backoffice forms.
/// </summary>
public static class ContentErrorCodes
{
    public const string Required = "Required";
    public const string Format = "Format";
    public const string Bool = "Bool";
    public const string WholeNumber = "WholeNumber";
    public const string Number = "Number";
    public const string Date = "Date";
    public const string TimeRange = "TimeRange";
    public const string EndAfterStart = "EndAfterStart";
    public const string Time = "Time";
    public const string Day = "Day";
    public const string Slug = "Slug";
    public const string ReservedSlug = "ReservedSlug";
    public const string SlugTaken = "SlugTaken";
    public const string Unknown = "Unknown";
    public const string Choice = "Choice";
    public const string Postcode = "Postcode";
    public const string Postcode4 = "Postcode4";
    public const string Https = "Https";
    public const string Email = "Email";
    public const string Reference = "Reference";
    public const string AgeOrder = "AgeOrder";
    public const string Language = "Language";
    public const string Cost = "Cost";
    public const string NotADateOfTheSchedule = "NotADateOfTheSchedule";
    public const string WeekOfMonth = "WeekOfMonth";
    public const string OnlyRepeating = "OnlyRepeating";
    public const string MonthlyOneDay = "MonthlyOneDay";
    public const string UntilOrCount = "UntilOrCount";
    public const string UntilBeforeStart = "UntilBeforeStart";
    public const string DuplicateChange = "DuplicateChange";
}
