namespace Buurtplatform.Web.Infrastructure;

/// <summary>Site-wide settings (section <c>Site</c>). Defaults in code; configuration overrides them.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>Folder for the SQLite database and other runtime data, relative to the content root. Default <c>App_Data</c>.</summary>
    public string DataPath { get; set; } = "App_Data";

    /// <summary>The <c>umbraco-content/</c> folder imported into an empty database, relative to the content root. Default <c>umbraco-content</c>.</summary>
    public string ContentPath { get; set; } = "umbraco-content";

    /// <summary>Import <see cref="ContentPath"/> on start when the database has no content yet. Default true.</summary>
    public bool ImportOnStart { get; set; } = true;

    /// <summary>Absolute base URL for links that leave the page (schema.org, feeds). Default <c>http://localhost:5080</c>.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>How long anonymous pages stay in the output cache. Default 60 seconds.</summary>
    public TimeSpan PageCacheDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The most the output cache holds, in megabytes. Default 32: thousands of pages as browsers get them (compressed,
    /// 5-15 KB), while each filter combination of the agenda is a page of its own; the public pages are rendered from
    /// memory anyway (the published-content snapshot), so a page that fell out costs a render, not the database.
    /// </summary>
    public int PageCacheMegabytes { get; set; } = 32;

    /// <summary>
    /// Whether a page with a query string (an agenda filter, a search, a filtered feed) goes into the output cache only
    /// when it is asked for again, not the first time. Default true: most filter combinations are asked once, and
    /// storing each (a copy of the page, an entry pushing a popular page out of <see cref="PageCacheMegabytes"/>) cost
    /// an uncached agenda more than rendering its dates (issue 15); a combination parents do use is cached from its
    /// second request on. Pages without a query string are stored the first time, as before.
    /// </summary>
    public bool PageCacheQueriesWhenRepeated { get; set; } = true;

    /// <summary>
    /// Whether the published-content snapshot is built while the site starts (on another core, once the database is
    /// migrated) rather than by the first request. Default true: a restart's first page then finds it ready (issue 15,
    /// docs/published-content.md). Either way a change announced later gets a snapshot of its own.
    /// </summary>
    public bool PrepareSnapshotOnStart { get; set; } = true;

    /// <summary>
    /// The reverse proxies in front of the site, as addresses (<c>127.0.0.1</c>, <c>10.0.0.5</c>) or networks
    /// (<c>10.0.0.0/29</c>): only from these are <c>X-Forwarded-For</c> (the client's address, for rate limits and
    /// the audit log) and <c>X-Forwarded-Proto</c> (https, for the Secure cookies and HSTS) believed. Default
    /// empty: no proxy, the connection's own address and scheme count. Behind a proxy that terminates TLS this
    /// must name it; a network must hold proxies only, never clients (see docs/security.md).
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Resolves a configured path against the content root.</summary>
    public static string Resolve(IWebHostEnvironment env, string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(env.ContentRootPath, path));
}
