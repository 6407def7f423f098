using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Content;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Content;

/// <summary>
/// A gemeente lives at <c>/{slug}</c>, so every word the site itself uses as a first path segment must be reserved:
/// found from the running app's endpoints (pages, feeds, media, health …) and the static files' folders, so a new
/// page cannot forget it.
/// </summary>
public sealed class ReservedSlugTests
{
    [Fact]
    public void EveryLiteralFirstPathSegmentOfTheSiteIsAReservedGemeenteSlug()
    {
        using var site = new SiteFactory();
        var endpoints = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 50, $"found {endpoints.Count} endpoints");

        var fromRoutes = endpoints
            .Where(e => e.RoutePattern.PathSegments.Count > 0 && e.RoutePattern.PathSegments[0].Parts.All(p => p.IsLiteral))
            .Select(e => string.Concat(e.RoutePattern.PathSegments[0].Parts.Cast<RoutePatternLiteralPart>().Select(p => p.Content)));
        var wwwroot = Path.Combine(TestEnvironment.RepoRoot, "src", "Buurtplatform.Web", "wwwroot");
        var fromStaticFiles = Directory.GetFileSystemEntries(wwwroot).Select(Path.GetFileName).OfType<string>();

        // "agenda.ics" next to "{gemeente}.ics": the name before the extension is what a gemeente's feed would take.
        var used = fromRoutes.Concat(fromStaticFiles).Select(s => s.Split('.')[0].ToLowerInvariant()).Where(Slugs.IsValid).Distinct().Order().ToList();
        Assert.Contains("mijn-idee", used); // the walk sees the pages
        Assert.Contains("health", used); // and the minimal endpoints
        var missing = used.Where(s => !Slugs.Reserved.Contains(s)).ToList();
        Assert.True(missing.Count == 0, "First path segments a gemeente could take: " + string.Join(", ", missing));
    }
}
