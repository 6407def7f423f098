using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// The site behind a reverse proxy that terminates TLS (nginx, Caddy, a load balancer): ASP.NET Core's
/// forwarded-headers middleware, first in the pipeline, takes the client's address from <c>X-Forwarded-For</c>
/// and the scheme from <c>X-Forwarded-Proto</c>, but only when the connection comes from an address in
/// <see cref="SiteOptions.TrustedProxies"/>. Without it, behind a proxy every request looks like plain HTTP from
/// the proxy: the Secure antiforgery cookie makes every form answer 500, no HSTS is sent, and all visitors share
/// one rate-limit bucket.
/// </summary>
/// <remarks>
/// Choices: A) trust every sender (<c>KnownProxies</c>/<c>KnownNetworks</c> cleared and empty): anyone who reaches
/// the site directly picks their own address and dodges the rate limits; B) the proxies named in the setting.
/// B. The hops are walked from the right and the walk stops at the first address that is not a trusted proxy,
/// so a chain (load balancer → nginx) works when all of it is listed, and whatever a client wrote into its own
/// <c>X-Forwarded-For</c> is never reached. <c>X-Forwarded-Host</c> is not used: the proxy passes <c>Host</c>.
/// </remarks>
public static class TrustedProxies
{
    public const string InvalidMessage =
        "Site:TrustedProxies: each entry must be an IP address (10.0.0.5) or a network (10.0.0.0/29), and no network may hold every address (0.0.0.0/0, ::/0).";

    /// <summary>An address (as a one-address network) or a network; null when the text is neither, or holds every address.</summary>
    public static IPNetwork? Parse(string? text)
    {
        var t = text?.Trim() ?? "";
        if (IPAddress.TryParse(t, out var address) && !t.Contains('/', StringComparison.Ordinal))
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return IPNetwork.TryParse(t, out var network) && network.PrefixLength > 0 ? network : null;
    }

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SiteOptions>>((o, site) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = null; // every trusted hop; the walk ends at the first untrusted address anyway
            o.KnownProxies.Clear(); // the defaults trust loopback: a proxy on this machine must be named like any other
            o.KnownIPNetworks.Clear();
            foreach (var network in site.Value.TrustedProxies.Select(Parse).OfType<IPNetwork>())
                o.KnownIPNetworks.Add(network);
        });
        return services;
    }

    /// <summary>Early in the pipeline (after the personal links leave the path): everything after it (rate limits, cookies, HSTS, the audit log) sees the client.</summary>
    public static IApplicationBuilder UseTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<SiteOptions>>().Value.TrustedProxies.Count > 0)
            app.UseForwardedHeaders();

        // Forwarded headers that were not believed, said once per start: an operator who put a proxy in front
        // without the setting learns why forms fail. The middleware adds X-Original-For when it believed one.
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TrustedProxies));
        var warned = 0;
        app.Use((context, next) =>
        {
            var headers = context.Request.Headers;
            if ((headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("X-Forwarded-Proto")) && !headers.ContainsKey("X-Original-For")
                && Interlocked.Exchange(ref warned, 1) == 0)
            {
                logger.LogWarning(
                    "A request from {Address} carries X-Forwarded-For or X-Forwarded-Proto, which the site ignores from that address. "
                    + "Behind a reverse proxy, set Site:TrustedProxies to the proxy's address (docs/security.md); otherwise forms fail over https and all visitors share one rate limit. Said once per start.",
                    context.Connection.RemoteIpAddress);
            }

            return next(context);
        });
        return app;
    }
}
