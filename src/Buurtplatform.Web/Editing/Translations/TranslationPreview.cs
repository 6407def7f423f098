using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Languages;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Buurtplatform.Web.Editing.Translations;

/// <summary>
/// A version of a translation as parents would see it: the public page of the node as it is live (its Dutch text from the row),
/// in the translation's language (interface, <c>lang</c> and <c>dir</c>), with the version's fields where the page shows the
/// node's text (<see cref="PageTranslations.ShowDraft"/>). Built by <see cref="ContentPreview"/>, as a Dutch preview is.
/// </summary>
public sealed class TranslationPreview(ContentPreview preview, PageTranslations translations, SiteLanguages languages)
{
    private const string CultureItem = "preview-culture";

    /// <returns>The view, or null when the version's text or the node cannot be shown.</returns>
    public async Task<ContentPreview.View?> BuildAsync(ContentVersion version, ContentNode node, HttpContext http, CancellationToken ct = default)
    {
        var draft = TranslationText.Read(node, version.Culture, version.Text, []);
        if (draft is null)
            return null;
        Use(http, languages.Find(version.Culture)?.Culture ?? CultureInfo.GetCultureInfo(version.Culture));
        translations.ShowDraft(draft);
        var view = await preview.BuildAsync(ContentVersions.Baseline(node), node, ct);
        await translations.LoadAsync([node.Key], ct);
        return view is null ? null : view with
        {
            Title = TranslatableFields.For(version.Kind).Contains("title") ? translations.Text(node, "title").Value : view.Title,
            Description = TranslatableFields.For(version.Kind).Contains("summary") ? translations.Text(node, "summary").Value : view.Description,
        };
    }

    /// <summary>
    /// The request renders in <paramref name="info"/> from here on: the rest of the handler now, and the page itself through
    /// <see cref="PreviewCultureAttribute"/> (a culture set inside a handler does not flow back out of it).
    /// </summary>
    private static void Use(HttpContext http, CultureInfo info)
    {
        http.Items[CultureItem] = info;
        CultureInfo.CurrentCulture = info;
        CultureInfo.CurrentUICulture = info;
    }

    /// <summary>Renders a page in the language its preview chose (<see cref="Use"/>); without one, as usual.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class PreviewCultureAttribute : Attribute, IAsyncResultFilter
    {
        public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
        {
            if (context.HttpContext.Items[CultureItem] is CultureInfo info)
            {
                CultureInfo.CurrentCulture = info;
                CultureInfo.CurrentUICulture = info;
            }

            return next();
        }
    }
}
