using System.Globalization;
using System.Net;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Accounts;

/// <summary>
/// ASVS V3.3.1: the server ends sessions. After each of these events a copy of the session cookie taken
/// before it (from a shared computer, a proxy log, malware) no longer opens the backoffice.
/// </summary>
public sealed class SessionEndTests
{
    public static TheoryData<string> Triggers => ["sign-out", "password change", "2FA reset", "role or scope change", "account disabled"];

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task ACopiedSessionCookieStopsWorkingAtOnce(string trigger)
    {
        using var site = new SiteFactory();
        site.Settings["Accounts:SignInRateLimit"] = "100";
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"], twoFactor: true);
        var (browser, copy) = await SignInKeepingACopyAsync(site, editor);
        var secondDevice = await site.SignedInClientAsync(editor);
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(site, copy));

        var adminClient = await site.SignedInClientAsync(admin);
        var user = $"/backoffice/gebruikers/{editor.Id}";
        var done = trigger switch
        {
            "sign-out" => await browser.SubmitAsync("/backoffice/uitloggen", []),
            "password change" => await browser.SubmitAsync("/backoffice/account/wachtwoord", [
                new("CurrentPassword", editor.Password), new("NewPassword", "een heel ander wachtwoord"), new("ConfirmPassword", "een heel ander wachtwoord")]),
            "2FA reset" => await adminClient.SubmitAsync(user, [], "form[action*='ResetTwoFactor']"),
            "role or scope change" => await adminClient.SubmitAsync(user,
                [new("Scope.Role", "Wijkredacteur"), new("Scope.WijkIds", await WijkIdAsync(site, "schilderswijk"))], "form[action*='Save']"),
            "account disabled" => await adminClient.SubmitAsync(user, [], "form[action*='Disable']"),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger)),
        };
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        // No clock moves: the very next request with the copy is sent to the sign-in page, and so is the other device.
        Assert.Equal(HttpStatusCode.Redirect, await StatusWithCookieAsync(site, copy));
        Assert.Equal(HttpStatusCode.Redirect, (await secondDevice.GetAsync("/backoffice")).StatusCode);
        if (trigger == "password change")
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/backoffice")).StatusCode); // the changer's own browser got a new cookie
    }

    [Fact]
    public async Task ChangingOnlyTheNameEndsNoSession()
    {
        using var site = new SiteFactory();
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var (_, copy) = await SignInKeepingACopyAsync(site, editor);

        var adminClient = await site.SignedInClientAsync(admin);
        var saved = await adminClient.SubmitAsync($"/backoffice/gebruikers/{editor.Id}", [new("DisplayName", "Redacteur Moerwijk")], "form[action*='Save']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Redacteur Moerwijk", await site.WithDbAsync(db => db.Users.Where(u => u.Id == editor.Id).Select(u => u.DisplayName).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(site, copy));
    }

    [Fact]
    public async Task AnAdministratorWhoChangesTheirOwnScopeStaysSignedInInThisBrowserOnly()
    {
        using var site = new SiteFactory();
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        await site.CreateStaffAsync("tweede@example.nl", StaffRole.Beheerder); // not the last administrator
        var (browser, copy) = await SignInKeepingACopyAsync(site, admin);

        var saved = await browser.SubmitAsync($"/backoffice/gebruikers/{admin.Id}",
            [new("Scope.Role", "Wijkredacteur"), new("Scope.WijkIds", await WijkIdAsync(site, "moerwijk"))], "form[action*='Save']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/backoffice")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/backoffice/gebruikers")).StatusCode); // now a wijk editor
        Assert.Equal(HttpStatusCode.Redirect, await StatusWithCookieAsync(site, copy));
    }

    /// <summary>Signs in through the pages and returns the browser and a copy of its session cookie's value.</summary>
    private static async Task<(HttpClient Browser, string Copy)> SignInKeepingACopyAsync(SiteFactory site, StaffAccount account)
    {
        var jar = new CookieContainer();
        var browser = site.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(jar));
        await browser.SignInAsync(account);
        var session = jar.GetCookies(new Uri("https://localhost/"))[AccountsSetup.SessionCookie];
        Assert.NotNull(session);
        return (browser, session.Value);
    }

    /// <summary>GET /backoffice from another client that sends only the copied cookie.</summary>
    private static async Task<HttpStatusCode> StatusWithCookieAsync(SiteFactory site, string session)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/backoffice");
        request.Headers.Add("Cookie", $"{AccountsSetup.SessionCookie}={session}");
        return (await client.SendAsync(request)).StatusCode;
    }

    private static async Task<string> WijkIdAsync(SiteFactory site, string slug) =>
        (await site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync())).ToString(CultureInfo.InvariantCulture);
}
