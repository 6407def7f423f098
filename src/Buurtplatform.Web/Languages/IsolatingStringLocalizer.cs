namespace Buurtplatform.Web.Languages;

/// <summary>
/// In a right-to-left language, every text put into a sentence (a Dutch place, street or activity name, a date) is
/// wrapped in Unicode's first-strong isolate (U+2068 … U+2069), the plain-text form of <c>&lt;bdi&gt;</c>: "Clubhuis
/// (Den Haag)" inside Arabic keeps its brackets and numbers where they belong, in pages and mails alike. Links are
/// left bare, so mail programs still see where they end.
/// </summary>
public sealed class IsolatingStringLocalizerFactory(ResourceManagerStringLocalizerFactory inner) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new IsolatingStringLocalizer(inner.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => new IsolatingStringLocalizer(inner.Create(baseName, location));
}

public sealed class IsolatingStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    public const char FirstStrongIsolate = '\u2068';
    public const char PopDirectionalIsolate = '\u2069';

    public LocalizedString this[string name] => inner[name];

    public LocalizedString this[string name, params object[] arguments] =>
        CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft ? inner[name, [.. arguments.Select(Isolate)]] : inner[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

    private static object Isolate(object argument) => argument switch
    {
        string s when Needs(s) => FirstStrongIsolate + s + PopDirectionalIsolate,
        LocalizedString l when Needs(l.Value) => FirstStrongIsolate + l.Value + PopDirectionalIsolate,
        _ => argument,
    };

    private static bool Needs(string s) =>
        s.Length > 0 && s[0] != FirstStrongIsolate && !s.StartsWith("http", StringComparison.Ordinal) && !s.StartsWith("webcal", StringComparison.Ordinal);
}
