namespace Buurtplatform.Web.Languages;

/// <summary>One interface language: its URL code (<c>ar</c>), culture, own name ("العربية") and writing direction.</summary>
public sealed record SiteLanguage(string Code, CultureInfo Culture, string NativeName, bool IsRightToLeft)
{
    /// <summary>Dutch: the source language of all content and of the resource files, at today's URLs.</summary>
    public bool IsSource => Code == SiteLanguages.SourceCode;

    /// <summary>What goes before a public path: empty for Dutch, <c>/ar</c> for Arabic.</summary>
    public string PathPrefix => IsSource ? "" : "/" + Code;

    public string Direction => IsRightToLeft ? "rtl" : "ltr";

    /// <summary>A public path (<c>/den-haag/schilderswijk</c>) in this language (<c>/ar/den-haag/schilderswijk</c>).</summary>
    public string Path(string path) => IsSource ? path : PathPrefix + (path == "/" ? "/" : path);

    /// <summary>
    /// A link's address on a page in this language, as <see cref="LocalizedLinkTagHelper"/> writes it: a local path
    /// gets the prefix, other sites, paths that are never translated and paths with the prefix already stay as they are.
    /// For markup that does without the tag helper (the layout, the agenda: a tag helper per link costs).
    /// </summary>
    public string Link(string path) => Prefixes(path) ? Path(path) : path;

    /// <summary>Whether a link to this address gets the language's prefix (see <see cref="Link"/>).</summary>
    public bool Prefixes(string path) =>
        !IsSource && LanguageSetup.IsLocalPath(path) && !SiteLanguages.IsUnprefixed(path)
        && path != PathPrefix && !path.StartsWith(PathPrefix + "/", StringComparison.Ordinal);
}

/// <summary>The configured interface languages (<see cref="LanguageOptions"/>), Dutch first.</summary>
public sealed class SiteLanguages
{
    public const string SourceCode = "nl";

    public static readonly string[] DefaultCultures = ["nl-NL", "en-GB", "ar", "tr-TR", "pl-PL", "uk-UA"];

    /// <summary>
    /// Paths that are never in another language: the backoffice and the API (staff and systems read Dutch), static files
    /// and the language choice itself. A link to one of them is left as it is, and a request for one under a language
    /// prefix is sent to the path without it.
    /// </summary>
    public static readonly string[] UnprefixedPaths =
        ["/backoffice", "/api", "/umbraco", "/health", "/media", "/css", "/js", "/icons", "/img", "/favicon.svg", "/manifest.webmanifest", "/postcodes.json", LanguageChoice.Path];

    private readonly Dictionary<string, SiteLanguage> _byCode;

    public SiteLanguages(IOptions<LanguageOptions> options)
    {
        var names = options.Value.Cultures.Count > 0 ? options.Value.Cultures : [.. DefaultCultures];
        All = [.. names.Select(Create)];
        _byCode = All.ToDictionary(l => l.Code, StringComparer.Ordinal);
        if (All.Count != _byCode.Count)
            throw new InvalidOperationException("Languages:Cultures names one language twice.");
        if (All[0].Code != SourceCode)
            throw new InvalidOperationException("Languages:Cultures must start with Dutch (nl-NL), the source language of the content.");
        Source = All[0];
    }

    public IReadOnlyList<SiteLanguage> All { get; }

    public SiteLanguage Source { get; }

    public SiteLanguage? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var l) ? l : null;

    /// <summary>The language of the current request or mail (the culture the middleware or <c>MailLanguage</c> set).</summary>
    public SiteLanguage Current => Find(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? Source;

    /// <summary>
    /// The site's public base URL in the current language (<c>https://buurtplatform.nl/ar</c>), for absolute links to
    /// public pages: feeds, schema.org, share links, poster QR codes and the parents' mails (written in their language).
    /// </summary>
    public static string PublicBase(string publicBaseUrl)
    {
        var code = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return publicBaseUrl.TrimEnd('/') + (code == SourceCode ? "" : "/" + code);
    }

    public static bool IsUnprefixed(string path) =>
        UnprefixedPaths.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)
            && (path.Length == p.Length || path[p.Length] is '/' or '?' or '.'));

    private static SiteLanguage Create(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        var neutral = culture.IsNeutralCulture ? culture : culture.Parent;
        var own = neutral.NativeName;
        own = own.Length == 0 ? culture.Name : char.ToUpper(own[0], neutral) + own[1..];
        return new SiteLanguage(culture.TwoLetterISOLanguageName, culture, own, culture.TextInfo.IsRightToLeft);
    }
}

public static class LanguageTexts
{
    /// <summary>A text in another language than the page's (the offer to read the page in the parent's own language).</summary>
    public static string InLanguage(this IStringLocalizer t, CultureInfo culture, string key)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return t[key].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
