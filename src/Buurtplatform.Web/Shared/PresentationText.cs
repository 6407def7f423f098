using Buurtplatform.Web.Activities;

namespace Buurtplatform.Web.Shared;

/// <summary>How activity facts read for parents: ages, cost, languages. All words come from the resource files.</summary>
public static class PresentationText
{
    /// <summary>"18 maanden tot 4 jaar".</summary>
    public static string AgeRange(IStringLocalizer t, int fromMonths, int toMonths) =>
        t["Age.Range", Age(t, fromMonths), Age(t, toMonths)];

    public static string Age(IStringLocalizer t, int months)
    {
        if (months % 12 == 0 && months >= 12)
            return t.Plural("Age.Years", months / 12);
        if (months < 24)
            return t.Plural("Age.Months", months);
        if (months % 12 == 6)
            return t["Age.YearsAndHalf", months / 12];
        return t.Plural("Age.Months", months);
    }

    public static string Cost(IStringLocalizer t, Activity a) =>
        a.IsFree ? t["Cost.Free"] : a.CostAmount!.Value.ToString("C", CultureInfo.CurrentCulture);

    public static string Language(IStringLocalizer t, string code)
    {
        var text = t["Language." + code];
        if (!text.ResourceNotFound)
            return text;
        try
        {
            return CultureInfo.GetCultureInfo(code).NativeName;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    public static string Languages(IStringLocalizer t, IEnumerable<string> codes) =>
        string.Join(", ", codes.Select(c => Language(t, c)));

    public static string Type(IStringLocalizer t, ActivityType type) => t[type.LabelKey()];
}
