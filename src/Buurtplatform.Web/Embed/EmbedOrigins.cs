namespace Buurtplatform.Web.Embed;

/// <summary>
/// The sites a wijk lets frame its embedded agenda, as staff type them ("https://www.school.nl", one per line)
/// and as the <c>frame-ancestors</c> directive needs them: a scheme, a host and optionally a port, nothing else.
/// </summary>
public static class EmbedOrigins
{
    /// <summary>More would make the header long and the list hard to review.</summary>
    public const int Max = 20;

    /// <summary>The origins, normalised (lower case, no trailing slash, duplicates removed), or the first line that is not one with the reason.</summary>
    public static (List<string> Origins, string? Error, string? BadLine) Parse(string? text)
    {
        var origins = new List<string>();
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            if (Normalise(line) is not { } origin)
                return ([], "Embed.Origins.Invalid", line);
            if (!origins.Contains(origin, StringComparer.Ordinal))
                origins.Add(origin);
        }

        return origins.Count > Max ? ([], "Embed.Origins.TooMany", null) : (origins, null, null);
    }

    /// <summary>
    /// <c>https://host[:port]</c>, optionally with one leading <c>*.</c> for every subdomain; <c>http://</c> only for
    /// localhost (a partner's developer). A path, query, user name or other scheme is refused: the browser would
    /// ignore the path, and a wrong entry should be seen, not silently widened.
    /// </summary>
    public static string? Normalise(string value)
    {
        var wildcard = false;
        var text = value.TrimEnd('/');
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && text.AsSpan(schemeEnd + 3).StartsWith("*.", StringComparison.Ordinal))
        {
            wildcard = true;
            text = string.Concat(text.AsSpan(0, schemeEnd + 3), text.AsSpan(schemeEnd + 5));
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.HostNameType != UriHostNameType.Dns
            || !string.IsNullOrEmpty(uri.UserInfo)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0
            || text.EndsWith('?') || text.EndsWith('#'))
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        var local = host == "localhost";
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && local && !wildcard))
            return null;
        if (!local && (!host.Contains('.', StringComparison.Ordinal) || host.EndsWith('.')))
            return null;
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        return $"{uri.Scheme}://{(wildcard ? "*." : "")}{host}{port}";
    }

    /// <summary>The Content-Security-Policy of an embedded page: as strict as the site's own, framed only by this site and the wijk's partner sites.</summary>
    public static string ContentSecurityPolicy(IEnumerable<string> origins) =>
        WebSetup.ContentSecurityPolicy(frameAncestors: string.Join(' ', ["'self'", .. origins]));
}
