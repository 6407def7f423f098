using System.Buffers.Text;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts;

/// <summary>
/// Passkey settings (section <c>Accounts:Passkeys</c>). Both default to <c>Site:PublicBaseUrl</c>, which
/// production sets to the site's real address anyway; set them only when staff reach the site under
/// another name as well.
/// </summary>
public sealed class PasskeyOptions
{
    /// <summary>
    /// The relying party id: the host name a passkey is bound to. A passkey made on <c>buurtplatform.nl</c>
    /// also works on <c>www.buurtplatform.nl</c>, not the other way round. Default: the host of <c>Site:PublicBaseUrl</c>.
    /// </summary>
    public string? ServerDomain { get; set; }

    /// <summary>
    /// The addresses (scheme, host and port) the browser may be on during a passkey ceremony: <c>https://</c>,
    /// or <c>http://</c> for localhost only; each on <see cref="ServerDomain"/> or a subdomain of it.
    /// Default: the origin of <c>Site:PublicBaseUrl</c>.
    /// </summary>
    public List<string> Origins { get; set; } = [];
}

/// <summary>Where passkeys are valid: the relying party id and the accepted origins, resolved from the options.</summary>
public sealed record PasskeyRelyingParty(string ServerDomain, IReadOnlyList<string> Origins)
{
    public const string InvalidMessage =
        "Accounts:Passkeys: ServerDomain must be a host name (default: the host of Site:PublicBaseUrl), and every origin "
        + "(default: Site:PublicBaseUrl) an https:// address without a path (http:// only for localhost) on that host or a subdomain of it.";

    /// <summary>The relying party, or null when the settings do not make a valid one.</summary>
    public static PasskeyRelyingParty? From(PasskeyOptions options, string publicBaseUrl)
    {
        if (!Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var site))
            return null;
        var domain = (string.IsNullOrWhiteSpace(options.ServerDomain) ? site.IdnHost : options.ServerDomain.Trim()).ToLowerInvariant();
        // An IP address is no relying party id in WebAuthn; browsers refuse it.
        if (Uri.CheckHostName(domain) != UriHostNameType.Dns)
            return null;

        var origins = new List<string>();
        foreach (var configured in options.Origins.Count > 0 ? options.Origins : [publicBaseUrl])
        {
            if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.Query.Length > 0
                || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IdnHost == "localhost"))
                || !(uri.IdnHost == domain || uri.IdnHost.EndsWith("." + domain, StringComparison.Ordinal)))
            {
                return null;
            }

            origins.Add(uri.GetLeftPart(UriPartial.Authority)); // "https://host[:port]", as browsers write an origin
        }

        return new PasskeyRelyingParty(domain, origins);
    }

    /// <summary>
    /// The browser's origin is one we serve, and the ceremony ran in our own page, not in a frame.
    /// Identity's default compares with the request's Origin header instead, which a proxy or the
    /// localhost-as-HTTPS switch of development makes unreliable.
    /// </summary>
    public bool Accepts(PasskeyOriginValidationContext context) =>
        !context.CrossOrigin && string.IsNullOrEmpty(context.TopOrigin) && Origins.Contains(context.Origin, StringComparer.Ordinal);
}

/// <summary>
/// Passkeys (WebAuthn) for staff, on .NET 10 Identity's built-in support: <c>SignInManager</c> makes
/// the options and checks the browser's answer; the passkeys live in <c>AspNetUserPasskeys</c>.
/// </summary>
/// <remarks>
/// A passkey sign-in counts as two factors: the device (possession) and its PIN or fingerprint
/// (user verification, which we require). So it satisfies "2FA required per role" for that session.
/// Passkeys must be discoverable (stored on the device with the account), so signing in needs no
/// e-mail address. Choices: A) also offer the passkeys of a typed address, B) discoverable only.
/// A tells anyone who types an address whether it has an account with passkeys, which the sign-in
/// form is careful never to reveal; current phones, computers, password managers and security keys
/// all make discoverable passkeys.
/// </remarks>
public static class Passkeys
{
    /// <summary>Session claim (<see cref="ClaimTypes.AuthenticationMethod"/>) of a passkey sign-in; Identity keeps it when it renews the cookie.</summary>
    public const string AuthenticationMethod = "passkey";

    /// <summary>RFC 8176 "amr" claim: the session was opened with more than one factor.</summary>
    public const string MultiFactorClaimType = "amr";

    public const string MultiFactorClaimValue = "mfa";

    /// <summary>Longest name a person may give a passkey.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Identity's passkey handling, bound to our relying party; requires discoverable passkeys with user verification.</summary>
    public static IServiceCollection AddPasskeys(this IServiceCollection services)
    {
        services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<AccountsOptions>, IOptions<SiteOptions>>((o, accounts, site) =>
        {
            var party = PasskeyRelyingParty.From(accounts.Value.Passkeys, site.Value.PublicBaseUrl)
                ?? throw new InvalidOperationException(PasskeyRelyingParty.InvalidMessage);
            o.ServerDomain = party.ServerDomain;
            o.ValidateOrigin = context => ValueTask.FromResult(party.Accepts(context));
            o.UserVerificationRequirement = "required";
            o.ResidentKeyRequirement = "required";
            o.AttestationConveyancePreference = "none"; // we trust no particular make of authenticator, so we ask for no proof of one
        });
        return services;
    }

    /// <summary>The session was opened with two factors: a passkey, or password and authenticator code.</summary>
    public static bool IsMultiFactor(ClaimsPrincipal principal) => principal.HasClaim(MultiFactorClaimType, MultiFactorClaimValue);

    /// <summary>The claims a passkey sign-in adds to the session.</summary>
    public static Claim[] SignInClaims() =>
        [new(ClaimTypes.AuthenticationMethod, AuthenticationMethod), new(MultiFactorClaimType, MultiFactorClaimValue)];

    /// <summary>A credential id as it travels in forms and WebAuthn JSON: base64url without padding.</summary>
    public static string EncodeId(byte[] credentialId) => Base64Url.EncodeToString(credentialId);

    public static byte[]? DecodeId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 2048)
            return null;
        try
        {
            return Base64Url.DecodeFromChars(id);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The credential id a browser's answer claims (not yet verified), to name the account in the audit log.</summary>
    public static byte[]? ClaimedCredentialId(string credentialJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(credentialJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? DecodeId(id.GetString())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
