using System.Net;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Accounts;

/// <summary>Password rules (12 characters, not common), reset by mail, change of password and e-mail address.</summary>
public sealed class PasswordTests
{
    [Fact]
    public void TheCommonPasswordListShipsWithTheAppAndIsLargeEnough()
    {
        Assert.True(CommonPasswords.Count >= 10_000, $"{CommonPasswords.Count} entries");
        Assert.True(CommonPasswords.Contains("qwerty123456"));
        Assert.True(CommonPasswords.Contains("QWERTY123456")); // case-insensitive
        Assert.True(CommonPasswords.Contains("1qaz2wsx3edc"));
        Assert.False(CommonPasswords.Contains(Staff.Password));
    }

    [Theory]
    [InlineData("elf tekens.", false)] // 11 characters
    [InlineData("twaalf tekns", true)] // 12 characters, spaces and all: no composition rules
    [InlineData("qwerty123456", false)] // common
    [InlineData("QwErTy123456", false)] // common, whatever the case
    [InlineData("1QAZ2WSX3EDC", false)]
    public async Task ChoosingAPasswordNeedsTwelveCharactersAndNotACommonOne(string password, bool accepted)
    {
        using var site = new SiteFactory { RealPasswordHashing = true };
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var client = await site.SignedInClientAsync(admin);
        var doc = await client.GetDocumentAsync("/backoffice/account/wachtwoord");
        Assert.Equal("new-password", doc.QuerySelector("#new-password")!.GetAttribute("autocomplete"));
        Assert.Null(doc.QuerySelector("#new-password")!.GetAttribute("onpaste")); // pasting from a password manager is fine

        var response = await client.SubmitAsync(doc, "/backoffice/account/wachtwoord", [
            new("CurrentPassword", admin.Password), new("NewPassword", password), new("ConfirmPassword", password)]);

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/backoffice")).StatusCode); // this session stays
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var errors = (await response.ParseAsync()).QuerySelector(".error-summary").Text();
            Assert.Matches(password.Length < 12 ? "minstens 12 tekens" : "komt te vaak voor", errors);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task APasswordResetMailCarriesALinkThatSetsANewPasswordOnceAndEndsOtherSessions(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind) { RealPasswordHashing = true };
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var oldSession = await site.SignedInClientAsync(editor);

        var client = site.HttpsClient();
        var known = await client.SubmitAsync("/backoffice/wachtwoord-vergeten", new { Email = editor.Email });
        var unknown = await client.SubmitAsync("/backoffice/wachtwoord-vergeten", new { Email = "niemand@example.nl" });
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (known.StatusCode, unknown.StatusCode));
        Assert.Equal(known.Headers.Location, unknown.Headers.Location); // the same answer

        var mail = Assert.Single(await site.DeliverMailAsync());
        Assert.Equal(editor.Email, mail.To);
        Assert.Equal("Nieuw wachtwoord voor het Buurtplatform", mail.Subject);
        var link = new Uri(mail.Link("/backoffice/wachtwoord-instellen")).PathAndQuery;
        const string newPassword = "de wijkboerderij opent om negen";
        var set = await client.SubmitAsync(link, new { NewPassword = newPassword, ConfirmPassword = newPassword });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(link)).StatusCode); // once
        Assert.Equal(HttpStatusCode.Redirect, (await oldSession.GetAsync("/backoffice")).StatusCode); // other sessions ended
        await site.HttpsClient().SignInAsync(editor with { Password = newPassword });

        // The link lives an hour.
        await client.SubmitAsync("/backoffice/wachtwoord-vergeten", new { Email = editor.Email });
        var second = new Uri((await site.DeliverMailAsync()).Last().Link("/backoffice/wachtwoord-instellen")).PathAndQuery;
        site.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(second)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ChangingTheEmailAddressNeedsThePasswordAndAConfirmationFromTheNewAddress(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var editor = await site.CreateStaffAsync("oud@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var client = await site.SignedInClientAsync(editor);

        var wrong = await client.SubmitAsync("/backoffice/account/email", new { NewEmail = "nieuw@example.nl", Password = "niet het wachtwoord van mij" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("huidige wachtwoord klopt niet", (await wrong.ParseAsync()).QuerySelector(".error-summary").Text());
        Assert.Empty(await site.DeliverMailAsync());

        var asked = await client.SubmitAsync("/backoffice/account/email", new { NewEmail = "nieuw@example.nl", Password = editor.Password });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal("oud@example.nl", await site.WithDbAsync(db => db.Users.Where(u => u.Id == editor.Id).Select(u => u.Email).SingleAsync()));
        var confirm = Assert.Single(await site.DeliverMailAsync());
        Assert.Equal("nieuw@example.nl", confirm.To);
        var link = new Uri(confirm.Link("/backoffice/email-bevestigen")).PathAndQuery;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode); // opening changes nothing
        Assert.Equal("oud@example.nl", await site.WithDbAsync(db => db.Users.Where(u => u.Id == editor.Id).Select(u => u.Email).SingleAsync()));
        var done = await client.SubmitAsync(link, Array.Empty<KeyValuePair<string, string>>());
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        Assert.Equal("nieuw@example.nl", await site.WithDbAsync(db => db.Users.Where(u => u.Id == editor.Id).Select(u => u.UserName).SingleAsync()));
        var notice = (await site.DeliverMailAsync()).Last();
        Assert.Equal("oud@example.nl", notice.To); // the old address is told
        await site.HttpsClient().SignInAsync(editor with { Email = "nieuw@example.nl" });
        Assert.True(await site.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == AuditAction.EmailChanged && e.Detail == "oud@example.nl → nieuw@example.nl")));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task DisablingAUserEndsTheirSessionAtTheNextRequest(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var editorClient = await site.SignedInClientAsync(editor);
        Assert.Equal(HttpStatusCode.OK, (await editorClient.GetAsync("/backoffice")).StatusCode);

        var adminClient = await site.SignedInClientAsync(admin);
        var disabled = await adminClient.SubmitAsync($"/backoffice/gebruikers/{editor.Id}", [], "form[action*='Disable']");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        // No clock moves: the very next request is refused, and signing in again fails with the usual answer.
        var next = await editorClient.GetAsync("/backoffice");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/backoffice/inloggen?ReturnUrl=", next.Headers.Location!.OriginalString);
        var again = await site.HttpsClient().SubmitAsync("/backoffice/inloggen", new { Input_Email = editor.Email, Input_Password = editor.Password });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull((await again.ParseAsync()).QuerySelector(".error-summary"));

        // Enabled again, the person can sign in.
        await adminClient.SubmitAsync($"/backoffice/gebruikers/{editor.Id}", [], "form[action*='Enable']");
        await site.HttpsClient().SignInAsync(editor);
        var actions = await site.WithDbAsync(db => db.AuditLog.Where(e => e.Target == "user:" + editor.Id).Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditAction.UserDisabled, actions);
        Assert.Contains(AuditAction.UserEnabled, actions);
    }
}
