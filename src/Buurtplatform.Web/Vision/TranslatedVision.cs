using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.Vision;

/// <summary>
/// A vision's introduction and sections in one language: a translated body has its own introduction and sections,
/// section <c>i</c> standing in for the Dutch section <c>i</c> (whose heading the parents' ideas are filed under); what
/// the translation lacks is Dutch.
/// </summary>
public sealed record TranslatedVision(TranslatedText Intro, IReadOnlyList<(TranslatedText Heading, TranslatedText Body)> Sections)
{
    /// <summary>From the vision's body as <see cref="ContentTranslations.Text"/> gives it (field <c>body</c>).</summary>
    public static TranslatedVision Of(Vision v, TranslatedText body)
    {
        var (intro, translated) = body.IsTranslated ? VisionMarkdown.Split(body.Value) : (v.Intro, v.Sections);
        var sections = Enumerable.Range(0, Math.Max(translated.Count, v.Sections.Count))
            .Select(i => i < translated.Count
                ? (Heading: body with { Value = translated[i].Heading }, Body: body with { Value = translated[i].Body })
                : (Heading: Dutch(v.Sections[i].Heading), Body: Dutch(v.Sections[i].Body)))
            .ToList();
        return new TranslatedVision(body with { Value = intro }, sections);
    }

    /// <summary>The heading shown for a Dutch section heading (as ideas are filed); Dutch when the section is not (or no longer) there.</summary>
    public TranslatedText Heading(Vision v, string dutchHeading)
    {
        var i = v.Sections.FindIndex(s => s.Heading == dutchHeading);
        return i >= 0 && i < Sections.Count ? Sections[i].Heading : Dutch(dutchHeading);
    }

    private static TranslatedText Dutch(string text) => new(text, ContentTranslations.Dutch, false);
}
