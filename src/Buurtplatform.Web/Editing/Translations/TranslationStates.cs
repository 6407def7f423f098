using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.Editing.Translations;

/// <summary>
/// Where a node's translation into one language stands, for the node's page: live or not, stale or not (its Dutch text
/// changed since it was published or confirmed), and the newest draft's status when there is one.
/// </summary>
public sealed record TranslationState(string Culture, bool Online, bool Stale, VersionStatus? Draft)
{
    /// <summary>Nothing yet: neither live nor a draft.</summary>
    public bool None => !Online && Draft is null;

    /// <summary>The resource keys of what the node's page says (<c>Translation.State.…</c>), most important first.</summary>
    public IEnumerable<string> Labels()
    {
        if (None)
            yield return "Translation.State.None";
        if (Online)
            yield return Stale ? "Translation.State.Stale" : "Translation.State.Published";
        if (Draft is { } draft)
            yield return "Translation.State." + draft;
    }
}

/// <summary>Reads translation states for the backoffice: per language of one node, and which nodes of a list have a stale translation.</summary>
public static class TranslationStates
{
    /// <summary>Every language a node can be translated into, in the site's order, with its state.</summary>
    public static async Task<List<TranslationState>> ForNodeAsync(AppDbContext db, ContentNode node, CancellationToken ct = default)
    {
        var hash = TranslatableFields.For(NodeKinds.Of(node)).SourceHash(node);
        var rows = await db.ContentTranslations.AsNoTracking().Where(t => t.NodeKey == node.Key)
            .Select(t => new { t.Culture, t.SourceHash }).ToListAsync(ct);
        var newest = (await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == node.Key && v.Culture != ContentVersion.Dutch)
                .Select(v => new { v.Culture, v.Number, v.Status }).ToListAsync(ct))
            .GroupBy(v => v.Culture).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Number)!.Status, StringComparer.Ordinal);
        return ContentTranslation.Cultures.Select(culture =>
        {
            var row = rows.FirstOrDefault(r => r.Culture == culture);
            VersionStatus? draft = newest.TryGetValue(culture, out var s) && s is VersionStatus.Draft or VersionStatus.AwaitingApproval or VersionStatus.SentBack ? s : null;
            return new TranslationState(culture, row is not null, row is not null && row.SourceHash != hash, draft);
        }).ToList();
    }

    /// <summary>The keys of those <paramref name="nodes"/> (full rows, any kinds) with at least one translation made from Dutch text that has changed since.</summary>
    public static async Task<HashSet<Guid>> StaleAsync(AppDbContext db, IEnumerable<ContentNode> nodes, CancellationToken ct = default)
    {
        var byKey = nodes.DistinctBy(n => n.Key).ToDictionary(n => n.Key);
        var keys = byKey.Keys.ToList();
        var stale = new HashSet<Guid>();
        if (keys.Count == 0)
            return stale;
        var rows = await db.ContentTranslations.AsNoTracking().Where(t => keys.Contains(t.NodeKey))
            .Select(t => new { t.NodeKey, t.SourceHash }).ToListAsync(ct);
        var hashes = new Dictionary<Guid, string>();
        foreach (var row in rows)
        {
            var node = byKey[row.NodeKey];
            if (!hashes.TryGetValue(node.Key, out var hash))
                hashes[node.Key] = hash = TranslatableFields.For(NodeKinds.Of(node)).SourceHash(node);
            if (row.SourceHash != hash)
                stale.Add(node.Key);
        }

        return stale;
    }
}
