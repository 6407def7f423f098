namespace Buurtplatform.Web.Shared;

/// <summary>One step of the breadcrumb trail; the layout renders the list in ViewData["Breadcrumbs"].</summary>
/// <param name="Language"><c>nl</c> when the text is a node's Dutch text on a page in another language (not translated yet), else null.</param>
public sealed record Breadcrumb(string Text, string Url, string? Language = null)
{
    /// <summary>A step whose text is a node's field in the page's language (marked as Dutch when it falls back to Dutch).</summary>
    public static Breadcrumb Of(Content.Translations.TranslatedText text, string url) =>
        new(text.Value, url, Content.Translations.PageTranslations.DutchOnOtherPage(text));
}
