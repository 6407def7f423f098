using System.Net;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Accounts;

/// <summary>Signing in: same answers for unknown and wrong, lockout, rate limit, antiforgery, cookies, caching.</summary>
public sealed class SignInTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AStaffMemberSignsInWithEmailAndPasswordAndReachesTheDashboard(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind) { RealPasswordHashing = true };
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["schilderswijk"]);
        var client = site.HttpsClient();

        var anonymous = await client.GetAsync("/backoffice");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/backoffice/inloggen?ReturnUrl=", anonymous.Headers.Location!.OriginalString);

        await client.SignInAsync(editor);
        var doc = await client.GetDocumentAsync("/backoffice");
        Assert.Contains("redacteur", doc.QuerySelector("h1").Text());
        Assert.Contains(doc.QuerySelectorAll("#wijken ~ ul.cards a"), a => a.GetAttribute("href") == "/den-haag/schilderswijk");
        Assert.DoesNotContain("Moerwijk", doc.MainText());

        var entry = await site.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == AuditAction.SignIn));
        Assert.Equal(editor.Id, entry.ActorId);
        Assert.Equal("redacteur@example.nl", entry.ActorName);
        Assert.Equal(FixedClock.DefaultNow.UtcDateTime, entry.OccurredUtc);
        Assert.False(string.IsNullOrEmpty(entry.Origin));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task UnknownAddressAndWrongPasswordGetTheSameAnswer(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind) { RealPasswordHashing = true };
        await site.CreateStaffAsync("bekend@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var client = site.HttpsClient();

        var unknown = await client.SubmitAsync("/backoffice/inloggen", new { Input_Email = "onbekend@example.nl", Input_Password = "wat dan ook maar lang" });
        var wrong = await client.SubmitAsync("/backoffice/inloggen", new { Input_Email = "bekend@example.nl", Input_Password = "wat dan ook maar lang" });

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        var (a, b) = (await unknown.ParseAsync(), await wrong.ParseAsync());
        Assert.Equal(a.QuerySelector(".error-summary").Text(), b.QuerySelector(".error-summary").Text());
        Assert.NotEmpty(a.QuerySelector(".error-summary").Text());
        // Everything but the typed address and the antiforgery token is identical.
        static string Strip(AngleSharp.Dom.IDocument d) => System.Text.RegularExpressions.Regex.Replace(d.QuerySelector("main")!.InnerHtml, "value=\"[^\"]*\"", "");
        Assert.Equal(Strip(a), Strip(b));

        var failures = await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.SignInFailed).ToListAsync());
        Assert.Equal(2, failures.Count);
        Assert.DoesNotContain(failures, e => (e.Detail ?? "").Contains("onbekend", StringComparison.Ordinal) || e.ActorName.Contains("onbekend", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task FiveWrongPasswordsLockTheAccountEvenForTheRightPassword(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var client = site.HttpsClient();

        for (var i = 0; i < 5; i++)
        {
            var r = await client.SubmitAsync("/backoffice/inloggen", new { Input_Email = editor.Email, Input_Password = "niet het goede wachtwoord " + i });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var right = await client.SubmitAsync("/backoffice/inloggen", new { Input_Email = editor.Email, Input_Password = editor.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // the same failure answer, no redirect into the backoffice
        Assert.NotNull((await right.ParseAsync()).QuerySelector(".error-summary"));

        var (lockoutEnd, actions) = await site.WithDbAsync(async db => (
            (await db.Users.SingleAsync(u => u.Id == editor.Id)).LockoutEnd,
            await db.AuditLog.OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()));
        Assert.NotNull(lockoutEnd);
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Equal([.. Enumerable.Repeat(AuditAction.SignInFailed, 4), AuditAction.LockedOut, AuditAction.SignInFailed], actions.Where(a => a != AuditAction.ContentImport));
    }

    [Fact]
    public async Task ALockedAccountsAnswerCostsTheSameHashingWorkAsAWrongPassword()
    {
        using var site = new SiteFactory { RealPasswordHashing = true };
        var hasher = new CountingHasher();
        site.TestServices += services => services.AddSingleton<IPasswordHasher<StaffUser>>(hasher);
        var locked = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var other = await site.CreateStaffAsync("ander@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var client = site.HttpsClient();
        for (var i = 0; i < 5; i++)
            await client.SubmitAsync("/backoffice/inloggen", new { Input_Email = locked.Email, Input_Password = "niet het goede wachtwoord " + i });
        Assert.True(await site.WithDbAsync(db => db.Users.Where(u => u.Id == locked.Id).Select(u => u.LockoutEnd).SingleAsync()) > DateTimeOffset.UtcNow);

        async Task<(int Hashes, string Answer)> TryAsync(string email, string password)
        {
            var before = hasher.Verifications;
            var response = await client.SubmitAsync("/backoffice/inloggen", new { Input_Email = email, Input_Password = password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (hasher.Verifications - before, (await response.ParseAsync()).QuerySelector(".error-summary").Text());
        }

        var wrong = await TryAsync(other.Email, "niet het goede wachtwoord");
        var unknown = await TryAsync("niemand@example.nl", "niet het goede wachtwoord");
        var lockedWrong = await TryAsync(locked.Email, "niet het goede wachtwoord");
        var lockedRight = await TryAsync(locked.Email, locked.Password);

        Assert.Equal(1, wrong.Hashes);
        Assert.Equal([wrong, wrong, wrong], new[] { unknown, lockedWrong, lockedRight });
        var details = await site.WithDbAsync(db => db.AuditLog.Where(e => e.Target == AuditTarget.User(locked.Id)).OrderBy(e => e.Id).Select(e => e.Detail).ToListAsync());
        Assert.Equal(["account locked", "account locked"], details.TakeLast(2));
    }

    /// <summary>The app's password hasher, counting how often a password is checked against a hash.</summary>
    private sealed class CountingHasher : PasswordHasher<StaffUser>
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public override PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task TooManySignInPostsFromOneAddressAnswer429WithRetryAfter()
    {
        using var site = new SiteFactory();
        site.Settings["Accounts:SignInRateLimit"] = "3";
        var client = site.HttpsClient();
        var doc = await client.GetDocumentAsync("/backoffice/inloggen");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await client.SubmitAsync(doc, "/backoffice/inloggen", [new("Input.Email", "x@example.nl"), new("Input.Password", "iets langs genoeg hier")]);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var retryAfter = last.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(retryAfter.TotalSeconds, 1, 60);
        Assert.Contains("Te veel pogingen", await last.Content.ReadAsStringAsync());
        // Opening the form is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/backoffice/inloggen")).StatusCode);
    }

    [Fact]
    public async Task TheSignInLimitIsPerClientAddressOneAddressHittingItDoesNotLimitAnother()
    {
        using var site = new SiteFactory();
        site.Settings["Accounts:SignInRateLimit"] = "3";
        site.UseTestRemoteAddresses();
        var a = site.HttpsClientFrom(IPAddress.Parse("203.0.113.10"));
        var b = site.HttpsClientFrom(IPAddress.Parse("198.51.100.20"));
        async Task<HttpResponseMessage> TryAsync(HttpClient client) =>
            await client.SubmitAsync("/backoffice/inloggen", [new("Input.Email", "x@example.nl"), new("Input.Password", "iets langs genoeg hier")]);

        var statusesA = new List<HttpStatusCode>();
        HttpResponseMessage lastA = null!;
        for (var i = 0; i < 4; i++)
        {
            lastA = await TryAsync(a);
            statusesA.Add(lastA.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statusesA);
        Assert.True(lastA.Headers.Contains("Retry-After"));
        Assert.InRange(int.Parse(lastA.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);

        // Address B has its own three tries, while A is still held back.
        var statusesB = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statusesB.Add((await TryAsync(b)).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statusesB);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(a)).StatusCode);

        // The audit log records the address each try came from.
        var origins = await site.WithDbAsync(db => db.AuditLog.Where(e => e.Action == AuditAction.SignInFailed).Select(e => e.Origin).ToListAsync());
        Assert.Equal(3, origins.Count(o => o!.Contains("203.0.113.10", StringComparison.Ordinal)));
        Assert.Equal(3, origins.Count(o => o!.Contains("198.51.100.20", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task APostWithoutAValidAntiforgeryTokenIsRefusedWith400()
    {
        using var site = new SiteFactory();
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var client = site.HttpsClient();

        var noToken = await client.PostAsync("/backoffice/inloggen", new FormUrlEncodedContent([new("Input.Email", editor.Email), new("Input.Password", editor.Password)]));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        await client.SignInAsync(editor);
        var forged = await client.PostAsync("/backoffice/account/wachtwoord", new FormUrlEncodedContent([
            new("__RequestVerificationToken", "CfDJ8-not-a-real-token"), new("CurrentPassword", editor.Password),
            new("NewPassword", "een heel ander lang wachtwoord"), new("ConfirmPassword", "een heel ander lang wachtwoord")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(await site.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == AuditAction.PasswordChanged)));
    }

    [Fact]
    public async Task EveryCookieIsHostPrefixedHttpOnlySecureAndTheSessionIsSameSiteLax()
    {
        using var site = new SiteFactory();
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["moerwijk"]);
        var client = site.HttpsClient();

        var form = await client.GetAsync("/backoffice/inloggen");
        var doc = await form.ParseAsync();
        var signIn = await client.SubmitAsync(doc, "/backoffice/inloggen", [new("Input.Email", editor.Email), new("Input.Password", editor.Password)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var setCookies = form.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(setCookies, c => c.StartsWith("__Host-bp-session=", StringComparison.Ordinal));
        Assert.Contains(setCookies, c => c.StartsWith("__Host-bp-af=", StringComparison.Ordinal));
        foreach (var cookie in setCookies)
        {
            var parts = cookie.Split(';').Select(p => p.Trim().ToLowerInvariant()).ToList();
            Assert.StartsWith("__Host-", cookie);
            Assert.Contains("secure", parts);
            Assert.Contains("httponly", parts);
            Assert.Contains("path=/", parts);
            Assert.DoesNotContain(parts, p => p.StartsWith("domain=", StringComparison.Ordinal));
        }

        var session = setCookies.Single(c => c.StartsWith("__Host-bp-session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("samesite=lax", session);
        Assert.DoesNotContain("expires=", session); // a browser session cookie: closing the browser ends it
    }

    [Theory]
    [InlineData("/backoffice/inloggen")]
    [InlineData("/backoffice")]
    [InlineData("/backoffice/account")]
    [InlineData("/backoffice/gebruikers")]
    [InlineData("/backoffice/audit")]
    public async Task BackofficeAnswersAreNeverStoredOrCached(string url)
    {
        using var site = new SiteFactory();
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var client = await site.SignedInClientAsync(admin);

        var first = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl?.NoStore, $"{url}: Cache-Control {first.Headers.CacheControl}");
        Assert.Contains("noindex", first.Headers.GetValues("X-Robots-Tag").Single());
        var csp = first.Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain("unsafe-inline", csp);
        var doc = await first.ParseAsync();
        Assert.Empty(doc.QuerySelectorAll("[style]"));
        Assert.Empty(doc.QuerySelectorAll("script:not([src])"));

        // Not output-cached either: a change shows on the next request.
        await site.WithDbAsync(async db =>
        {
            var me = await db.Users.SingleAsync(u => u.Id == admin.Id);
            me.DisplayName = "Gewijzigde Naam";
            await db.SaveChangesAsync();
        });
        if (url == "/backoffice")
            Assert.Contains("Gewijzigde Naam", (await client.GetDocumentAsync(url)).QuerySelector("h1").Text());
    }
}
