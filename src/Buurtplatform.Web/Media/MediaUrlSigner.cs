using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Buurtplatform.Web.Media;

/// <summary>
/// Signs custom-size URLs with HMAC-SHA256, so only sizes the site itself asked for are ever made: an
/// unsigned URL cannot make the server resize photos at will. The key comes from <c>Media:SigningKey</c>, or
/// from a file in the data folder that is generated (32 random bytes) on first start; never from the code.
/// </summary>
public sealed class MediaUrlSigner
{
    private readonly byte[] _key;

    public MediaUrlSigner(IOptions<MediaOptions> options, IOptions<SiteOptions> site, IWebHostEnvironment env, ILogger<MediaUrlSigner> logger)
    {
        if (options.Value.SigningKey is { } configured)
        {
            _key = Convert.FromBase64String(configured);
            return;
        }

        var path = Path.Combine(SiteOptions.Resolve(env, site.Value.DataPath), options.Value.SigningKeyPath);
        _key = ReadOrCreate(path, logger);
    }

    private static byte[] ReadOrCreate(string path, ILogger logger)
    {
        var text = KeyFile.ReadOrCreate(path, () => logger.LogInformation("Generated the key that signs custom photo sizes: {Path}", path));
        if (!MediaOptions.IsStrongKey(text))
            throw new InvalidOperationException($"{path} must hold base64 of at least 32 random bytes; delete it to have a new key generated (custom photo URLs signed with the old key then stop working).");
        return Convert.FromBase64String(text);
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
