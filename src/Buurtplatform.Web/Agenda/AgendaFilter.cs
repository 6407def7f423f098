using Buurtplatform.Web.Activities;
using Buurtplatform.Web.NearMe;
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

    private static readonly HashSet<string> KnownKeys = ["wijk", "leeftijd", "eenheid", "dag", "soort", "taal", "gratis", "postcode", "afstand"];

    /// <summary><c>gemeente/wijk</c> slugs, or null for every wijk.</summary>
    public string? Wijk { get; init; }

    public int? Age { get; init; }

    public AgeUnit AgeUnit { get; init; } = AgeUnit.Years;

    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];

    public ActivityType? Type { get; init; }

    public string? Language { get; init; }

    public bool FreeOnly { get; init; }

    /// <summary>
    /// "Near me": the four digits of the postcode (a typed "2525 AB" is read as "2525"), or null. Only these digits
    /// are ever used or written back, so a street-level postcode never stays in a link.
    /// </summary>
    public string? Postcode { get; init; }

    /// <summary>Whether the postcode was typed as something other than its four digits (the page then redirects to them).</summary>
    public bool PostcodeWasLong { get; init; }

    /// <summary>"Within this many km" of the postcode: one of <see cref="Distances.Kilometres"/>; it means nothing without a postcode.</summary>
    public int DistanceKm { get; init; } = Distances.DefaultKilometres;

    /// <summary>The postcode's centre, once <see cref="Locate"/> found it; activities are then kept only within <see cref="DistanceKm"/>.</summary>
    public GeoPoint? Origin { get; init; }

    public bool IsEmpty => Wijk is null && Age is null && Days.Count == 0 && Type is null && Language is null && !FreeOnly && Postcode is null;

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

        if (Single("postcode") is { } postcode)
        {
            if (PostcodeCentres.TryParsePostcode(postcode, out var pc4))
            {
                var digits = pc4.ToString(CultureInfo.InvariantCulture);
                filter = filter with { Postcode = digits, PostcodeWasLong = postcode != digits };
            }
            else
            {
                found.Add(("postcode", "Agenda.Problem.Postcode"));
            }
        }

        // The form always sends a distance (its select has one chosen), with or without a postcode: without one it is
        // simply unused. A value the form cannot send is a broken link, as for every other choice.
        if (Single("afstand") is { } distance)
        {
            if (Distances.TryParse(distance, out var km))
                filter = filter with { DistanceKm = km };
            else
                found.Add(("afstand", "Agenda.Problem.Distance"));
        }

        return filter;
    }

    /// <summary>
    /// Finds the postcode's centre. A well-formed postcode that the data does not hold (there are no 0000 or 1000
    /// areas) is a problem like a malformed one, and the filter goes on without it.
    /// </summary>
    public AgendaFilter Locate(PostcodeCentres centres, List<(string Field, string Problem)> problems)
    {
        if (Postcode is null)
            return this;
        if (centres.TryGetCentre(int.Parse(Postcode, CultureInfo.InvariantCulture), out var centre))
            return this with { Origin = centre };
        problems.Add(("postcode", "Agenda.Problem.Postcode"));
        return this with { Postcode = null, PostcodeWasLong = false };
    }

    /// <summary>Metres from the postcode's centre to the activity's meeting place, or null without a located postcode.</summary>
    public double? MetersTo(Activity a) =>
        Origin is { } o ? o.DistanceMetersTo(new GeoPoint(a.MeetingPlace.Latitude, a.MeetingPlace.Longitude)) : null;

    /// <summary>
    /// Whether the language filter names a language: one an activity offers, or any real one (ISO 639-1), so
    /// a language nobody offers yet gives an empty agenda, and "xx" an explanation.
    /// </summary>
    public bool KnowsLanguage(IEnumerable<string> offered) =>
        Language is null || IsIsoLanguage(Language) || offered.Contains(Language);

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
        if (Wijk is not null && !IsWijk(a.Wijk.Gemeente.Slug, a.Wijk.Slug, Wijk))
            return false;
        if (AgeMonths is var (from, to) && !a.SuitsAge(from, to))
            return false;
        if (Type is { } type && a.Type != type)
            return false;
        if (Language is not null && !a.Languages.Contains(Language))
            return false;
        if (MetersTo(a) is { } meters && meters > DistanceKm * 1000.0)
            return false;
        return !FreeOnly || a.IsFree;
    }

    /// <summary>Whether "gemeente/wijk" names this wijk: the comparison without building the string for every activity.</summary>
    internal static bool IsWijk(string gemeente, string wijk, string value) =>
        value.Length == gemeente.Length + 1 + wijk.Length && value[gemeente.Length] == '/'
        && value.AsSpan(0, gemeente.Length).SequenceEqual(gemeente) && value.AsSpan(gemeente.Length + 1).SequenceEqual(wijk);

    public bool Matches(ActivityOccurrence o) => Matches(o.Activity) && MatchesDay(o);

    /// <summary>Whether the date falls on one of the chosen days (any day when none are chosen).</summary>
    public bool MatchesDay(ActivityOccurrence o) => Days.Count == 0 || Days.Contains(NodaTime.Utility.BclConversions.ToDayOfWeek(o.Start.DayOfWeek));

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
        if (Postcode is not null && without != "postcode")
        {
            parts.Add(new("postcode", Postcode));
            parts.Add(new("afstand", DistanceKm.ToString(CultureInfo.InvariantCulture)));
        }

        return QueryHelpers.AddQueryString("", parts);
    }
}
