using System.Security.Cryptography;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// Shareable preview links for people without an account: <c>/voorbeeld/{version}.{generation}.{expires}.{signature}</c>,
/// signed with HMAC-SHA256. The link holds no secret beyond its signature and reveals only the version's
/// number; it works until it expires, until the version stops being an open draft (published, replaced by a
/// newer save, rolled back), or until its links are revoked (the version's generation goes up).
/// </summary>
/// <remarks>
/// Choices: A) a random token stored per link; B) a signed token. B needs no table and no clean-up, and
/// revocation per version is one counter. The key is configured (<see cref="EditingOptions.PreviewLinkKey"/>)
/// or generated once into the database (<see cref="SiteSecrets"/>), so links survive a restart and work on every node.
/// </remarks>
public sealed class PreviewLinks
{
    /// <summary>The name of the generated key in <see cref="SiteSecrets"/>.</summary>
    public const string SecretName = "preview-links";
    private readonly byte[] _key;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public PreviewLinks(IOptions<EditingOptions> options, SiteSecrets secrets, TimeProvider clock)
    {
        _clock = clock;
        _lifetime = options.Value.PreviewLinkLifetime;
        _key = LoadKey(options.Value.PreviewLinkKey, secrets);
    }

    /// <summary>A valid preview's claims, read from its token.</summary>
    public sealed record Claims(int VersionId, int Generation, DateTimeOffset ExpiresUtc)
    {
        public bool IsExpired(DateTimeOffset now) => now >= ExpiresUtc;
    }

    /// <summary>A new token for the version (the path is <see cref="EditingPaths.SharedPreview"/>).</summary>
    public (string Token, DateTimeOffset ExpiresUtc) Create(int versionId, int generation)
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(_clock.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds());
        var payload = string.Create(CultureInfo.InvariantCulture, $"{versionId}.{generation}.{expires.ToUnixTimeSeconds()}");
        return (payload + "." + Sign(payload), expires);
    }

    /// <summary>The token's claims when its signature is right (expiry is the caller's to judge, to say it kindly); otherwise null.</summary>
    public Claims? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
            return null;
        var parts = token.Split('.');
        if (parts.Length != 4)
            return null;
        var payload = string.Join('.', parts[..3]);
        var expected = Encoding.ASCII.GetBytes(Sign(payload));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[3])))
            return null;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        return new Claims(version, generation, DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    private string Sign(string payload) =>
        Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload)));

    private static byte[] LoadKey(string? configured, SiteSecrets secrets)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Convert.FromBase64String(configured);
            if (bytes.Length < 32)
                throw new InvalidOperationException("Editing:PreviewLinkKey must be at least 32 bytes, base64.");
            return bytes;
        }

        return secrets.GetOrCreate(SecretName);
    }
}
