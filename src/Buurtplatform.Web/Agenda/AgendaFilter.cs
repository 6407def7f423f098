using Buurtplatform.Web.Activities;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Buurtplatform.Web.Agenda;

public enum AgeUnit
{
    Years,
    Months,
}

/// <summary>
/// The agenda's filters, read from and written to the query string so a filtered agenda is a link
/// a parent can share: <c>/agenda?wijk=den-haag/schilderswijk&amp;leeftijd=2&amp;dag=dinsdag&amp;soort=taalplezier&amp;taal=ar&amp;gratis=ja</c>.
/// Parsing is strict: unknown values, and a choice given twice where only one fits (two wijken), are
/// reported, never silently dropped or picked from, so the page and the feed of the same filter answer
/// 400 with an explanation instead of an empty calendar that looks valid.
/// </summary>
public sealed record AgendaFilter
{
    public static readonly string[] DayWords = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];

    private static readonly HashSet<string> KnownKeys = ["wijk", "leeftijd", "eenheid", "dag", "soort", "taal", "gratis"];

    /// <summary><c>gemeente/wijk</c> slugs, or null for every wijk.</summary>
    public string? Wijk { get; init; }

    public int? Age { get; init; }

    public AgeUnit AgeUnit { get; init; } = AgeUnit.Years;

    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];

    public ActivityType? Type { get; init; }

    public string? Language { get; init; }

    public bool FreeOnly { get; init; }

    public bool IsEmpty => Wijk is null && Age is null && Days.Count == 0 && Type is null && Language is null && !FreeOnly;

    /// <summary>The child's age as a range of months: a "2-year-old" is 24 to 35 months.</summary>
    public (int From, int To)? AgeMonths => Age is not { } age ? null
        : AgeUnit == AgeUnit.Years ? (age * 12, age * 12 + 11) : (age, age);

    /// <summary>Reads the filter; each problem is a (field, message key) pair for the page or a 400 answer.</summary>
    public static AgendaFilter Parse(IEnumerable<KeyValuePair<string, StringValues>> query, out List<(string Field, string Problem)> problems)
    {
        var found = new List<(string Field, string Problem)>();
        problems = found;
        var q = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var key in q.Keys.Where(k => !KnownKeys.Contains(k)))
            found.Add((key, "Agenda.Problem.UnknownFilter"));

        // One value for a one-value choice; an empty one (the form's "all") is no choice, the same one twice is one.
        string? Single(string key)
        {
            if (!q.TryGetValue(key, out var values))
                return null;
            var given = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList();
            if (given.Count > 1)
            {
                found.Add((key, "Agenda.Problem.Repeated"));
                return null;
            }

            return given.FirstOrDefault();
        }

        var filter = new AgendaFilter();
        if (Single("wijk") is { } wijk)
        {
            if (wijk.Length <= 170 && wijk.Split('/') is [var g, var w] && Content.Slugs.IsValid(g) && Content.Slugs.IsValid(w))
                filter = filter with { Wijk = wijk };
            else
                found.Add(("wijk", "Agenda.Problem.Wijk"));
        }

        var unit = AgeUnit.Years;
        switch (Single("eenheid"))
        {
            case null or "jaar":
                break;
            case "maanden":
                unit = AgeUnit.Months;
                break;
            default:
                found.Add(("eenheid", "Agenda.Problem.Unit"));
                break;
        }

        if (Single("leeftijd") is { } ageText)
        {
            var max = unit == AgeUnit.Years ? 6 : 72;
            if (int.TryParse(ageText, NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age <= max)
                filter = filter with { Age = age, AgeUnit = unit };
            else
                found.Add(("leeftijd", unit == AgeUnit.Years ? "Agenda.Problem.AgeYears" : "Agenda.Problem.AgeMonths"));
        }

        var days = new List<DayOfWeek>();
        if (q.TryGetValue("dag", out var dayValues))
        {
            foreach (var d in dayValues.Where(s => !string.IsNullOrWhiteSpace(s)))
            {
                var i = Array.IndexOf(DayWords, d!.Trim());
                if (i < 0)
                    found.Add(("dag", "Agenda.Problem.Day"));
                else if (!days.Contains((DayOfWeek)i))
                    days.Add((DayOfWeek)i);
            }
        }

        filter = filter with { Days = days.OrderBy(d => ((int)d + 6) % 7).ToList() };

        if (Single("soort") is { } type)
        {
            if (ActivityTypes.TryParse(type, out var t))
                filter = filter with { Type = t };
            else
                found.Add(("soort", "Agenda.Problem.Type"));
        }

        if (Single("taal") is { } language)
        {
            if (language.Length == 2 && language.All(char.IsAsciiLetterLower))
                filter = filter with { Language = language };
            else
                found.Add(("taal", "Agenda.Problem.Language"));
        }

        switch (Single("gratis"))
        {
            case null:
                break;
            case "ja":
                filter = filter with { FreeOnly = true };
                break;
            default:
                found.Add(("gratis", "Agenda.Problem.Free"));
                break;
        }

        return filter;
    }

    /// <summary>
    /// Whether the language filter names a language: one an activity offers, or any real one (ISO 639-1), so
    /// a language nobody offers yet gives an empty agenda, and "xx" an explanation.
    /// </summary>
    public bool KnowsLanguage(IEnumerable<Activity> activities) =>
        Language is null || IsIsoLanguage(Language) || activities.Any(a => a.Languages.Contains(Language));

    private static bool IsIsoLanguage(string code)
    {
        try
        {
            return CultureInfo.GetCultureInfo(code, predefinedOnly: true).TwoLetterISOLanguageName == code;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Whether an activity passes the filters that do not depend on the date.</summary>
    public bool Matches(Activity a)
    {
        if (Wijk is not null && $"{a.Wijk.Gemeente.Slug}/{a.Wijk.Slug}" != Wijk)
            return false;
        if (AgeMonths is var (from, to) && !a.SuitsAge(from, to))
            return false;
        if (Type is { } type && a.Type != type)
            return false;
        if (Language is not null && !a.Languages.Contains(Language))
            return false;
        return !FreeOnly || a.IsFree;
    }

    public bool Matches(ActivityOccurrence o) => Matches(o.Activity) && (Days.Count == 0 || Days.Contains(NodaTime.Utility.BclConversions.ToDayOfWeek(o.Start.DayOfWeek)));

    /// <summary>The query string of this filter, without one of its parts (to offer "remove this filter").</summary>
    public string ToQueryString(string? without = null)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        if (Wijk is not null && without != "wijk")
            parts.Add(new("wijk", Wijk));
        if (Age is { } age && without != "leeftijd")
        {
            parts.Add(new("leeftijd", age.ToString(CultureInfo.InvariantCulture)));
            if (AgeUnit == AgeUnit.Months)
                parts.Add(new("eenheid", "maanden"));
        }

        if (without != "dag")
            parts.AddRange(Days.Select(d => new KeyValuePair<string, string?>("dag", DayWords[(int)d])));
        if (Type is { } t && without != "soort")
            parts.Add(new("soort", t.ToSlug()));
        if (Language is not null && without != "taal")
            parts.Add(new("taal", Language));
        if (FreeOnly && without != "gratis")
            parts.Add(new("gratis", "ja"));
        return QueryHelpers.AddQueryString("", parts);
    }
}
