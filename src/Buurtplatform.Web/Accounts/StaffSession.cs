using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts;

/// <summary>
/// Checks the session cookie against the database on every request: a disabled account, a changed
/// security stamp or a deleted account ends the session at once; role and 2FA duty are taken fresh from
/// the row. The stamp is renewed, ending every session of the account (ASVS V3.3.1), on sign-out, a
/// password change or reset, a 2FA reset or switch, a removed passkey, a changed e-mail address, a
/// changed role or scope and disabling the account.
/// </summary>
/// <remarks>
/// <para>Choices for the check: A) Identity's SecurityStampValidator with a zero interval, B) this check. A
/// compares the time since the cookie was issued with "greater than zero", which a fixed or coarse clock can
/// leave at zero, and re-issues the cookie on every request. B is one indexed query per backoffice request
/// and never skips. Anonymous visitors of public pages have no cookie, so they pay nothing.</para>
/// <para>Choices for what a session is: A) the account's security stamp, B) a server-side record per
/// session (a table of session ids). B could end one device's session alone, and list sessions; it needs
/// a table, a write per sign-in and clean-up. A needs nothing new, and every event above should end all of
/// the account's sessions anyway. The price: signing out on one device signs the person out everywhere.</para>
/// </remarks>
public static class StaffSession
{
    /// <summary>Present while the person's role requires 2FA and they have not set it up yet.</summary>
    public const string TwoFactorMissingClaim = "bp:2fa-missing";

    /// <summary>
    /// Ends every session of the account from its next request on, saved with the caller's
    /// <c>SaveChangesAsync</c> together with the change that calls for it (what Identity's
    /// <c>UpdateSecurityStampAsync</c> does, without its separate save).
    /// </summary>
    public static void EndAll(StaffUser user)
    {
        user.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var services = context.HttpContext.RequestServices;
        var stampType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = principal?.FindFirstValue(stampType);

        var db = services.GetRequiredService<AppDbContext>();
        try
        {
            await CheckAsync(context, principal, id, stamp, db);
        }
        catch (Exception e) when (DatabaseAvailability.IsUnavailable(e))
        {
            // The session cannot be checked, so this request has none; but it must not go on as anonymous (a
            // redirect to the sign-in page): the failure is raised again after authentication (ThrowWhenAway),
            // and the error page, which reuses this request's authentication result, says 503. The cookie
            // stays, so the person is still signed in when the database returns.
            context.RejectPrincipal();
            context.HttpContext.Items[DatabaseAwayKey] = ExceptionDispatchInfo.Capture(e);
        }
    }

    private const string DatabaseAwayKey = "bp:session-unchecked";

    /// <summary>After authentication: a session that could not be checked because the database is away fails the request (503), once.</summary>
    public static Task ThrowWhenAway(HttpContext context, RequestDelegate next)
    {
        if (context.Items.Remove(DatabaseAwayKey, out var failure) && failure is ExceptionDispatchInfo info)
            info.Throw();
        return next(context);
    }

    private static async Task CheckAsync(CookieValidatePrincipalContext context, ClaimsPrincipal? principal, string? id, string? stamp, AppDbContext db)
    {
        var row = id is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new
            {
                u.UserName,
                u.SecurityStamp,
                u.IsDisabled,
                u.Role,
                u.TwoFactorEnabled,
                RequireTwoFactor = db.StaffRoleSettings.Where(s => s.Role == u.Role).Select(s => s.RequireTwoFactor).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);

        if (row is null || row.IsDisabled || stamp is null || row.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        var identity = new ClaimsIdentity(principal!.Identity?.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaims(principal.Claims.Where(c => c.Type is not (ClaimTypes.Role or ClaimTypes.Name or TwoFactorMissingClaim)));
        identity.AddClaim(new Claim(ClaimTypes.Name, row.UserName ?? ""));
        identity.AddClaim(new Claim(ClaimTypes.Role, row.Role.ToString()));
        // A passkey session already has two factors; a password session needs the authenticator app set up.
        if (row.RequireTwoFactor && !row.TwoFactorEnabled && !Passkeys.IsMultiFactor(principal))
            identity.AddClaim(new Claim(TwoFactorMissingClaim, "true"));
        context.ReplacePrincipal(new ClaimsPrincipal(identity));
    }
}

/// <summary>Only enabled accounts whose person has set a password may sign in.</summary>
internal sealed class StaffUserConfirmation : IUserConfirmation<StaffUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<StaffUser> manager, StaffUser user) =>
        Task.FromResult(!user.IsDisabled && user.PasswordHash is not null);
}
