using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Infrastructure;

/// <summary>
/// The test server has no client address (<c>Connection.RemoteIpAddress</c> is null), so every test request
/// looks as if it came from one place. <see cref="UseTestRemoteAddresses"/> puts a middleware in front of the
/// app's whole pipeline that takes the address from the <see cref="Header"/> request header, so a test can
/// speak as several clients. Test code only: the product never reads this header.
/// </summary>
public static class TestRemoteAddress
{
    public const string Header = "X-Test-Remote-Address";

    /// <summary>Adds the middleware through the factory's <see cref="SiteFactory.TestServices"/> hook; call before the site starts.</summary>
    public static void UseTestRemoteAddresses(this SiteFactory site) =>
        site.TestServices += services => services.AddTransient<IStartupFilter, Filter>();

    /// <summary>A client on https://localhost, like <c>HttpsClient</c>, whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient HttpsClientFrom(this SiteFactory site, IPAddress address)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(Header, address.ToString());
        return client;
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
