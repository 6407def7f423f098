using System.Net;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Accounts;

/// <summary>Authenticator-app 2FA: enrolment with QR code, sign-in with a code or a recovery code, duty per role.</summary>
public sealed class TwoFactorTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EnrolWithTheQrKeyThenSignInWithTheAppCodeAndLaterWithARecoveryCode(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var pro = await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["schilderswijk/peuterlokaal-2samen"]);
        var client = await site.SignedInClientAsync(pro);

        // Enrol: the page shows a QR code as a data: PNG and the key to type by hand.
        var page = await client.GetDocumentAsync("/backoffice/account/tweestapsverificatie");
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector("img.qr")!.GetAttribute("src"));
        Assert.NotEmpty(page.QuerySelector("img.qr")!.GetAttribute("alt")!);
        var key = page.QuerySelector("#shared-key").Text().Replace(" ", "", StringComparison.Ordinal);

        // The password is asked again.
        var noPassword = await client.SubmitAsync(page, "/backoffice/account/tweestapsverificatie", [new("Code", Totp.Now(key)), new("Password", "niet mijn wachtwoord hoor")]);
        Assert.Equal(HttpStatusCode.OK, noPassword.StatusCode);
        Assert.NotNull((await noPassword.ParseAsync()).QuerySelector(".error-summary"));

        var enabled = await client.SubmitAsync("/backoffice/account/tweestapsverificatie", new { Code = Totp.Now(key), Password = pro.Password });
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Equal("/backoffice/account/herstelcodes", enabled.Headers.Location!.OriginalString);
        var codes = (await client.GetDocumentAsync("/backoffice/account/herstelcodes")).QuerySelectorAll("#recovery-codes li").Select(li => li.Text()).ToList();
        Assert.Equal(10, codes.Count);
        // Shown once only.
        Assert.Empty((await client.GetDocumentAsync("/backoffice/account/herstelcodes")).QuerySelectorAll("#recovery-codes li"));

        // Sign in again: password, then the app's code.
        var fresh = site.HttpsClient();
        var step1 = await fresh.SubmitAsync("/backoffice/inloggen", new { Input_Email = pro.Email, Input_Password = pro.Password });
        Assert.StartsWith("/backoffice/inloggen/code", step1.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/backoffice")).StatusCode); // not signed in yet
        var wrong = await fresh.SubmitAsync(step1.Headers.Location.OriginalString, new { Code = "000000" == Totp.Now(key) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var step2 = await fresh.SubmitAsync(step1.Headers.Location.OriginalString, new { Code = Totp.Now(key) });
        Assert.Equal(HttpStatusCode.Redirect, step2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/backoffice")).StatusCode);

        // Phone lost: a recovery code works once.
        foreach (var attempt in new[] { true, false })
        {
            var other = site.HttpsClient();
            var s1 = await other.SubmitAsync("/backoffice/inloggen", new { Input_Email = pro.Email, Input_Password = pro.Password });
            var s2 = await other.SubmitAsync("/backoffice/inloggen/code?handler=Recovery", new { Code = codes[0] });
            if (attempt)
            {
                Assert.Equal(HttpStatusCode.Redirect, s2.StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/backoffice")).StatusCode);
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, s2.StatusCode); // used up
                Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/backoffice")).StatusCode);
            }
        }

        var details = await site.WithDbAsync(db => db.AuditLog.Where(e => e.ActorId == pro.Id).OrderBy(e => e.Id).Select(e => e.Action + ":" + e.Detail).ToListAsync());
        Assert.Contains(AuditAction.TwoFactorEnabled + ":", details);
        Assert.Contains(AuditAction.SignIn + ":password and authenticator app", details);
        Assert.Contains(AuditAction.SignIn + ":password and recovery code", details);
        Assert.Contains(AuditAction.SignInFailed + ":wrong authenticator code", details);
        Assert.Contains(AuditAction.SignInFailed + ":wrong recovery code", details);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task WhenARoleRequiresTwoFactorItsMembersMustSetItUpBeforeWorking(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var editorClient = await site.SignedInClientAsync(editor);
        Assert.Equal(HttpStatusCode.OK, (await editorClient.GetAsync("/backoffice")).StatusCode);

        // The administrator makes 2FA compulsory for wijk editors.
        var adminClient = await site.SignedInClientAsync(admin);
        var saved = await adminClient.SubmitAsync("/backoffice/gebruikers", [new("TwoFactorRoles", "Beheerder"), new("TwoFactorRoles", "Wijkredacteur")], "form[action*='TwoFactor']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // At once, the editor's next request goes to the set-up page; every other page is closed to them.
        var next = await editorClient.GetAsync("/backoffice");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/backoffice/account/tweestapsverificatie", next.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await editorClient.GetAsync("/backoffice/wijken/1")).StatusCode);
        var setup = await editorClient.GetDocumentAsync("/backoffice/account/tweestapsverificatie");
        Assert.NotNull(setup.QuerySelector(".notice"));

        var key = setup.QuerySelector("#shared-key").Text().Replace(" ", "", StringComparison.Ordinal);
        var enable = await editorClient.SubmitAsync(setup, "/backoffice/account/tweestapsverificatie", [new("Code", Totp.Now(key)), new("Password", editor.Password)]);
        Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editorClient.GetAsync("/backoffice")).StatusCode);

        // Required means it cannot be switched off.
        var page = await editorClient.GetDocumentAsync("/backoffice/account/tweestapsverificatie");
        Assert.Null(page.QuerySelector("form[action*='Disable']"));
        var disable = await editorClient.PostAsync("/backoffice/account/tweestapsverificatie?handler=Disable",
            new FormUrlEncodedContent([new("__RequestVerificationToken", page.AntiforgeryToken()), new("Password", editor.Password)]));
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.NotNull((await disable.ParseAsync()).QuerySelector(".error-summary"));
        Assert.True(await site.WithDbAsync(db => db.Users.Where(u => u.Id == editor.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.True(await site.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == AuditAction.RoleSettingsChanged && e.Detail!.Contains("Wijkredacteur"))));
    }
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task SwitchingTwoFactorOffAsksForThePasswordAndWorksWithTheRightOne(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var pro = await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["schilderswijk/peuterlokaal-2samen"], twoFactor: true);
        var client = await site.SignedInClientAsync(pro);
        Task<bool> EnabledAsync() => site.WithDbAsync(db => db.Users.Where(u => u.Id == pro.Id).Select(u => u.TwoFactorEnabled).SingleAsync());

        // Not required for professionals: the page offers to switch it off, with the password.
        var page = await client.GetDocumentAsync("/backoffice/account/tweestapsverificatie");
        Assert.NotNull(page.QuerySelector("form[action*='Disable'] input[name='Password']"));

        // A wrong password is refused and changes nothing.
        var wrong = await client.SubmitAsync(page, "/backoffice/account/tweestapsverificatie", [new("Password", "niet mijn wachtwoord hoor")], "form[action*='Disable']");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.NotNull((await wrong.ParseAsync()).QuerySelector(".error-summary"));
        Assert.True(await EnabledAsync());
        Assert.False(await site.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == AuditAction.TwoFactorDisabled)));

        // The right password switches it off; the next sign-in needs no code.
        var off = await client.SubmitAsync("/backoffice/account/tweestapsverificatie", new { Password = pro.Password }, "form[action*='Disable']");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Equal("/backoffice/account", off.Headers.Location!.OriginalString);
        Assert.False(await EnabledAsync());
        Assert.True(await site.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == AuditAction.TwoFactorDisabled && e.ActorId == pro.Id)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/backoffice")).StatusCode);

        var fresh = site.HttpsClient();
        var signIn = await fresh.SubmitAsync("/backoffice/inloggen", new { Input_Email = pro.Email, Input_Password = pro.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("inloggen", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/backoffice")).StatusCode);
    }
}
