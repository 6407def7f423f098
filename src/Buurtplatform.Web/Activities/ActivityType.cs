namespace Buurtplatform.Web.Activities;

/// <summary>The kinds of activity in the wijkaanpak. Stored and written in content files as kebab-case text.</summary>
public enum ActivityType
{
    Babybootcamp,
    Taalplezier,
    Peutergedrag,
    SamenZingen,
    Spelinloop,
    Koffieochtend,
    Voorlezen,
    Bewegen,
    Ouderbijeenkomst,
}

public static class ActivityTypes
{
    private static readonly Dictionary<ActivityType, string> Slugs = new()
    {
        [ActivityType.Babybootcamp] = "babybootcamp",
        [ActivityType.Taalplezier] = "taalplezier",
        [ActivityType.Peutergedrag] = "peutergedrag",
        [ActivityType.SamenZingen] = "samen-zingen",
        [ActivityType.Spelinloop] = "spelinloop",
        [ActivityType.Koffieochtend] = "koffieochtend",
        [ActivityType.Voorlezen] = "voorlezen",
        [ActivityType.Bewegen] = "bewegen",
        [ActivityType.Ouderbijeenkomst] = "ouderbijeenkomst",
    };

    private static readonly Dictionary<string, ActivityType> BySlug =
        Slugs.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<ActivityType> All { get; } = Slugs.Keys.ToArray();

    /// <summary>The kebab-case name used in URLs and content files.</summary>
    public static string ToSlug(this ActivityType type) => Slugs[type];

    public static bool TryParse(string? slug, out ActivityType type) => BySlug.TryGetValue(slug ?? "", out type);

    /// <summary>Resource key of the type's display name.</summary>
    public static string LabelKey(this ActivityType type) => "ActivityType." + type;
}
