namespace Buurtplatform.Web.Languages;

/// <summary>The interface languages (section <c>Languages</c>). Adding one: a resource file and one line here (docs/languages.md).</summary>
public sealed class LanguageOptions
{
    public const string Section = "Languages";

    /// <summary>
    /// The languages parents can read the site in, as .NET culture names (they decide how dates, times and numbers are
    /// written). The first is Dutch, the source language, at today's URLs; each other one is reached under
    /// <c>/{two-letter code}/</c>. Default <c>nl-NL, en-GB, ar, tr-TR, pl-PL, uk-UA</c> (<c>ar</c> without a region,
    /// so dates use the Gregorian calendar).
    /// </summary>
    public List<string> Cultures { get; set; } = [];
}
