using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// Tokens that go out in links (staff invitations and resets, parents' personal sign-up links): 32 random
/// bytes, URL-safe; only their SHA-256 is stored, so a database copy holds no usable link.
/// </summary>
public static class SecretTokens
{
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>What is stored and looked up: lower-case hex SHA-256 of the token.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
