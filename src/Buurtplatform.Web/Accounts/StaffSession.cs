using System.Security.Claims;
using Buurtplatform.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurtplatform.Web.Accounts;

/// <summary>
/// Checks the session cookie against the database on every request: a disabled account, a changed
/// security stamp (new password, 2FA reset, a removed passkey) or a deleted account ends the session at
/// once; role and 2FA duty are taken fresh from the row.
/// </summary>
/// <remarks>
/// Choices: A) Identity's SecurityStampValidator with a zero interval, B) this check. A compares the
/// time since the cookie was issued with "greater than zero", which a fixed or coarse clock can leave
/// at zero, and re-issues the cookie on every request. B is one indexed query per backoffice request
/// and never skips. Anonymous visitors of public pages have no cookie, so they pay nothing.
/// </remarks>
public static class StaffSession
{
    /// <summary>Present while the person's role requires 2FA and they have not set it up yet.</summary>
    public const string TwoFactorMissingClaim = "bp:2fa-missing";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var services = context.HttpContext.RequestServices;
        var stampType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = principal?.FindFirstValue(stampType);

        var db = services.GetRequiredService<AppDbContext>();
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
