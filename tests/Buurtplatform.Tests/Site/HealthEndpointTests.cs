using System.Net;
using System.Text.Json;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;

namespace Buurtplatform.Tests.Site;

/// <summary>
/// <c>/health</c> tells everyone whether the site works, and only administrators and the machine itself what
/// runs underneath (versions, paths, error texts): those help an attacker pick an exploit.
/// </summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task VisitorsAndStaffWhoAreNotAdministratorsSeeOnlyTheStatuses()
    {
        using var site = NewSite();
        var pro = await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["schilderswijk/peuterlokaal-2samen"]);
        var professional = site.HttpsClientFrom(IPAddress.Parse("198.51.100.20"));
        await professional.SignInAsync(pro);

        foreach (var client in new[] { site.HttpsClientFrom(IPAddress.Parse("203.0.113.10")), professional })
        {
            var health = await HealthAsync(client);
            Assert.Equal("degraded", health.GetProperty("status").GetString());
            Assert.Equal("ok", health.GetProperty("database").GetProperty("status").GetString());
            var libvips = health.GetProperty("libvips");
            Assert.Equal("missing", libvips.GetProperty("status").GetString());
            Assert.Equal(["status"], libvips.EnumerateObject().Select(p => p.Name));
            Assert.DoesNotContain("/nonexistent", health.GetRawText());
        }
    }

    [Fact]
    public async Task AdministratorsAndThisMachineSeeTheDetails()
    {
        using var site = NewSite();
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var administrator = site.HttpsClientFrom(IPAddress.Parse("203.0.113.10"));
        await administrator.SignInAsync(admin);

        foreach (var client in new[] { administrator, site.HttpsClientFrom(IPAddress.Loopback), site.HttpsClientFrom(IPAddress.IPv6Loopback) })
        {
            var libvips = (await HealthAsync(client)).GetProperty("libvips");
            Assert.Contains("/nonexistent/bin/vips", libvips.GetProperty("detail").GetString());
            Assert.Equal("sudo apt-get install libvips-tools", libvips.GetProperty("fix").GetString());
        }
    }

    [Fact]
    public async Task ARequestThatCameThroughAProxyIsNotThisMachine()
    {
        // A proxy on the same machine that the site was not told about: every visitor would look like loopback.
        using var site = NewSite();
        var client = site.HttpsClientFrom(IPAddress.Loopback);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.10");
        Assert.Equal(["status"], (await HealthAsync(client)).GetProperty("libvips").EnumerateObject().Select(p => p.Name));
    }

    /// <summary>libvips pointed at a path that does not exist: the health answer then has details in every run, vips installed or not.</summary>
    private static SiteFactory NewSite()
    {
        var site = new SiteFactory();
        site.Settings["Media:VipsPath"] = "/nonexistent/bin/vips";
        site.UseTestRemoteAddresses();
        return site;
    }

    private static async Task<JsonElement> HealthAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
