using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Audit;

/// <summary>The audit log: what is recorded, what never is, and the administrator's page.</summary>
public sealed class AuditTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AFullAccountLifeLeavesEntriesForEachEventAndNoSecretAnywhere(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        site.Settings["Accounts:SignInRateLimit"] = "100"; // many sign-in posts from one test address
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var adminClient = await site.SignedInClientAsync(admin);
        var moerwijk = await site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == "moerwijk").Select(w => w.Id).SingleAsync());
        var secrets = new List<string> { admin.Password, admin.AuthenticatorKey! };

        // Invite, accept, fail, get locked out.
        await adminClient.SubmitAsync("/backoffice/gebruikers/uitnodigen", [
            new("Email", "nieuw@example.nl"), new("DisplayName", "Nieuw"), new("Scope.Role", "Wijkredacteur"), new("Scope.WijkIds", moerwijk.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var invitation = new Uri((await site.DeliverMailAsync()).Single().Link("/backoffice/wachtwoord-instellen"));
        secrets.Add(invitation.Query.Split("token=")[1]);
        const string password = "mijn eigen geheime zin van vandaag";
        secrets.Add(password);
        await site.HttpsClient().SubmitAsync(invitation.PathAndQuery, new { NewPassword = password, ConfirmPassword = password });
        var person = new StaffAccount(await site.WithDbAsync(db => db.Users.Where(u => u.Email == "nieuw@example.nl").Select(u => u.Id).SingleAsync()), "nieuw@example.nl", password, null);
        for (var i = 0; i < 5; i++)
        {
            var typo = $"mijn eigen geheime zin van gisteren {i}";
            secrets.Add(typo);
            await site.HttpsClient().SubmitAsync("/backoffice/inloggen", new { Input_Email = person.Email, Input_Password = typo });
        }

        // Someone types a password into the e-mail field.
        secrets.Add("een wachtwoord in het verkeerde veld");
        await site.HttpsClient().SubmitAsync("/backoffice/inloggen", new { Input_Email = "een wachtwoord in het verkeerde veld", Input_Password = "x" });

        // The administrator unlocks by disabling and enabling, changes the scope; the person resets the password and sets up 2FA.
        await adminClient.SubmitAsync($"/backoffice/gebruikers/{person.Id}", [], "form[action*='Disable']");
        await adminClient.SubmitAsync($"/backoffice/gebruikers/{person.Id}", [], "form[action*='Enable']");
        var client = site.HttpsClient();
        await client.SubmitAsync("/backoffice/wachtwoord-vergeten", new { Email = person.Email });
        var reset = new Uri((await site.DeliverMailAsync()).Last().Link("/backoffice/wachtwoord-instellen"));
        secrets.Add(reset.Query.Split("token=")[1]);
        const string newPassword = "een nieuwe zin na de vakantie";
        secrets.Add(newPassword);
        await client.SubmitAsync(reset.PathAndQuery, new { NewPassword = newPassword, ConfirmPassword = newPassword });
        await client.SignInAsync(person with { Password = newPassword });
        var setup = await client.GetDocumentAsync("/backoffice/account/tweestapsverificatie");
        var key = setup.QuerySelector("#shared-key").Text().Replace(" ", "", StringComparison.Ordinal);
        secrets.Add(key);
        secrets.Add(key.ToLowerInvariant());
        await client.SubmitAsync(setup, "/backoffice/account/tweestapsverificatie", [new("Code", Totp.Now(key)), new("Password", newPassword)]);
        secrets.AddRange((await client.GetDocumentAsync("/backoffice/account/herstelcodes")).QuerySelectorAll("#recovery-codes li").Select(li => li.Text()));
        await client.SubmitAsync("/backoffice/account/email", new { NewEmail = "ander@example.nl", Password = newPassword });
        var change = new Uri((await site.DeliverMailAsync()).Last().Link("/backoffice/email-bevestigen"));
        secrets.Add(change.Query.Split("token=")[1]);
        await client.SubmitAsync("/backoffice/uitloggen", Array.Empty<KeyValuePair<string, string>>(), "header form");

        var entries = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        var actions = entries.Select(e => e.Action).ToHashSet();
        foreach (var expected in new[]
        {
            AuditAction.SignIn, AuditAction.SignInFailed, AuditAction.LockedOut, AuditAction.SignOut, AuditAction.UserInvited,
            AuditAction.UserDisabled, AuditAction.UserEnabled, AuditAction.PasswordSet, AuditAction.PasswordResetRequested,
            AuditAction.TwoFactorEnabled, AuditAction.EmailChangeRequested,
        })
        {
            Assert.Contains(expected, actions);
        }

        Assert.All(entries, e =>
        {
            Assert.Equal(DateTimeKind.Utc, e.OccurredUtc.Kind);
            Assert.False(string.IsNullOrEmpty(e.Origin));
            var text = string.Join(" | ", e.Action, e.ActorId, e.ActorName, e.Target, e.Detail, e.Origin);
            Assert.DoesNotContain("token=", text, StringComparison.OrdinalIgnoreCase);
            foreach (var secret in secrets)
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        });
        var logs = site.Logs.AllText;
        foreach (var secret in secrets)
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AdministratorsFilterTheAuditLogByWhoWhatAndDateAndPageThroughIt(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var client = await site.SignedInClientAsync(admin);

        // 120 publications by an editor over four days (the next engineer's pages record these the same way).
        await using (var scope = site.Scope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            for (var i = 0; i < 120; i++)
            {
                site.Clock.Now = FixedClock.DefaultNow.AddDays(-(i % 4)).AddMinutes(i);
                audit.Record(AuditAction.Publish, AuditTarget.Activity(i), $"activiteit {i}", new AuditActor("editor-id", "redacteur@example.nl", "192.0.2.7"));
            }

            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
            site.Clock.Now = FixedClock.DefaultNow;
        }

        var all = await client.GetDocumentAsync("/backoffice/audit");
        Assert.Equal(50, all.QuerySelectorAll("#audit tbody tr").Length);
        Assert.NotNull(all.QuerySelector("a[rel='next']"));

        var publishes = await client.GetDocumentAsync("/backoffice/audit?wat=Publish&wie=redacteur");
        Assert.Equal("120 regels", publishes.QuerySelector("#audit-count").Text());
        Assert.All(publishes.QuerySelectorAll("#audit tbody tr td[data-action]"), td => Assert.Equal("Publish", td.GetAttribute("data-action")));
        var page3 = await client.GetDocumentAsync(publishes.QuerySelector("a[rel='next']")!.GetAttribute("href")!.Replace("pagina=2", "pagina=3", StringComparison.Ordinal));
        Assert.Equal(20, page3.QuerySelectorAll("#audit tbody tr").Length);
        Assert.Null(page3.QuerySelector("a[rel='next']"));
        Assert.NotNull(page3.QuerySelector("a[rel='prev']"));

        // One Amsterdam day, Sunday 22 November, holds the 30 entries made one day back (i % 4 == 1).
        var day = await client.GetDocumentAsync("/backoffice/audit?wat=Publish&van=2026-11-22&tot=2026-11-22");
        Assert.Equal("30 regels", day.QuerySelector("#audit-count").Text());
        var nobody = await client.GetDocumentAsync("/backoffice/audit?wie=niemand");
        Assert.Equal("0 regels", nobody.QuerySelector("#audit-count").Text());
        var signIns = await client.GetDocumentAsync("/backoffice/audit?wat=SignIn");
        Assert.Contains("beheer@example.nl", signIns.QuerySelector("#audit").Text());
    }

    [Fact]
    public async Task RecordJoinsTheCallersTransactionAndTakesTheSignedInActor()
    {
        using var site = new SiteFactory();
        _ = site.HttpsClient();
        await using var scope = site.Scope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var entry = audit.Record(AuditAction.Unpublish, AuditTarget.Wijk(3), "Moerwijk");
        Assert.Equal(0, await db.AuditLog.CountAsync(e => e.Action == AuditAction.Unpublish)); // not saved until the caller saves
        await db.SaveChangesAsync();
        Assert.Equal(1, await db.AuditLog.CountAsync(e => e.Action == AuditAction.Unpublish));
        Assert.Equal(("system", "startup", "wijk:3"), (entry.ActorName, entry.Origin, entry.Target)); // no request: the system
    }

    [Fact]
    public async Task ContentImportAndExportCommandsAreAudited()
    {
        var data = Directory.CreateTempSubdirectory("bp-cmd-").FullName;
        var export = Path.Combine(data, "export");
        try
        {
            var (importCode, _, importError) = await InvitationTests.RunCommandAsync(data, "import", TestEnvironment.SeedContent);
            Assert.True(importCode == 0, importError);
            var (exportCode, _, exportError) = await InvitationTests.RunCommandAsync(data, "export", export);
            Assert.True(exportCode == 0, exportError);

            using var site = new SiteFactory(seeded: false);
            File.Copy(Path.Combine(data, "buurtplatform.db"), Path.Combine(site.DataDir, "buurtplatform.db"), overwrite: true);
            var entries = await site.WithDbAsync(db => db.AuditLog.OrderBy(e => e.Id).ToListAsync());
            Assert.Equal([AuditAction.ContentImport, AuditAction.ContentExport], entries.Select(e => e.Action));
            Assert.Equal(["command:import", "command:export"], entries.Select(e => e.ActorName));
            Assert.All(entries, e => Assert.Equal("command-line", e.Origin));
            Assert.Contains("added", entries[0].Detail);
            Assert.Contains(export, entries[1].Detail);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
