using System.Net;
using Buurtplatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Buurtplatform.Tests.Nodes;

/// <summary>One browser that a load balancer sends to node A for one request and to node B for the next: one cookie jar, two nodes.</summary>
public sealed class TwoNodes : IDisposable
{
    private readonly CookieContainer _cookies = new();

    public TwoNodes(SiteFactory a, SiteFactory b)
    {
        A = a.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(_cookies));
        B = b.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(_cookies));
    }

    /// <summary>The browser's requests to node A (https, redirects not followed).</summary>
    public HttpClient A { get; }

    /// <summary>The same browser's requests to node B.</summary>
    public HttpClient B { get; }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
