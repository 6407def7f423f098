using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Buurtplatform.Web.Languages;

/// <summary>
/// Keeps the reader in their language: on an Arabic page, <c>href="/agenda"</c> becomes <c>/ar/agenda</c>, and so do a
/// form's <c>action</c> and a feed's <c>link</c>. Pages keep writing plain Dutch paths (<see cref="Content.Links"/>);
/// paths that are never translated (<see cref="SiteLanguages.UnprefixedPaths"/>) and other sites are left alone.
/// </summary>
[HtmlTargetElement("a", Attributes = "href")]
[HtmlTargetElement("link", Attributes = "href", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("form", Attributes = "action")]
public sealed class LocalizedLinkTagHelper(SiteLanguages languages) : TagHelper
{
    // After the framework's own helpers (asp-append-version, ~/ resolution) have written the final value.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var language = languages.Current;
        if (language.IsSource)
        {
            return;
        }

        var name = output.TagName == "form" ? "action" : "href";
        if (!output.Attributes.TryGetAttribute(name, out var attribute) || output.Attributes.ContainsName("hreflang"))
        {
            return;
        }

        var value = attribute.Value switch
        {
            string s => HtmlEncoder.Default.Encode(s),
            HtmlString h => h.Value ?? "",
            IHtmlContent content => Render(content),
            _ => null,
        };
        if (value is null || !IsPrefixed(language, value))
        {
            return;
        }

        output.Attributes.SetAttribute(name, new HtmlString(language.Path(value)));
    }

    /// <summary>
    /// An <c>href</c>'s value as this helper leaves it in the page (HTML-encoded), for HTML written without tag helpers
    /// (<see cref="Shared.OccurrenceListHtml"/>): the path in the page's language, or as it is.
    /// </summary>
    public static string Href(SiteLanguage language, string path, HtmlEncoder encoder)
    {
        if (!language.IsSource)
        {
            var value = HtmlEncoder.Default.Encode(path);
            if (IsPrefixed(language, value))
            {
                return language.Path(value);
            }
        }

        return encoder.Encode(path);
    }

    /// <summary>Whether this (encoded) value is a local path that gets the language's prefix: not another site, not an untranslated path, not prefixed yet.</summary>
    private static bool IsPrefixed(SiteLanguage language, string value) =>
        !language.IsSource && LanguageSetup.IsLocalPath(value) && !SiteLanguages.IsUnprefixed(value)
        && value != language.PathPrefix && !value.StartsWith(language.PathPrefix + "/", StringComparison.Ordinal);

    private static string Render(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
