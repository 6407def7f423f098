using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Accounts;

/// <summary>
/// Passkeys through the real pages with <see cref="SoftwareAuthenticator"/> in the browser's place:
/// adding (password first), the options the server hands out, signing in without address or code,
/// refusing tampered and replayed answers, removing, the 2FA duty and the audit log.
/// </summary>
public sealed class PasskeyTests
{
    private const string PasskeysPage = "/backoffice/account/passkeys";
    private const string LoginPage = "/backoffice/inloggen";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AddAPasskeyWithThePasswordThenSignInWithItAloneWithoutAddressOrCode(DatabaseKind kind)
    {
        using var site = NewSite(kind);
        var pro = await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["schilderswijk/peuterlokaal-2samen"], twoFactor: true);
        var client = await site.SignedInClientAsync(pro);
        using var phone = new SoftwareAuthenticator();

        // The password is asked first: a wrong one gets no options, and counts as a failed attempt.
        var wrong = await CreationOptionsAsync(client, "Telefoon", "niet mijn wachtwoord hoor");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("Uw huidige wachtwoord klopt niet.", JsonNode.Parse(await wrong.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        Assert.Equal(1, await site.WithDbAsync(db => db.Users.Where(u => u.Id == pro.Id).Select(u => u.AccessFailedCount).SingleAsync()));
        var noName = await CreationOptionsAsync(client, " ", pro.Password);
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Contains("naam", JsonNode.Parse(await noName.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());

        var added = await AddAsync(client, phone, "Telefoon van het werk", pro.Password);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(PasskeysPage, added.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync(PasskeysPage);
        Assert.Equal("Telefoon van het werk", page.QuerySelector("#passkeys tbody td").Text());
        Assert.Contains("toegevoegd", page.QuerySelector(".notice").Text());
        Assert.Contains("(1 ingesteld)", (await client.GetDocumentAsync("/backoffice/account")).QuerySelector("#passkey-count").Text());

        var stored = await site.WithDbAsync(db => db.UserPasskeys.AsNoTracking().SingleAsync(p => p.UserId == pro.Id));
        Assert.Equal(phone.CredentialId, stored.CredentialId);
        Assert.Equal("Telefoon van het werk", stored.Data.Name);
        Assert.True(stored.Data.IsUserVerified);

        // A fresh browser: no address, no password, no authenticator code.
        var fresh = site.HttpsClient();
        var signedIn = await PasskeySignInAsync(fresh, phone, returnUrl: "/backoffice/account");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/backoffice/account", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/backoffice")).StatusCode);

        var (signCount, lastSignIn) = await site.WithDbAsync(async db => (
            (await db.UserPasskeys.AsNoTracking().SingleAsync(p => p.UserId == pro.Id)).Data.SignCount,
            await db.Users.Where(u => u.Id == pro.Id).Select(u => u.LastSignInUtc).SingleAsync()));
        Assert.Equal(1u, signCount);
        Assert.NotNull(lastSignIn);

        var audit = await site.WithDbAsync(db => db.AuditLog.Where(e => e.ActorId == pro.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.Contains(audit, e => e.Action == AuditAction.PasskeyAdded && e.Target == AuditTarget.User(pro.Id) && e.Detail == "\"Telefoon van het werk\"");
        Assert.Contains(audit, e => e.Action == AuditAction.SignIn && e.Detail == "passkey");
        Assert.DoesNotContain(audit, e => e.Detail?.Contains(phone.Id, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task TheOptionsAskForADiscoverableUserVerifiedPasskeyForThisSiteAndNameNoAccountBeforeSignIn()
    {
        using var site = NewSite();
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var client = await site.SignedInClientAsync(editor);
        using var key = new SoftwareAuthenticator();

        var creation = await CreationOptionsAsync(client, "Sleutel", editor.Password);
        Assert.Equal(HttpStatusCode.OK, creation.StatusCode);
        Assert.Equal("application/json", creation.Content.Headers.ContentType!.MediaType);
        var options = JsonNode.Parse(await creation.Content.ReadAsStringAsync())!;
        Assert.Equal("localhost", options["rp"]!["id"]!.GetValue<string>());
        Assert.Equal(editor.Id, System.Text.Encoding.UTF8.GetString(Base64Url.DecodeFromChars(options["user"]!["id"]!.GetValue<string>())));
        Assert.Equal(editor.Email, options["user"]!["name"]!.GetValue<string>());
        Assert.True(Base64Url.DecodeFromChars(options["challenge"]!.GetValue<string>()).Length >= 16);
        Assert.Contains(options["pubKeyCredParams"]!.AsArray(), p => p!["alg"]!.GetValue<int>() == -7);
        Assert.Equal("required", options["authenticatorSelection"]!["residentKey"]!.GetValue<string>());
        Assert.Equal("required", options["authenticatorSelection"]!["userVerification"]!.GetValue<string>());
        Assert.Equal("none", options["attestation"]!.GetValue<string>());
        Assert.Empty(options["excludeCredentials"]?.AsArray() ?? []);
        // The challenge travels only in the short-lived __Host- cookie, never in a page.
        Assert.Contains(creation.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AccountsSetup.TwoFactorCookie + "=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));

        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, key, "Sleutel", editor.Password)).StatusCode);
        // A second passkey is made with the first one excluded, so the same device is not registered twice.
        var second = JsonNode.Parse(await (await CreationOptionsAsync(client, "Nog een", editor.Password)).Content.ReadAsStringAsync())!;
        Assert.Equal(key.Id, second["excludeCredentials"]!.AsArray().Single()!["id"]!.GetValue<string>());

        // Request options on the sign-in page name no account and no passkey: the passkey picks the account.
        var anonymous = site.HttpsClient();
        var request = JsonNode.Parse(await (await RequestOptionsAsync(anonymous)).Content.ReadAsStringAsync())!;
        Assert.Equal("localhost", request["rpId"]!.GetValue<string>());
        Assert.Equal("required", request["userVerification"]!.GetValue<string>());
        Assert.Empty(request["allowCredentials"]?.AsArray() ?? []);
        Assert.DoesNotContain(editor.Email, request.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TamperedReplayedForeignAndUnaskedAnswersAreRefusedAndAudited()
    {
        using var site = NewSite();
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        using var phone = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(await site.SignedInClientAsync(editor), phone, "Telefoon", editor.Password)).StatusCode);

        // A changed signature, a changed challenge, another site's origin: each refused, nobody signed in.
        foreach (var tamper in new Func<JsonNode, JsonNode>[]
        {
            c => Set(c, "signature", s => { var b = Base64Url.DecodeFromChars(s); b[^1] ^= 0x01; return Base64Url.EncodeToString(b); }),
            c => Set(c, "clientDataJSON", s => Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(
                System.Text.Encoding.UTF8.GetString(Base64Url.DecodeFromChars(s)).Replace("\"challenge\":\"", "\"challenge\":\"AAAA", StringComparison.Ordinal)))),
        })
        {
            var client = site.HttpsClient();
            var refused = await PasskeySignInAsync(client, phone, tamper: tamper);
            await AssertRefusedAsync(client, refused);
        }

        phone.Origin = "https://buurtplatform.example.com";
        var phished = site.HttpsClient();
        await AssertRefusedAsync(phished, await PasskeySignInAsync(phished, phone));
        phone.Origin = "http://localhost:5080";

        // An answer posted without options given to this browser first.
        var unasked = site.HttpsClient();
        var doc = await unasked.GetDocumentAsync(LoginPage);
        var answer = phone.Get(JsonSerializer.Serialize(new { challenge = Base64Url.EncodeToString(new byte[32]) }));
        await AssertRefusedAsync(unasked, await PostPasskeyAsync(unasked, doc, answer));

        // Replays of an answer that worked. From another browser (someone who copied it): no options were given there.
        var (jar, first) = await ManualCookiesSignInAsync(site, phone);
        Assert.Equal(HttpStatusCode.Redirect, first.Response.StatusCode);
        var again = site.HttpsClient();
        var againDoc = await again.GetDocumentAsync(LoginPage);
        await AssertRefusedAsync(again, await PostPasskeyAsync(again, againDoc, first.Credential));
        Assert.Equal("no passkey sign-in underway", await LastFailureAsync(site));
        // Even with a copy of the options cookie as it was then, the challenge matches but the signature counter has moved on.
        var replay = await PostWithCookiesAsync(site, jar.Before, first.Form, first.Credential);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("passkey lukte niet", (await replay.ParseAsync()).QuerySelector(".error-summary").Text());
        Assert.Equal("passkey not accepted", await LastFailureAsync(site));

        var failures = await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.SignInFailed).OrderBy(e => e.Id).ToListAsync());
        Assert.True(failures.Count >= 6, $"{failures.Count} failed sign-ins recorded");
        Assert.All(failures, e => Assert.Equal(AuditTarget.User(editor.Id), e.Target)); // the account the answer claimed
        Assert.Contains(failures, e => e.Detail == "passkey not accepted");
        Assert.Contains(failures, e => e.Detail == "no passkey sign-in underway");
        Assert.Single(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.SignIn).ToListAsync()), e => e.Detail == "passkey");
    }

    [Fact]
    public async Task AddingNeedsOptionsFromThePasswordCheckAndAnswersForThisAccount()
    {
        using var site = NewSite();
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var other = await site.CreateStaffAsync("ander@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var client = await site.SignedInClientAsync(editor);
        using var phone = new SoftwareAuthenticator();

        // Without the options request (so without the password), an answer is not stored.
        var page = await client.GetDocumentAsync(PasskeysPage);
        var made = phone.Create(JsonSerializer.Serialize(new { challenge = Base64Url.EncodeToString(new byte[32]), user = new { id = Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(editor.Id)) } }));
        var unasked = await client.SubmitAsync(page, PasskeysPage, [new("Name", "Telefoon"), new("Credential", made)], "form#passkey-add");
        Assert.Equal(HttpStatusCode.OK, unasked.StatusCode);
        Assert.Contains("niet toegevoegd", (await unasked.ParseAsync()).QuerySelector(".error-summary").Text());

        // Options asked in another person's session do not add to this one (the challenge is theirs).
        var otherClient = await site.SignedInClientAsync(other);
        var otherOptions = await (await CreationOptionsAsync(otherClient, "Telefoon", other.Password)).Content.ReadAsStringAsync();
        var foreign = await client.SubmitAsync(page, PasskeysPage, [new("Name", "Telefoon"), new("Credential", phone.Create(otherOptions))], "form#passkey-add");
        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);

        // The same device registered once only, even when its answer is posted twice.
        using var key = new SoftwareAuthenticator();
        var options = await (await CreationOptionsAsync(client, "Sleutel", editor.Password)).Content.ReadAsStringAsync();
        var answer = key.Create(options);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(await client.GetDocumentAsync(PasskeysPage), PasskeysPage, [new("Name", "Sleutel"), new("Credential", answer)], "form#passkey-add")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SubmitAsync(await client.GetDocumentAsync(PasskeysPage), PasskeysPage, [new("Name", "Sleutel"), new("Credential", answer)], "form#passkey-add")).StatusCode);

        Assert.Equal(1, await site.WithDbAsync(db => db.UserPasskeys.CountAsync()));
        Assert.Single(await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.PasskeyAdded).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RemovingAPasskeyStopsItAndEndsTheOtherSessionsButNotThisOne(DatabaseKind kind)
    {
        using var site = NewSite(kind);
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var other = await site.CreateStaffAsync("ander@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var client = await site.SignedInClientAsync(editor);
        using var phone = new SoftwareAuthenticator();
        using var laptop = new SoftwareAuthenticator();
        using var othersPhone = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, phone, "Telefoon", editor.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, laptop, "Laptop", editor.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(await site.SignedInClientAsync(other), othersPhone, "Telefoon", other.Password)).StatusCode);

        var onPhone = site.HttpsClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PasskeySignInAsync(onPhone, phone)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onPhone.GetAsync("/backoffice")).StatusCode);

        // Someone else's passkey id in the form changes nothing.
        var page = await client.GetDocumentAsync(PasskeysPage);
        var foreign = await client.SubmitAsync(page, PasskeysPage, [new("PasskeyId", othersPhone.Id)], "form[action*='handler=Remove']");
        Assert.Equal(HttpStatusCode.Redirect, foreign.StatusCode);
        Assert.Equal(3, await site.WithDbAsync(db => db.UserPasskeys.CountAsync()));

        var removeForm = page.QuerySelectorAll("form[action*='handler=Remove']").Single(f => f.QuerySelector("input[name=PasskeyId]")!.GetAttribute("value") == phone.Id);
        Assert.Equal("Verwijderen passkey Telefoon", removeForm.QuerySelector("button").Text()); // "passkey Telefoon" for screen readers only
        var removed = await client.PostAsync(removeForm.GetAttribute("action"), new FormUrlEncodedContent(Forms.Fields((IHtmlFormElement)removeForm)));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        Assert.Equal(["Laptop"], (await client.GetDocumentAsync(PasskeysPage)).QuerySelectorAll("#passkeys tbody tr td:first-child").Select(td => td.Text()));
        Assert.Equal(HttpStatusCode.Redirect, (await onPhone.GetAsync("/backoffice")).StatusCode); // its session ended
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/backoffice")).StatusCode); // this one did not
        var removedPhone = site.HttpsClient();
        await AssertRefusedAsync(removedPhone, await PasskeySignInAsync(removedPhone, phone));
        Assert.Equal(HttpStatusCode.Redirect, (await PasskeySignInAsync(site.HttpsClient(), laptop)).StatusCode);

        var entry = await site.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == AuditAction.PasskeyRemoved));
        Assert.Equal((editor.Id, AuditTarget.User(editor.Id), "\"Telefoon\""), (entry.ActorId, entry.Target, entry.Detail));
    }

    [Fact]
    public async Task APasskeySessionMeetsTheRolesTwoFactorDutyAPasswordSessionDoesNot()
    {
        using var site = NewSite();
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        using var phone = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(await site.SignedInClientAsync(editor), phone, "Telefoon", editor.Password)).StatusCode);

        // Later the administrators make 2FA compulsory for wijk editors; this editor has no authenticator app.
        await site.WithDbAsync(async db =>
        {
            (await db.StaffRoleSettings.SingleAsync(s => s.Role == StaffRole.Wijkredacteur)).RequireTwoFactor = true;
            await db.SaveChangesAsync();
        });

        var withPasskey = site.HttpsClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PasskeySignInAsync(withPasskey, phone)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withPasskey.GetAsync("/backoffice")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withPasskey.GetAsync("/backoffice/wijken/" + await WijkIdAsync(site, "moerwijk"))).StatusCode);

        // That session may manage passkeys, and stays a two-factor session when its cookie is renewed (removing one renews it).
        using var laptop = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(withPasskey, laptop, "Laptop", editor.Password)).StatusCode);
        var page = await withPasskey.GetDocumentAsync(PasskeysPage);
        Assert.Equal(HttpStatusCode.Redirect, (await withPasskey.SubmitAsync(page, PasskeysPage, [new("PasskeyId", phone.Id)], "form[action*='handler=Remove']")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withPasskey.GetAsync("/backoffice")).StatusCode);

        // With the password only, the set-up page of the authenticator app comes first, and passkeys cannot be added.
        var withPassword = await site.SignedInClientAsync(editor);
        var home = await withPassword.GetAsync("/backoffice");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/backoffice/account/tweestapsverificatie", home.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await withPassword.GetAsync(PasskeysPage)).StatusCode);
        var token = (await withPassword.GetDocumentAsync("/backoffice/account")).AntiforgeryToken();
        var options = await withPassword.PostAsync(PasskeysPage + "?handler=CreationOptions",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Name", "Mijn sleutel"), new("Password", editor.Password)]));
        Assert.Equal(HttpStatusCode.Redirect, options.StatusCode);
        Assert.Equal("/backoffice/account/tweestapsverificatie", options.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task DisabledAndLockedAccountsCannotSignInWithTheirPasskey()
    {
        using var site = NewSite();
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        using var phone = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(await site.SignedInClientAsync(editor), phone, "Telefoon", editor.Password)).StatusCode);

        await SetUserAsync(site, editor.Id, u => u.LockoutEnd = DateTimeOffset.UtcNow.AddYears(1));
        var locked = site.HttpsClient();
        await AssertRefusedAsync(locked, await PasskeySignInAsync(locked, phone));

        await SetUserAsync(site, editor.Id, u => (u.LockoutEnd, u.IsDisabled) = (null, true));
        var disabled = site.HttpsClient();
        await AssertRefusedAsync(disabled, await PasskeySignInAsync(disabled, phone));

        var details = await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.SignInFailed && e.Target == AuditTarget.User(editor.Id)).Select(e => e.Detail).ToListAsync());
        Assert.Equal(["account locked", "account disabled"], details);
    }

    [Fact]
    public async Task AnAdministratorsTwoFactorResetAlsoRemovesThePasskeys()
    {
        using var site = NewSite();
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        using var phone = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(await site.SignedInClientAsync(editor), phone, "Telefoon", editor.Password)).StatusCode);
        var onPhone = site.HttpsClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PasskeySignInAsync(onPhone, phone)).StatusCode);

        // No authenticator app, but a passkey: the reset is offered, and takes the passkey away.
        var adminClient = await site.SignedInClientAsync(admin);
        var person = await adminClient.GetDocumentAsync($"/backoffice/gebruikers/{editor.Id}");
        Assert.Equal("1", person.QuerySelector("#passkey-count").Text());
        var reset = await adminClient.SubmitAsync(person, $"/backoffice/gebruikers/{editor.Id}", [], "form[action*='ResetTwoFactor']");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.Equal(0, await site.WithDbAsync(db => db.UserPasskeys.CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await onPhone.GetAsync("/backoffice")).StatusCode);
        Assert.Contains("1 passkey(s) removed", await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.TwoFactorDisabled).Select(e => e.Detail).SingleAsync()));
    }

    [Fact]
    public async Task PasskeyOptionPostsCountTowardsTheSignInRateLimit()
    {
        using var site = new SiteFactory();
        site.Settings["Accounts:SignInRateLimit"] = "3";
        var client = site.HttpsClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await RequestOptionsAsync(client)).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task WithoutScriptThePasskeyPartsStayHiddenAndTheRestWorks()
    {
        using var site = NewSite();
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var login = await site.HttpsClient().GetDocumentAsync(LoginPage);
        Assert.True(login.QuerySelector("#passkey-sign-in")!.HasAttribute("hidden"));
        Assert.Equal("/js/passkeys.js", new Uri(new Uri("https://localhost"), login.QuerySelector("script[src*='passkeys']")!.GetAttribute("src")).AbsolutePath);
        Assert.Empty(login.QuerySelectorAll("script:not([src])"));

        var client = await site.SignedInClientAsync(editor);
        var page = await client.GetDocumentAsync(PasskeysPage);
        Assert.True(page.QuerySelector("#passkey-add")!.HasAttribute("hidden"));
        Assert.False(page.QuerySelector("#passkey-unsupported")!.HasAttribute("hidden"));
        Assert.NotNull(page.QuerySelector("#passkeys-none"));
        var script = await site.HttpsClient().GetAsync("/js/passkeys.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("navigator.credentials.create", await script.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("http://localhost:5080", null, null, "localhost", "http://localhost:5080")]
    [InlineData("https://www.buurtplatform.nl/", null, null, "www.buurtplatform.nl", "https://www.buurtplatform.nl")]
    [InlineData("https://www.buurtplatform.nl", "buurtplatform.nl", "https://buurtplatform.nl,https://www.buurtplatform.nl:8443", "buurtplatform.nl", "https://buurtplatform.nl,https://www.buurtplatform.nl:8443")]
    public void TheRelyingPartyFollowsThePublicAddressUnlessConfigured(string publicBaseUrl, string? domain, string? origins, string expectedDomain, string expectedOrigins)
    {
        var party = PasskeyRelyingParty.From(new PasskeyOptions { ServerDomain = domain, Origins = origins?.Split(',').ToList() ?? [] }, publicBaseUrl);
        Assert.NotNull(party);
        Assert.Equal(expectedDomain, party.ServerDomain);
        Assert.Equal(expectedOrigins.Split(','), party.Origins);
    }

    [Theory]
    [InlineData("http://buurtplatform.nl", null, null)] // passkeys need https outside localhost
    [InlineData("http://127.0.0.1:5080", null, null)] // an IP address is no relying party id
    [InlineData("https://buurtplatform.nl", "ander.nl", null)] // the origin is not on the relying party's domain
    [InlineData("https://buurtplatform.nl", null, "https://buurtplatform.nl/backoffice")] // an origin has no path
    [InlineData("https://buurtplatform.nl", null, "https://nepbuurtplatform.nl")] // a look-alike is no subdomain
    public void NonsensicalRelyingPartySettingsAreRefused(string publicBaseUrl, string? domain, string? origins)
    {
        Assert.Null(PasskeyRelyingParty.From(new PasskeyOptions { ServerDomain = domain, Origins = origins?.Split(',').ToList() ?? [] }, publicBaseUrl));
    }

    [Fact]
    public void OnlyOurOwnOriginsOutsideFramesAreAccepted()
    {
        var party = PasskeyRelyingParty.From(new PasskeyOptions(), "https://buurtplatform.nl")!;
        static PasskeyOriginValidationContext Context(string origin, bool crossOrigin = false, string? topOrigin = null) =>
            new() { HttpContext = new DefaultHttpContext(), Origin = origin, CrossOrigin = crossOrigin, TopOrigin = topOrigin };
        Assert.True(party.Accepts(Context("https://buurtplatform.nl")));
        Assert.False(party.Accepts(Context("https://buurtplatform.nl.evil.example")));
        Assert.False(party.Accepts(Context("http://buurtplatform.nl")));
        Assert.False(party.Accepts(Context("https://buurtplatform.nl", crossOrigin: true)));
        Assert.False(party.Accepts(Context("https://buurtplatform.nl", topOrigin: "https://evil.example")));
    }

    [Fact]
    public void TheSiteDoesNotStartWithPasskeySettingsThatCannotWork()
    {
        using var site = new SiteFactory();
        site.Settings["Accounts:Passkeys:ServerDomain"] = "ander.nl";
        var error = Assert.ThrowsAny<Exception>(() => site.CreateClient());
        Assert.Contains("Accounts:Passkeys", error.ToString());
    }

    // --- the steps a browser takes, with the page's forms and antiforgery tokens -------------------------------

    private static SiteFactory NewSite(DatabaseKind kind = DatabaseKind.Sqlite)
    {
        var site = new SiteFactory(kind);
        site.Settings["Accounts:SignInRateLimit"] = "100"; // many sign-in posts from the one test address
        return site;
    }

    /// <summary>The add form's options request, as passkeys.js sends it.</summary>
    private static async Task<HttpResponseMessage> CreationOptionsAsync(HttpClient client, string name, string password)
    {
        var form = (IHtmlFormElement)(await client.GetDocumentAsync(PasskeysPage)).QuerySelector("form#passkey-add")!;
        var fields = Forms.Fields(form).Where(f => f.Key is not ("Name" or "Password")).Append(new("Name", name)).Append(new("Password", password));
        return await client.PostAsync(form.GetAttribute("data-options-url"), new FormUrlEncodedContent(fields));
    }

    private static async Task<HttpResponseMessage> AddAsync(HttpClient client, SoftwareAuthenticator authenticator, string name, string password)
    {
        var options = await CreationOptionsAsync(client, name, password);
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var credential = authenticator.Create(await options.Content.ReadAsStringAsync());
        var page = await client.GetDocumentAsync(PasskeysPage);
        return await client.SubmitAsync(page, PasskeysPage, [new("Name", name), new("Password", ""), new("Credential", credential)], "form#passkey-add");
    }

    private static async Task<HttpResponseMessage> RequestOptionsAsync(HttpClient client)
    {
        var form = (IHtmlFormElement)(await client.GetDocumentAsync(LoginPage)).QuerySelector("form[data-passkey='sign-in']")!;
        return await client.PostAsync(form.GetAttribute("data-options-url"), new FormUrlEncodedContent(Forms.Fields(form)));
    }

    private static async Task<HttpResponseMessage> PasskeySignInAsync(HttpClient client, SoftwareAuthenticator authenticator, string? returnUrl = null, Func<JsonNode, JsonNode>? tamper = null)
    {
        var doc = await client.GetDocumentAsync(returnUrl is null ? LoginPage : $"{LoginPage}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        var form = (IHtmlFormElement)doc.QuerySelector("form[data-passkey='sign-in']")!;
        var options = await client.PostAsync(form.GetAttribute("data-options-url"), new FormUrlEncodedContent(Forms.Fields(form)));
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var credential = authenticator.Get(await options.Content.ReadAsStringAsync());
        if (tamper is not null)
            credential = tamper(JsonNode.Parse(credential)!).ToJsonString();
        return await PostPasskeyAsync(client, doc, credential);
    }

    private static Task<HttpResponseMessage> PostPasskeyAsync(HttpClient client, IDocument doc, string credential) =>
        client.SubmitAsync(doc, LoginPage, [new("Credential", credential)], "form[data-passkey='sign-in']");

    /// <summary>Refused: the sign-in page again with its message, and no session.</summary>
    private static async Task AssertRefusedAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("passkey lukte niet", (await response.ParseAsync()).QuerySelector(".error-summary").Text());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/backoffice")).StatusCode);
    }

    private static JsonNode Set(JsonNode credential, string field, Func<string, string> change)
    {
        var response = credential["response"]!;
        response[field] = change(response[field]!.GetValue<string>());
        return credential;
    }

    private sealed record CookieJar(Dictionary<string, string> Before);

    private sealed record PostedSignIn(HttpResponseMessage Response, string Credential, List<KeyValuePair<string, string>> Form);

    /// <summary>
    /// A passkey sign-in from a client that keeps its cookies by hand, so the test holds a copy of
    /// the options cookie as it was when the answer was first posted.
    /// </summary>
    private static async Task<(CookieJar Jar, PostedSignIn First)> ManualCookiesSignInAsync(SiteFactory site, SoftwareAuthenticator authenticator)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        var cookies = new Dictionary<string, string>();
        async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (cookies.Count > 0)
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await client.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0].Split('=', 2);
                cookies[pair[0]] = pair[1];
            }

            return response;
        }

        var page = await SendAsync(new HttpRequestMessage(HttpMethod.Get, LoginPage));
        var form = (IHtmlFormElement)(await page.ParseAsync()).QuerySelector("form[data-passkey='sign-in']")!;
        var fields = Forms.Fields(form);
        var options = await SendAsync(new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("data-options-url")) { Content = new FormUrlEncodedContent(fields) });
        var credential = authenticator.Get(await options.Content.ReadAsStringAsync());
        var before = new Dictionary<string, string>(cookies);
        var posted = fields.Where(f => f.Key != "Credential").Append(new("Credential", credential)).ToList();
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(posted) });
        return (new CookieJar(before), new PostedSignIn(response, credential, posted));
    }

    private static async Task<HttpResponseMessage> PostWithCookiesAsync(SiteFactory site, Dictionary<string, string> cookies, List<KeyValuePair<string, string>> form, string credential)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Post, $"{LoginPage}?handler=Passkey")
        {
            Content = new FormUrlEncodedContent(form.Where(f => f.Key != "Credential").Append(new("Credential", credential))),
        };
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        return await client.SendAsync(request);
    }

    private static Task SetUserAsync(SiteFactory site, string id, Action<StaffUser> change) => site.WithDbAsync(async db =>
    {
        change(await db.Users.SingleAsync(u => u.Id == id));
        await db.SaveChangesAsync();
    });

    private static Task<string?> LastFailureAsync(SiteFactory site) =>
        site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.SignInFailed).OrderByDescending(e => e.Id).Select(e => e.Detail).FirstAsync());

    private static Task<int> WijkIdAsync(SiteFactory site, string slug) => site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync());
}
