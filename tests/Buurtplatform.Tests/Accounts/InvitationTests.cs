using System.Diagnostics;
using System.Net;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Accounts;

/// <summary>No public registration: an administrator invites, the link is single use and expires; the first administrator comes from configuration or a command.</summary>
public sealed class InvitationTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnAdministratorInvitesAWijkEditorWhoSetsAPasswordOnceAndSignsIn(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var client = await site.SignedInClientAsync(admin);
        var moerwijk = await site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == "moerwijk").Select(w => w.Id).SingleAsync());

        var invited = await client.SubmitAsync("/backoffice/gebruikers/uitnodigen", [
            new("Email", "nieuw@example.nl"), new("DisplayName", "Nieuwe Redacteur"),
            new("Scope.Role", "Wijkredacteur"), new("Scope.WijkIds", moerwijk.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var row = await site.WithDbAsync(db => db.Users.Include(u => u.Wijken).SingleAsync(u => u.Email == "nieuw@example.nl"));
        Assert.Null(row.PasswordHash); // nobody chose a password for them
        Assert.Equal(StaffRole.Wijkredacteur, row.Role);
        Assert.Equal([moerwijk], row.Wijken.Select(w => w.WijkId));
        var list = await client.GetDocumentAsync("/backoffice/gebruikers");
        Assert.Contains("Uitgenodigd", list.QuerySelector("#gebruikers").Text());

        var mail = Assert.Single(await site.DeliverMailAsync(), m => m.To == "nieuw@example.nl");
        Assert.Contains("Nieuwe Redacteur", mail.Body);
        Assert.Contains("wijkredacteur", mail.Body);
        var link = new Uri(mail.Link("/backoffice/wachtwoord-instellen"));

        var person = site.HttpsClient();
        var form = await person.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("no-referrer", form.Headers.GetValues("Referrer-Policy").Single());
        var set = await person.SubmitAsync(link.PathAndQuery, new { NewPassword = Staff.Password, ConfirmPassword = Staff.Password });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        await person.SignInAsync(new StaffAccount(row.Id, "nieuw@example.nl", Staff.Password, null));

        // Single use: the same link again is refused.
        var again = await site.HttpsClient().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Null((await again.ParseAsync()).QuerySelector("input[name='NewPassword']"));

        var actions = await site.WithDbAsync(db => db.AuditLog.Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditAction.UserInvited, actions);
        Assert.Contains(AuditAction.PasswordSet, actions);
    }

    [Fact]
    public async Task AnInvitationLinkStopsWorkingAfterItsLifetimeAndWhenANewOneIsSent()
    {
        using var site = new SiteFactory();
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var client = await site.SignedInClientAsync(admin);
        var placeId = await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Wijk.Slug == "moerwijk").Select(p => p.Id).FirstAsync());
        await client.SubmitAsync("/backoffice/gebruikers/uitnodigen", [
            new("Email", "pro@example.nl"), new("DisplayName", "Pro"), new("Scope.Role", "Professional"), new("Scope.MeetingPlaceIds", placeId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var first = new Uri((await site.DeliverMailAsync()).Single().Link("/backoffice/wachtwoord-instellen")).PathAndQuery;

        site.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(HttpStatusCode.OK, (await site.HttpsClient().GetAsync(first)).StatusCode);
        site.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.BadRequest, (await site.HttpsClient().GetAsync(first)).StatusCode);
        var late = await site.HttpsClient().PostAsync(first, new FormUrlEncodedContent([new("NewPassword", Staff.Password), new("ConfirmPassword", Staff.Password)]));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);

        // The administrator (signed in again: a week passed) sends a new one; it works, and an older one never comes back.
        client = await site.SignedInClientAsync(admin);
        var userId = await site.WithDbAsync(db => db.Users.Where(u => u.Email == "pro@example.nl").Select(u => u.Id).SingleAsync());
        var resend = await client.SubmitAsync($"/backoffice/gebruikers/{userId}", [], "form[action*='Resend']");
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        var second = new Uri((await site.DeliverMailAsync()).Last().Link("/backoffice/wachtwoord-instellen")).PathAndQuery;
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, (await site.HttpsClient().GetAsync(second)).StatusCode);
        Assert.Null(await site.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PasswordHash).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheFirstAdministratorFromConfigurationIsInvitedByMailOnAnEmptyDatabase(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        site.Settings["Accounts:InitialAdmin:Email"] = "eerste@example.nl";
        site.Settings["Accounts:InitialAdmin:DisplayName"] = "Eerste Beheerder";
        _ = site.HttpsClient();

        var user = await site.WithDbAsync(db => db.Users.SingleAsync());
        Assert.Equal(("eerste@example.nl", StaffRole.Beheerder), (user.Email, user.Role));
        Assert.Null(user.PasswordHash);
        var mail = Assert.Single(await site.DeliverMailAsync());
        Assert.Equal("eerste@example.nl", mail.To);
        var link = new Uri(mail.Link("/backoffice/wachtwoord-instellen")).PathAndQuery;
        var set = await site.HttpsClient().SubmitAsync(link, new { NewPassword = Staff.Password, ConfirmPassword = Staff.Password });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        // The administrator role requires 2FA: after the password, the person is sent to set it up.
        var client = site.HttpsClient();
        var signIn = await client.SubmitAsync("/backoffice/inloggen", new { Input_Email = "eerste@example.nl", Input_Password = Staff.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var home = await client.GetAsync("/backoffice");
        Assert.Equal("/backoffice/account/tweestapsverificatie", home.Headers.Location!.OriginalString);
        Assert.True(await site.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == AuditAction.UserInvited && e.ActorName == "system")));
        Assert.DoesNotContain(link.Split("token=")[1], site.Logs.AllText);
    }

    [Fact]
    public async Task TheCreateAdminCommandPrintsAOneTimeLinkAndNeverTakesAPassword()
    {
        var data = Directory.CreateTempSubdirectory("bp-cmd-").FullName;
        try
        {
            var (code, output, error) = await RunCommandAsync(data, "create-admin", "baas@example.nl", "De", "Baas");
            Assert.True(code == 0, error);
            var link = output.Split('\n').Single(l => l.Contains("/backoffice/wachtwoord-instellen?token=", StringComparison.Ordinal)).Trim();
            Assert.StartsWith("http://localhost:5080/backoffice/wachtwoord-instellen?token=", link);

            // The same database, served by the site: the printed link sets the password, once.
            using var site = new SiteFactory(seeded: false);
            File.Copy(Path.Combine(data, "buurtplatform.db"), Path.Combine(site.DataDir, "buurtplatform.db"), overwrite: true);
            var path = new Uri(link).PathAndQuery;
            var set = await site.HttpsClient().SubmitAsync(path, new { NewPassword = Staff.Password, ConfirmPassword = Staff.Password });
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await site.HttpsClient().GetAsync(path)).StatusCode);
            var admin = await site.WithDbAsync(db => db.Users.SingleAsync());
            Assert.Equal(("baas@example.nl", "De Baas", StaffRole.Beheerder), (admin.Email, admin.DisplayName, admin.Role));
            var entry = await site.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == AuditAction.UserInvited));
            Assert.Equal(("command:create-admin", "command-line"), (entry.ActorName, entry.Origin));

            // A second admin with the same address is refused.
            var (again, _, againError) = await RunCommandAsync(data, "create-admin", "baas@example.nl");
            Assert.Equal(1, again);
            Assert.Contains("baas@example.nl", againError);
            var (usage, _, _) = await RunCommandAsync(data, "create-admin");
            Assert.Equal(2, usage);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Runs the built web app with a command, as an operator would (dotnet Buurtplatform.Web.dll create-admin …).</summary>
    internal static async Task<(int Code, string Output, string Error)> RunCommandAsync(string dataDir, params string[] args)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        start.Environment["Site__DataPath"] = dataDir;
        start.Environment["Site__ImportOnStart"] = "false";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output).Replace("\r\n", "\n", StringComparison.Ordinal), await error);
    }
}
