using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Buurtplatform.Web.Media;

/// <summary>
/// Signs custom-size URLs with HMAC-SHA256, so only sizes the site itself asked for are ever made: an
/// unsigned URL cannot make the server resize photos at will. The key comes from <c>Media:SigningKey</c>, or
/// from the database (<see cref="SiteSecrets"/>: 32 random bytes made on first start, shared by every node,
/// so a URL on a page rendered by one node is served by any other); never from the code.
/// </summary>
public sealed class MediaUrlSigner
{
    /// <summary>The name of the generated key in <see cref="SiteSecrets"/>.</summary>
    public const string SecretName = "media-url-signing";

    private readonly byte[] _key;

    public MediaUrlSigner(IOptions<MediaOptions> options, SiteSecrets secrets)
    {
        _key = options.Value.SigningKey is { } configured ? Convert.FromBase64String(configured) : secrets.GetOrCreate(SecretName);
    }

    /// <summary>The signature of a path with its canonical query, base64url without padding.</summary>
    public string Sign(string pathAndCanonicalQuery) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(pathAndCanonicalQuery)));

    /// <summary>Compares in constant time, so the signature cannot be found byte by byte.</summary>
    public bool Verify(string pathAndCanonicalQuery, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || signature.Length > 64)
            return false;
        byte[] given;
        try
        {
            given = WebEncoders.Base64UrlDecode(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(pathAndCanonicalQuery));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
