using System.Text.Json;
using Buurtplatform.BrowserTests.Infrastructure;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtplatform.BrowserTests;

/// <summary>
/// A staff member adds a passkey and then signs in with it alone, in Chromium with a virtual
/// authenticator in place of a phone (Chrome DevTools Protocol: WebAuthn.addVirtualAuthenticator, a
/// CTAP2 platform authenticator that keeps discoverable passkeys and verifies its user). The page's
/// real script does the ceremony; axe checks the passkey parts of the pages.
/// </summary>
/// <remarks>
/// Passkeys are bound to a host name, never an IP address: the pages are opened on <c>localhost</c>,
/// which <see cref="BrowserSite"/> makes the site's public address.
/// </remarks>
public sealed class PasskeyJourneyTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    private string Url(string path) => browser.Url(path);

    /// <param name="olderBrowser">
    /// True: the browser lacks <c>PublicKeyCredential.parse…FromJSON</c> and <c>credential.toJSON()</c>
    /// (Safari and Chrome before 2024), so passkeys.js converts the options and the answer itself.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AStaffMemberAddsAPasskeyThenSignsInWithItAloneAndLandsInTheBackoffice(bool olderBrowser)
    {
        var (email, key) = await EditorWithAuthenticatorAsync();
        await using var context = await browser.NewContextAsync();
        if (olderBrowser)
        {
            await context.AddInitScriptAsync("""
                delete PublicKeyCredential.parseCreationOptionsFromJSON;
                delete PublicKeyCredential.parseRequestOptionsFromJSON;
                delete PublicKeyCredential.prototype.toJSON;
                """);
        }

        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        var authenticator = await AddVirtualAuthenticatorAsync(context, page);

        // Password and the authenticator app's code, as every day so far.
        await page.GotoAsync(Url("/backoffice/inloggen"));
        await Expect(page.Locator("#passkey-sign-in")).ToBeVisibleAsync(); // script and WebAuthn are there
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync(Staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await page.GetByLabel("Code van 6 cijfers").FillAsync(Totp.Now(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Welkom");

        // Mijn account → Passkeys beheren.
        await page.GetByRole(AriaRole.Link, new() { Name = "Mijn account" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Passkeys beheren" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Passkeys");
        await Expect(page.Locator("#passkey-add")).ToBeVisibleAsync();
        await Expect(page.Locator("#passkey-unsupported")).ToBeHiddenAsync();
        await Axe.AssertNoViolationsAsync(page, "/backoffice/account/passkeys (none yet)");

        // A wrong password first: no passkey is made, and the script says why.
        await page.GetByLabel("Naam van de passkey").FillAsync("Laptop thuis");
        await page.GetByLabel("Uw huidige wachtwoord").FillAsync("niet mijn wachtwoord hoor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Passkey maken" }).ClickAsync();
        await Expect(page.Locator("#passkey-add .passkey-message")).ToHaveTextAsync("Uw huidige wachtwoord klopt niet.");
        Assert.Empty(await CredentialsAsync(authenticator));
        await Axe.AssertNoViolationsAsync(page, "/backoffice/account/passkeys (wrong password)");
        errors.Clear(); // Chromium logs the refused options request (400) as a console error; that one was expected

        await page.GetByLabel("Uw huidige wachtwoord").FillAsync(Staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Passkey maken" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Uw passkey is toegevoegd");
        await Expect(page.Locator("#passkeys tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#passkeys tbody td").First).ToHaveTextAsync("Laptop thuis");
        await Axe.AssertNoViolationsAsync(page, "/backoffice/account/passkeys (one passkey)");

        // The authenticator keeps it as a discoverable passkey for this site, so no address is needed later.
        var credential = Assert.Single(await CredentialsAsync(authenticator));
        Assert.True(credential.GetProperty("isResidentCredential").GetBoolean());
        Assert.Equal("localhost", credential.GetProperty("rpId").GetString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen");
        await Expect(page.Locator("#passkey-sign-in")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "/backoffice/inloggen (with the passkey section)");

        // The passkey alone: no address, no password, no code.
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met een passkey" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/backoffice"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Welkom");
        Assert.Empty(errors);

        var signIns = await browser.Site.WithDbAsync(db => db.AuditLog.Where(e => e.ActorName == email && e.Action == AuditAction.SignIn).OrderBy(e => e.Id).Select(e => e.Detail).ToListAsync());
        Assert.Equal(["password and authenticator app", "passkey"], signIns);
        Assert.True(await browser.Site.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.ActorName == email && e.Action == AuditAction.PasskeyAdded)));
    }

    [Fact]
    public async Task WithoutScriptOrWithoutWebAuthnNoPasskeyButtonShowsAndSigningInStillWorks()
    {
        var (email, key) = await EditorWithAuthenticatorAsync();

        await using (var noScript = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false }))
        {
            var page = await noScript.NewPageAsync();
            await page.GotoAsync(Url("/backoffice/inloggen"));
            await Expect(page.Locator("#passkey-sign-in")).ToBeHiddenAsync();
            await SignInWithPasswordAndCodeAsync(page, email, key);
            await page.GotoAsync(Url("/backoffice/account/passkeys"));
            await Expect(page.Locator("#passkey-add")).ToBeHiddenAsync();
            await Expect(page.Locator("#passkey-unsupported")).ToContainTextAsync("met JavaScript aan");
        }

        await using var noWebAuthn = await browser.NewContextAsync();
        await noWebAuthn.AddInitScriptAsync("delete window.PublicKeyCredential;");
        var other = await noWebAuthn.NewPageAsync();
        await other.GotoAsync(Url("/backoffice/inloggen"));
        await Expect(other.Locator("#passkey-sign-in")).ToBeHiddenAsync();
        await SignInWithPasswordAndCodeAsync(other, email, key);
        await other.GotoAsync(Url("/backoffice/account/passkeys"));
        await Expect(other.Locator("#passkey-add")).ToBeHiddenAsync();
        await Expect(other.Locator("#passkey-unsupported")).ToHaveTextAsync("Deze browser kan geen passkeys maken. Probeer een andere browser of een ander apparaat.");
    }

    /// <summary>
    /// Chromium's virtual authenticator on this page's DevTools session: CTAP2 over the "internal"
    /// transport (a platform authenticator such as a phone's), with resident keys and user verification,
    /// the user always verified and present, so no prompt waits for a person.
    /// </summary>
    private static async Task<(ICDPSession Session, string Id)> AddVirtualAuthenticatorAsync(IBrowserContext context, IPage page)
    {
        var session = await context.NewCDPSessionAsync(page);
        await session.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var added = await session.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return (session, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    private static async Task<List<JsonElement>> CredentialsAsync((ICDPSession Session, string Id) authenticator)
    {
        var result = await authenticator.Session.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticator.Id });
        return result!.Value.GetProperty("credentials").EnumerateArray().Select(c => c.Clone()).ToList();
    }

    private async Task SignInWithPasswordAndCodeAsync(IPage page, string email, string key)
    {
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync(Staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await page.GetByLabel("Code van 6 cijfers").FillAsync(Totp.Now(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Welkom");
    }

    /// <summary>A wijk editor who has set up the authenticator app, with a known key.</summary>
    private async Task<(string Email, string Key)> EditorWithAuthenticatorAsync()
    {
        var editor = await browser.Site.CreateStaffAsync($"redacteur-{Guid.NewGuid():N}@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"], twoFactor: true);
        return (editor.Email, editor.AuthenticatorKey!);
    }
}
