using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Buurtplatform.Tests.Accounts;

/// <summary>
/// A passkey authenticator in software, as a phone or security key behaves towards the server: one
/// ES256 (P-256) key pair, "none" attestation, user present and verified, a signature counter. It
/// answers the options the site hands out with the JSON a browser's <c>credential.toJSON()</c> gives.
/// Written from the WebAuthn spec (authenticator data, COSE key, CBOR) rather than with Identity's
/// code, so the tests check Identity's verification instead of reusing it.
/// </summary>
public sealed class SoftwareAuthenticator(string rpId = "localhost", string origin = "http://localhost:5080") : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(32);

    public string Id => Base64Url.EncodeToString(CredentialId);

    /// <summary>The account's user handle, remembered at creation as a discoverable passkey does.</summary>
    public byte[]? UserHandle { get; private set; }

    /// <summary>Incremented before each signature, as authenticators with a counter do.</summary>
    public uint SignCount { get; set; }

    /// <summary>The origin the "browser" reports; change it to play a phishing site.</summary>
    public string Origin { get; set; } = origin;

    /// <summary>The answer to creation options (<c>navigator.credentials.create</c>).</summary>
    public string Create(string optionsJson)
    {
        using var options = JsonDocument.Parse(optionsJson);
        var root = options.RootElement;
        UserHandle = Base64Url.DecodeFromChars(root.GetProperty("user").GetProperty("id").GetString());
        var clientData = ClientData("webauthn.create", root.GetProperty("challenge").GetString()!);

        var publicKey = _key.ExportParameters(false).Q;
        var coseKey = Cbor.Map(
            (Cbor.Int(1), Cbor.Int(2)), // kty: EC2
            (Cbor.Int(3), Cbor.Int(-7)), // alg: ES256
            (Cbor.Int(-1), Cbor.Int(1)), // crv: P-256
            (Cbor.Int(-2), Cbor.Bytes(publicKey.X!)),
            (Cbor.Int(-3), Cbor.Bytes(publicKey.Y!)));
        var attestedCredential = Concat(new byte[16] /* AAGUID: none */, BigEndian((ushort)CredentialId.Length), CredentialId, coseKey);
        var authenticatorData = AuthenticatorData(Flags.UserPresent | Flags.UserVerified | Flags.AttestedCredentialData, attestedCredential);
        var attestationObject = Cbor.Map(
            (Cbor.Text("fmt"), Cbor.Text("none")),
            (Cbor.Text("attStmt"), Cbor.Map()),
            (Cbor.Text("authData"), Cbor.Bytes(authenticatorData)));

        return new JsonObject
        {
            ["id"] = Id,
            ["rawId"] = Id,
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["clientExtensionResults"] = new JsonObject(),
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
                ["attestationObject"] = Base64Url.EncodeToString(attestationObject),
                ["transports"] = new JsonArray("internal"),
            },
        }.ToJsonString();
    }

    /// <summary>The answer to request options (<c>navigator.credentials.get</c>), signed with the key.</summary>
    public string Get(string optionsJson)
    {
        using var options = JsonDocument.Parse(optionsJson);
        var clientData = ClientData("webauthn.get", options.RootElement.GetProperty("challenge").GetString()!);
        SignCount++;
        var authenticatorData = AuthenticatorData(Flags.UserPresent | Flags.UserVerified, []);
        var signature = _key.SignData(Concat(authenticatorData, SHA256.HashData(clientData)), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        return new JsonObject
        {
            ["id"] = Id,
            ["rawId"] = Id,
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["clientExtensionResults"] = new JsonObject(),
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
                ["authenticatorData"] = Base64Url.EncodeToString(authenticatorData),
                ["signature"] = Base64Url.EncodeToString(signature),
                ["userHandle"] = UserHandle is null ? null : Base64Url.EncodeToString(UserHandle),
            },
        }.ToJsonString();
    }

    public void Dispose() => _key.Dispose();

    private byte[] ClientData(string type, string challenge) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["type"] = type, ["challenge"] = challenge, ["origin"] = Origin, ["crossOrigin"] = false }.ToJsonString());

    private byte[] AuthenticatorData(Flags flags, byte[] attestedCredential) =>
        Concat(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), [(byte)flags], BigEndian(SignCount), attestedCredential);

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] BigEndian(ushort value) => [(byte)(value >> 8), (byte)value];

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    [Flags]
    private enum Flags : byte
    {
        UserPresent = 0x01,
        UserVerified = 0x04,
        AttestedCredentialData = 0x40,
    }

    /// <summary>The few CBOR (RFC 8949) items an attestation object and a COSE key need.</summary>
    private static class Cbor
    {
        public static byte[] Int(int value) => value >= 0 ? Head(0, (ulong)value) : Head(1, (ulong)(-1 - value));

        public static byte[] Bytes(byte[] value) => Concat(Head(2, (ulong)value.Length), value);

        public static byte[] Text(string value) => Concat(Head(3, (ulong)Encoding.UTF8.GetByteCount(value)), Encoding.UTF8.GetBytes(value));

        public static byte[] Map(params (byte[] Key, byte[] Value)[] entries) =>
            Concat([Head(5, (ulong)entries.Length), .. entries.SelectMany(e => new[] { e.Key, e.Value })]);

        private static byte[] Head(int major, ulong length) => length switch
        {
            < 24 => [(byte)((major << 5) | (int)length)],
            <= byte.MaxValue => [(byte)((major << 5) | 24), (byte)length],
            <= ushort.MaxValue => [(byte)((major << 5) | 25), (byte)(length >> 8), (byte)length],
            _ => throw new ArgumentOutOfRangeException(nameof(length)),
        };
    }
}
