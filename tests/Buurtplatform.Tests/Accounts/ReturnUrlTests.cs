using System.Net;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;

namespace Buurtplatform.Tests.Accounts;

/// <summary>Where the sign-in sends a person afterwards: only to a backoffice path on this site, and never an error.</summary>
public sealed class ReturnUrlTests
{
    public static TheoryData<string> Hostile =>
    [
        "/backoffice%09//evil.example", // a tab, which browsers drop: //evil.example
        "/backoffice%0a//evil.example",
        "/backoffice%0d%0aSet-Cookie:%20x=y",
        "/backoffice%00",
        "/backoffice%7f",
        "/backoffice%5c%5cevil.example", // backslashes
        "/backoffice/%5cevil.example",
        "/backoffice%c2%85//evil.example", // NEL, a control character outside ASCII
        "/backoffice/%e2%80%a8", // a line separator
        "/backofficeevil.example",
        "//evil.example/backoffice",
        "https://evil.example/backoffice",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task AHostileReturnUrlLeadsToTheDashboardAfterAPasswordSignIn(string returnUrl)
    {
        using var site = new SiteFactory();
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var client = site.HttpsClient();
        var signedIn = await client.SubmitAsync($"/backoffice/inloggen?ReturnUrl={returnUrl}", new { Input_Email = editor.Email, Input_Password = editor.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/backoffice", signedIn.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task AHostileReturnUrlLeadsToTheDashboardAfterTheCode(string returnUrl)
    {
        using var site = new SiteFactory();
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var client = site.HttpsClient();
        var password = await client.SubmitAsync($"/backoffice/inloggen?ReturnUrl={returnUrl}", new { Input_Email = admin.Email, Input_Password = admin.Password });
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/backoffice/inloggen/code?ReturnUrl=", password.Headers.Location!.OriginalString);

        // Also when the hostile value is put straight into the code page's address.
        var code = await client.SubmitAsync($"/backoffice/inloggen/code?ReturnUrl={returnUrl}", new { Code = Totp.Now(admin.AuthenticatorKey!) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal("/backoffice", code.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/backoffice/wijken/3?tab=visie")]
    [InlineData("/backoffice/zoeken?q=k%C3%A9%20b")] // as the sign-in redirect writes it: escaped
    [InlineData("/backoffice")]
    public void AnOrdinaryBackofficeAddressIsKept(string returnUrl) => Assert.Equal(returnUrl, LoginPageModel.SafeReturnUrl(returnUrl));
}
