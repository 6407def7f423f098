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
        if (value is null || !language.Prefixes(value))
        {
            return;
        }

        output.Attributes.SetAttribute(name, new HtmlString(language.Path(value)));
    }

    private static string Render(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
