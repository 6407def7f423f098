using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// The versions of one node. A node that was imported and never edited has none stored; its first
/// version is then made from the live row (<see cref="Baseline"/>), so history starts with what parents saw.
/// </summary>
public sealed class ContentVersions(AppDbContext db, TimeProvider clock)
{
    /// <summary>Stored versions, newest first; tracked, so callers can change their status.</summary>
    public Task<List<ContentVersion>> ListAsync(Guid key, CancellationToken ct = default) =>
        db.ContentVersions.Where(v => v.NodeKey == key && v.Culture == ContentVersion.Dutch).OrderByDescending(v => v.Number).ToListAsync(ct);

    /// <summary>For pages that only read: the stored versions, or the (unsaved) baseline when there are none yet.</summary>
    public async Task<List<ContentVersion>> ListForReadingAsync(ContentNode node, CancellationToken ct = default)
    {
        var stored = await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == node.Key && v.Culture == ContentVersion.Dutch).OrderByDescending(v => v.Number).ToListAsync(ct);
        return stored.Count > 0 ? stored : [Baseline(node)];
    }

    /// <summary>Before any change: makes sure version 1 (the live row) is stored; returns all versions, newest first.</summary>
    public async Task<List<ContentVersion>> EnsureBaselineAsync(ContentNode node, CancellationToken ct = default)
    {
        var all = await ListAsync(node.Key, ct);
        if (all.Count == 0)
        {
            var baseline = Baseline(node);
            db.ContentVersions.Add(baseline);
            all.Add(baseline);
        }

        return all;
    }

    /// <summary>Version 1 of a node that has no versions: its row as the export writes it.</summary>
    public static ContentVersion Baseline(ContentNode node)
    {
        var published = node.State == PublishState.Published;
        return new ContentVersion
        {
            NodeKey = node.Key,
            Kind = NodeKinds.Of(node),
            ParentKey = ContentNodes.ParentKey(node),
            Number = 1,
            Slug = node.Slug,
            Status = published ? VersionStatus.Published : VersionStatus.Draft,
            Text = ContentExporter.Render(node),
            Title = ContentNodes.Title(node),
            CreatedByName = "import",
            CreatedUtc = node.UpdatedUtc,
            PublishedByName = published ? "import" : null,
            PublishedUtc = published ? node.UpdatedUtc : null,
        };
    }

    /// <summary>
    /// Adds a new newest version (saved with the caller's SaveChangesAsync). Older drafts are archived: the
    /// newest one is the working copy, and the preview links of the older ones stop working.
    /// </summary>
    public ContentVersion AddDraft(List<ContentVersion> all, ContentNode parsed, Guid? parentKey, AuditActor actor, string? comment,
        int? restoredFrom = null, VersionStatus status = VersionStatus.Draft)
    {
        foreach (var older in all.Where(v => v.IsOpen))
            older.Status = VersionStatus.Archived;
        var version = new ContentVersion
        {
            NodeKey = parsed.Key,
            Kind = NodeKinds.Of(parsed),
            ParentKey = parentKey,
            Number = all.Count == 0 ? 1 : all.Max(v => v.Number) + 1,
            Slug = parsed.Slug,
            Status = status,
            Text = ContentExporter.Render(parsed),
            Title = Truncate(ContentNodes.Title(parsed), 200),
            CreatedById = actor.UserId,
            CreatedByName = actor.Name,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : Truncate(comment.Trim(), 1000),
            RestoredFromNumber = restoredFrom,
        };
        db.ContentVersions.Add(version);
        all.Insert(0, version);
        return version;
    }

    /// <summary>Whether the node has ever been live (then a new activity's approval no longer applies, and a renamed slug leaves a redirect).</summary>
    public static bool EverPublished(ContentNode node, IEnumerable<ContentVersion> versions) =>
        node.State == PublishState.Published || versions.Any(v => v.PublishedUtc is not null);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
