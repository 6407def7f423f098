using Buurtplatform.Web.Calendar;

namespace Buurtplatform.Web.Content;

/// <summary>
/// Something in a content file that is allowed but probably not what its writer meant. Unlike a
/// <see cref="ContentError"/> it stops nothing: the import goes on and reports it, the backoffice shows it
/// above the form and on the node's page without blocking saving or publishing.
/// </summary>
/// <param name="Message">For the command line and the log, in English, naming the file's own words.</param>
/// <param name="Code">
/// What kind of warning it is (<see cref="ContentWarningCodes"/>), so the backoffice can say it in plain Dutch
/// (resource <c>Edit.Warning.{Code}</c>).
/// </param>
/// <param name="Args">Values the Dutch text needs, such as the time or the date concerned.</param>
public sealed record ContentWarning(string File, int Line, string Field, string Message, string Code, IReadOnlyList<string>? Args = null)
{
    public override string ToString() =>
        Field.Length == 0 ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: field '{Field}': {Message}";
}

/// <summary>
/// The kinds of warning the reader gives. Stable identifiers: each has a Dutch text <c>Edit.Warning.{code}</c>
/// in SharedResource.resx for the backoffice.
/// </summary>
public static class ContentWarningCodes
{
    /// <summary>A local time from 02:00 to 02:59: on the nights the clocks change it does not exist, or exists twice.</summary>
    public const string ClockChangeHour = "ClockChangeHour";

    /// <summary>A moved date whose original date is in school holidays the activity skips: the series has no such date, so the move shows nowhere.</summary>
    public const string MovedFromSchoolHoliday = "MovedFromSchoolHoliday";
}

/// <summary>
/// The warnings of one read (a content tree, or one node's text in the backoffice), and the school holidays
/// they are judged against: the tree's own <c>schoolvakanties.md</c> on import, the published ones in the backoffice.
/// </summary>
public sealed class ContentWarnings(SchoolHolidays? holidays)
{
    private readonly List<ContentWarning> _all = [];

    public SchoolHolidays? Holidays { get; } = holidays;

    public IReadOnlyList<ContentWarning> All => _all;

    public void Add(ContentWarning warning) => _all.Add(warning);
}
