using System.Net;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Data;
using Buurtplatform.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Accounts;

/// <summary>A staff account made for a test, with what the person knows: password and authenticator key.</summary>
public sealed record StaffAccount(string Id, string Email, string Password, string? AuthenticatorKey);

/// <summary>Arranging staff accounts and acting as them through the real sign-in pages.</summary>
public static class Staff
{
    public const string Password = "fietsen langs de vecht in november";

    /// <summary>A client on https://localhost (the __Host- cookies are Secure) that does not follow redirects.</summary>
    public static HttpClient HttpsClient(this SiteFactory site) =>
        site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    /// <summary>Creates an active account directly in the database. Administrators get an authenticator by default, as their role requires.</summary>
    public static async Task<StaffAccount> CreateStaffAsync(this SiteFactory site, string email, StaffRole role,
        string[]? wijken = null, string[]? places = null, bool? twoFactor = null, string password = Password)
    {
        await using var scope = site.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0], Role = role, LockoutEnabled = true };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
        foreach (var slug in wijken ?? [])
            db.StaffWijken.Add(new StaffWijk { UserId = user.Id, WijkId = await db.Wijken.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync() });
        foreach (var path in places ?? [])
        {
            var (wijk, place) = (path.Split('/')[0], path.Split('/')[1]);
            db.StaffMeetingPlaces.Add(new StaffMeetingPlace
            {
                UserId = user.Id,
                MeetingPlaceId = await db.MeetingPlaces.Where(p => p.Slug == place && p.Wijk.Slug == wijk).Select(p => p.Id).SingleAsync(),
            });
        }

        await db.SaveChangesAsync();
        string? key = null;
        if (twoFactor ?? role == StaffRole.Beheerder)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return new StaffAccount(user.Id, email, password, key);
    }

    /// <summary>Signs in through the login page (and the code page when the account has 2FA); asserts it worked.</summary>
    public static async Task SignInAsync(this HttpClient client, StaffAccount account)
    {
        var response = await client.SubmitAsync("/backoffice/inloggen", new { Input_Email = account.Email, Input_Password = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith("/backoffice/inloggen/code", StringComparison.Ordinal))
        {
            Assert.NotNull(account.AuthenticatorKey);
            response = await client.SubmitAsync(response.Headers.Location.OriginalString, new { Code = Totp.Now(account.AuthenticatorKey!) });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.StartsWith("/backoffice", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("inloggen", response.Headers.Location!.OriginalString);
    }

    public static async Task<HttpClient> SignedInClientAsync(this SiteFactory site, StaffAccount account)
    {
        var client = site.HttpsClient();
        await client.SignInAsync(account);
        return client;
    }

    /// <summary>Sends what is due in the outbox (the worker is off in tests) and returns the pickup folder's messages.</summary>
    public static async Task<List<ReceivedMail>> DeliverMailAsync(this SiteFactory site)
    {
        await using var scope = site.Scope();
        await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
        return MailFiles.Read(Path.Combine(site.DataDir, "mail-pickup"));
    }

    /// <summary>
    /// As <see cref="DeliverMailAsync"/>, but returns only what arrived since the last call (it takes the messages out
    /// of the pickup folder): for a site that several tests share, as the browser tests' one per test class.
    /// </summary>
    public static async Task<List<ReceivedMail>> DeliverNewMailAsync(this SiteFactory site)
    {
        var sent = await site.DeliverMailAsync();
        foreach (var mail in sent)
            File.Delete(mail.File);
        return sent;
    }
}
