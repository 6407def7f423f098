using System.Globalization;
using System.Net;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.Accounts;

/// <summary>An administrator changes someone's role and scope on the user page.</summary>
public sealed class UserAdministrationTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AChangedScopeEndsTheSessionTakesEffectAtTheNextSignInAndIsAuditedWithoutSecrets(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["schilderswijk"]);
        var schilderswijk = await site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == "schilderswijk").Select(w => w.Id).SingleAsync());
        var moerwijk = await site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == "moerwijk").Select(w => w.Id).SingleAsync());
        var editorClient = await site.SignedInClientAsync(editor);
        Assert.Equal(HttpStatusCode.OK, (await editorClient.GetAsync($"/backoffice/wijken/{schilderswijk}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editorClient.GetAsync($"/backoffice/wijken/{moerwijk}")).StatusCode);

        // The form shows the person's current role and wijk.
        var adminClient = await site.SignedInClientAsync(admin);
        var page = await adminClient.GetDocumentAsync($"/backoffice/gebruikers/{editor.Id}");
        Assert.True(page.QuerySelector("input[name='Scope.Role'][value='Wijkredacteur']")!.HasAttribute("checked"));
        Assert.Equal([S(schilderswijk)], page.QuerySelectorAll("input[name='Scope.WijkIds'][checked]").Select(i => i.GetAttribute("value")));

        // Moerwijk instead of the Schilderswijk.
        var saved = await adminClient.SubmitAsync(page, $"/backoffice/gebruikers/{editor.Id}",
            [new("Scope.Role", "Wijkredacteur"), new("Scope.WijkIds", S(moerwijk))], "form[action*='Save']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/backoffice/gebruikers/{editor.Id}", saved.Headers.Location!.OriginalString);

        // The change ends the editor's session (see SessionEndTests); signed in again, they reach Moerwijk and no longer the Schilderswijk.
        Assert.Equal(HttpStatusCode.Redirect, (await editorClient.GetAsync($"/backoffice/wijken/{moerwijk}")).StatusCode);
        await editorClient.SignInAsync(editor);
        Assert.Equal(HttpStatusCode.OK, (await editorClient.GetAsync($"/backoffice/wijken/{moerwijk}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editorClient.GetAsync($"/backoffice/wijken/{schilderswijk}")).StatusCode);
        Assert.Equal([moerwijk], await site.WithDbAsync(db => db.StaffWijken.Where(s => s.UserId == editor.Id).Select(s => s.WijkId).ToListAsync()));

        // One audit entry, by the administrator, about the editor: before and after in names, no secret.
        var entry = Assert.Single(await site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Action == AuditAction.UserChanged).ToListAsync()));
        Assert.Equal((admin.Id, AuditTarget.User(editor.Id)), (entry.ActorId, entry.Target));
        Assert.Equal("redacteur@example.nl: Wijkredacteur: Schilderswijk → Wijkredacteur: Moerwijk", entry.Detail);
        var row = await site.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == editor.Id));
        var text = string.Join(" | ", entry.ActorName, entry.Target, entry.Detail, entry.Origin);
        foreach (var secret in new[] { editor.Password, admin.Password, admin.AuthenticatorKey!, row.PasswordHash!, row.SecurityStamp! })
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
    }

    private static string S(int id) => id.ToString(CultureInfo.InvariantCulture);
}
