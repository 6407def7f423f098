using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Editing;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.SignUps;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.Infrastructure;
using Buurtplatform.Web.Media;
using Buurtplatform.Web.SignUps;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Nodes;

/// <summary>
/// Two nodes on one PostgreSQL, each with a data folder of its own: whatever one node signs or encrypts
/// (forms, sessions, flash messages, photo URLs, preview links) the other accepts, because the keys live in
/// the database and not on a node's disk.
/// </summary>
public sealed class SharedKeysTests
{
    [Fact]
    public async Task ASignUpFormOpenedOnOneNodeAndSentToTheOtherKeepsWhatTheParentTypedAndShowsTheRealOutcome()
    {
        using var a = SignUpKit.Site(DatabaseKind.Postgres);
        await a.SettingsAsync(SignUpKit.Evening, s => s.Capacity = 2);
        using var b = a.OtherNode();
        using var browser = new TwoNodes(a, b);

        // The first parent fills both places (two children) through node B.
        var first = await browser.B.FollowAsync(await a.SignUpAsync(browser.B, SignUpKit.Evening, SignUpKit.Parent("Eerste", email: "een@example.nl", children: 2)));
        Assert.Equal("U bent aangemeld", first.QuerySelector("h1")!.TextContent);

        // The second parent opens the form on A; the load balancer sends the post to B, and the redirect to A.
        var form = await browser.A.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening));
        a.Clock.Advance(TimeSpan.FromSeconds(10));
        var posted = await browser.B.SubmitAsync(form, SignUpKit.Form(SignUpKit.Evening), SignUpKit.Parent("Tweede", email: "twee@example.nl"), "form.signup-form");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode); // B accepted A's antiforgery token: no form shown again
        var done = await browser.A.FollowAsync(posted);

        // What the page says is what the database holds: on the waitlist, not "aangemeld".
        var row = (await a.SignUpsAsync()).Single(s => s.FirstName == "Tweede");
        Assert.Equal(("twee@example.nl", SignUpState.Waitlisted), (row.Email, row.State));
        Assert.Equal("U staat op de wachtlijst", done.QuerySelector("h1")!.TextContent);
        Assert.Contains("U bent nummer 1 op de wachtlijst.", done.MainText());
    }

    [Fact]
    public async Task AStaffSessionStartedOnOneNodeIsValidOnTheOther()
    {
        using var a = new SiteFactory(DatabaseKind.Postgres);
        var editor = await a.EditorAsync();
        using var b = a.OtherNode();
        using var browser = new TwoNodes(a, b);

        await browser.A.SignInAsync(editor);
        var onB = await browser.B.GetAsync("/backoffice");
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode); // not a redirect to the sign-in page
        Assert.NotNull((await onB.ParseAsync()).QuerySelector("header nav .menu")); // the menu only a signed-in person gets

        // And a form of the backoffice opened on B is accepted by A (antiforgery bound to the same session).
        var id = await a.ActivityIdAsync("schilderswijk", "babybootcamp");
        var edit = await browser.B.GetDocumentAsync(EditingPaths.Edit(NodeKind.Activity, id));
        var saved = await browser.A.SubmitAsync(edit, EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Babybootcamp op twee nodes")], "main form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Babybootcamp op twee nodes", (await a.NewestVersionAsync(NodeKind.Activity, id)).Title);
    }

    [Fact]
    public async Task APreviewLinkMadeOnOneNodeOpensOnTheOther()
    {
        using var a = new SiteFactory(DatabaseKind.Postgres);
        var editor = await a.SignedInClientAsync(await a.EditorAsync());
        var id = await a.ActivityIdAsync("schilderswijk", "babybootcamp");
        await editor.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Title", "Babybootcamp, concept voor ouders")]);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.NodeActionAsync(NodeKind.Activity, id, "Share", ("Versie", "2"))).StatusCode);
        var link = new Uri((await editor.GetDocumentAsync(EditingPaths.Node(NodeKind.Activity, id))).GetElementById("gedeelde-link")!.GetAttribute("value")!).PathAndQuery;

        using var b = a.OtherNode();
        var response = await b.CreateClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Babybootcamp, concept voor ouders", (await response.ParseAsync()).QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task NodesAskingTogetherEndWithOneSigningKeyStoredEncrypted()
    {
        using var a = new SiteFactory(DatabaseKind.Postgres);
        using var b = a.OtherNode();

        // Both nodes sign and check with the same keys (each node made or read them at its start).
        var signers = new[] { a, b }.Select(n => n.Services.GetRequiredService<MediaUrlSigner>()).ToList();
        var previews = new[] { a, b }.Select(n => n.Services.GetRequiredService<PreviewLinks>()).ToList();
        Assert.Equal(signers[0].Sign("/media/x/1?w=200"), signers[1].Sign("/media/x/1?w=200"));
        Assert.NotNull(previews[1].Read(previews[0].Create(7, 1).Token));

        // The race itself: both nodes ask for a secret nobody has made yet, many times at the same moment.
        var race = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Services.GetRequiredService<SiteSecrets>().GetOrCreate("race"))));
        Assert.Single(race.Select(Convert.ToBase64String).Distinct());
        Assert.Equal(1, await a.WithDbAsync(db => db.SiteSecrets.CountAsync(s => s.Name == "race")));
        await a.WithDbAsync(db => db.SiteSecrets.Where(s => s.Name == "race").ExecuteDeleteAsync());

        var secrets = await a.WithDbAsync(db => db.SiteSecrets.AsNoTracking().OrderBy(s => s.Name).ToListAsync());
        Assert.Equal([MediaUrlSigner.SecretName, PreviewLinks.SecretName], secrets.Select(s => s.Name));

        // At rest the key is data-protected, not the raw 32 bytes; unprotected with the shared ring it is.
        var raw = Convert.FromBase64String(secrets[0].ProtectedValue);
        Assert.True(raw.Length > 32);
        var key = b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Buurtplatform.SiteSecrets", MediaUrlSigner.SecretName).Unprotect(raw);
        Assert.Equal(32, key.Length);

        // The data-protection key ring itself is in the database, and no node wrote one to its disk.
        Assert.NotEqual(0, await a.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
        Assert.False(Directory.Exists(Path.Combine(a.DataDir, "keys")));
        Assert.False(Directory.Exists(Path.Combine(b.DataDir, "keys")));
    }

    [Fact]
    public async Task ASignedPhotoUrlMadeOnOneNodeIsAcceptedByTheOther()
    {
        using var a = new SiteFactory(DatabaseKind.Postgres);
        using var b = a.OtherNode();
        var path = MediaUrls.BasePath(Guid.NewGuid(), 1);
        var query = new CustomSize(200, null, ResizeMode.Max, RenditionFormat.Jpeg).CanonicalQuery;
        var signature = a.Services.GetRequiredService<MediaUrlSigner>().Sign(path + "?" + query);

        // The signature is checked before the photo is looked up: B knows the signature (404, no such photo)…
        Assert.Equal(HttpStatusCode.NotFound, (await b.CreateClient().GetAsync($"{path}?{query}&hmac={signature}")).StatusCode);

        // …where a signature B did not make is refused before anything else.
        Assert.Equal(HttpStatusCode.Forbidden, (await b.CreateClient().GetAsync($"{path}?{query}&hmac={signature[1..]}A")).StatusCode);
    }
}
