using System.Security.Cryptography;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.Vision;

namespace Buurtplatform.Web.Content.Translations;

/// <summary>
/// The fields of one node kind that a translation may carry, each with the Dutch text it translates, in the
/// order a translation file writes them. Each kind declares its own beside its file format (<c>ActivityFile.Translatable</c>, …).
/// </summary>
/// <remarks>
/// A field path is the Dutch file's front-matter name, a group's fields joined with a dot
/// (<c>accessibility.notes</c>); <see cref="Body"/> is the Markdown text below the front matter.
/// </remarks>
public sealed class TranslatableFields
{
    /// <summary>The Markdown text below the front matter.</summary>
    public const string Body = "body";

    private readonly (string Path, Func<ContentNode, string?> Dutch)[] _fields;

    private TranslatableFields((string Path, Func<ContentNode, string?> Dutch)[] fields) => _fields = fields;

    /// <summary>A kind's translatable fields, each with how to read its Dutch text from the node.</summary>
    public static TranslatableFields Of<T>(params (string Path, Func<T, string?> Dutch)[] fields) where T : ContentNode =>
        new([.. fields.Select(f => (f.Path, (Func<ContentNode, string?>)(n => f.Dutch((T)n))))]);

    /// <summary>The translatable fields of a node kind.</summary>
    public static TranslatableFields For(NodeKind kind) => kind switch
    {
        NodeKind.Activity => ActivityFile.Translatable,
        NodeKind.MeetingPlace => MeetingPlaceFile.Translatable,
        NodeKind.Wijk => WijkFile.Translatable,
        NodeKind.Gemeente => GemeenteFile.Translatable,
        NodeKind.Vision => VisionFile.Translatable,
        NodeKind.Partner => PartnerFile.Translatable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Every path, in file order (<see cref="Body"/> last when the kind has one).</summary>
    public IReadOnlyList<string> Paths => [.. _fields.Select(f => f.Path)];

    /// <summary>The front-matter paths (all but <see cref="Body"/>).</summary>
    public IEnumerable<string> FrontMatterPaths => _fields.Select(f => f.Path).Where(p => p != Body);

    public bool Contains(string path) => _fields.Any(f => f.Path == path);

    /// <summary>The node's Dutch text of one field (empty when the node leaves it out), or null when the kind has no such field.</summary>
    public string? DutchOf(ContentNode node, string path)
    {
        foreach (var (p, dutch) in _fields)
        {
            if (p == path)
                return dutch(node) ?? "";
        }

        return null;
    }

    /// <summary>The node's Dutch text of each translatable field (empty when the node leaves it out).</summary>
    public IEnumerable<(string Path, string Text)> Dutch(ContentNode node) => _fields.Select(f => (f.Path, f.Dutch(node) ?? ""));

    /// <summary>
    /// A short hash of the node's Dutch text of all its translatable fields. A translation records it when it is
    /// made or confirmed (<see cref="ContentTranslation.SourceHash"/>); a different hash now means the Dutch text changed since.
    /// </summary>
    public string SourceHash(ContentNode node)
    {
        var text = new StringBuilder();
        foreach (var (path, dutch) in Dutch(node))
            text.Append(path).Append('\u001f').Append(dutch.Replace("\r\n", "\n", StringComparison.Ordinal)).Append('\u001e');
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash, 0, HashBytes);
    }

    /// <summary>Six bytes, twelve hex characters: short in a file, and a chance of 1 in 2⁴⁸ that a change goes unnoticed.</summary>
    private const int HashBytes = 6;

    /// <summary>The length of <see cref="SourceHash"/>.</summary>
    public const int HashLength = HashBytes * 2;
}
