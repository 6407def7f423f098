using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace Buurtplatform.Web.Content.Translations;

/// <summary>
/// The content translations of one request's page, in the parent's language (the request's UI culture): the page
/// model loads the nodes it shows (<see cref="LoadAsync"/>), the view writes their fields through it. A field shown in
/// Dutch on a page in another language is marked <c>lang="nl"</c> (and <c>dir="ltr"</c> on a right-to-left page), and
/// the layout says once, in the parent's language, that some text is not translated yet (<see cref="ShowedDutch"/>).
/// </summary>
/// <remarks>One per request (scoped). Unloaded, or in Dutch, every field is the node's own Dutch text, unmarked.</remarks>
public sealed partial class PageTranslations(Published.Published published)
{
    private ContentTranslations _translations = ContentTranslations.None;

    /// <summary>The parent's language for content: a language nodes can be translated into, or Dutch.</summary>
    public static string Culture => ContentTranslations.CurrentCulture();

    /// <summary>Some field on this page was written in Dutch because it has no translation: the layout shows its note.</summary>
    public bool ShowedDutch { get; private set; }

    /// <summary>What has been loaded so far (for a JSON-LD document or other text the page builds itself).</summary>
    public ContentTranslations Translations => _translations;

    /// <summary>
    /// Takes the published translations into the request's language (nothing for Dutch) from the request's snapshot of
    /// the published content, which holds them all: <paramref name="nodeKeys"/> name what the page shows, for the reader.
    /// </summary>
    public async Task LoadAsync(IEnumerable<Guid> nodeKeys, CancellationToken ct)
    {
        var culture = Culture;
        if (culture == ContentTranslations.Dutch)
            return;
        var loaded = (await published.GetAsync(ct)).Translations(culture);
        // A draft shown in a preview (ShowDraft) stays in front of the published translation.
        if (!ReferenceEquals(_translations, loaded))
            _translations = _translations.Culture == culture ? _translations.With(loaded) : loaded;
    }

    /// <summary>
    /// Shows these translations, loaded before (a page that keeps what it read for when the database is away); ignored
    /// when they are in another language than the request's.
    /// </summary>
    public void Use(ContentTranslations loaded)
    {
        if (loaded.Culture == Culture)
            _translations = _translations.Culture == loaded.Culture ? _translations.With(loaded) : loaded;
    }

    /// <summary>
    /// For a preview of a translation's draft (the backoffice's, or a shared link): this node's text in the draft's language is
    /// the draft's, whatever is published; translations loaded later for other nodes join it.
    /// </summary>
    public void ShowDraft(ContentTranslation draft) =>
        _translations = ContentTranslations.Of(draft.Culture, [draft]).With(_translations.Culture == draft.Culture ? _translations : ContentTranslations.None);

    /// <summary>A field as text, for places that cannot carry a language (the page title, a meta description, an attribute).</summary>
    public TranslatedText Text(ContentNode node, string field) => _translations.Text(node, field);

    /// <summary>A field as inline HTML: the text, in a <c>lang="nl"</c> span when it falls back to Dutch on a page in another language.</summary>
    public IHtmlContent Inline(ContentNode node, string field) => Inline(Text(node, field));

    /// <summary>A text as inline HTML, marked as Dutch when it is Dutch on a page in another language.</summary>
    public IHtmlContent Inline(TranslatedText text)
    {
        // Encoded when written, by the view's encoder (which writes Arabic as characters).
        var html = new HtmlContentBuilder().Append(text.Value);
        return IsFallback(text) ? Wrap("span", html) : html;
    }

    /// <summary>
    /// A resource text whose placeholders (<c>{0}</c>, …) are filled with HTML, such as a field that may be marked as
    /// Dutch: <c>Format(T["Place.Transit"], Inline(place, "directions.transit"))</c>. The resource's own text is encoded.
    /// </summary>
    public static IHtmlContent Format(LocalizedString pattern, params IHtmlContent[] args)
    {
        var builder = new HtmlContentBuilder();
        var at = 0;
        // On a right-to-left page each inserted text is isolated (U+2068 … U+2069), as IsolatingStringLocalizer does.
        var isolate = CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;
        foreach (Match m in Placeholder().Matches(pattern.Value))
        {
            builder.Append(pattern.Value[at..m.Index]);
            if (isolate)
                builder.Append(Languages.IsolatingStringLocalizer.FirstStrongIsolate.ToString());
            builder.AppendHtml(args[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]);
            if (isolate)
                builder.Append(Languages.IsolatingStringLocalizer.PopDirectionalIsolate.ToString());
            at = m.Index + m.Length;
        }

        return builder.Append(pattern.Value[at..]);
    }

    /// <summary>A Markdown field rendered as HTML, in a <c>lang="nl"</c> block when it falls back to Dutch on a page in another language.</summary>
    public IHtmlContent Markdown(ContentNode node, string field) => Markdown(Text(node, field));

    /// <summary>Markdown rendered as HTML, in a <c>lang="nl"</c> block when it is Dutch on a page in another language.</summary>
    public IHtmlContent Markdown(TranslatedText text)
    {
        var html = MarkdownRenderer.Render(text.Value);
        return IsFallback(text) && !string.IsNullOrWhiteSpace(text.Value) ? Wrap("div", html) : html;
    }

    /// <summary><c>nl</c> when the text is Dutch on a page in another language (for a <c>lang</c> attribute the page writes itself), else null.</summary>
    public static string? DutchOnOtherPage(TranslatedText text) =>
        !text.IsTranslated && Culture != ContentTranslations.Dutch ? ContentTranslations.Dutch : null;

    /// <summary>For staff: the node's translation into this page's language was made before its Dutch text last changed.</summary>
    public bool IsStale(ContentNode node) => _translations.IsStale(node);

    private bool IsFallback(TranslatedText text)
    {
        var fallback = !text.IsTranslated && Culture != ContentTranslations.Dutch && text.Value.Length > 0;
        ShowedDutch |= fallback;
        return fallback;
    }

    /// <summary>Dutch inside a page in another language: its own language, and left to right on a right-to-left page.</summary>
    private static HtmlContentBuilder Wrap(string element, IHtmlContent content)
    {
        var dir = CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft ? " dir=\"ltr\"" : "";
        var builder = new HtmlContentBuilder();
        builder.AppendHtml($"<{element} lang=\"nl\"{dir}>");
        builder.AppendHtml(content);
        builder.AppendHtml($"</{element}>");
        return builder;
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
