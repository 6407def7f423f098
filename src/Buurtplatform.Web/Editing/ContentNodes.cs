using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Editing;

/// <summary>Loads editable nodes by kind with what the backoffice needs around them (parents, references).</summary>
public sealed class ContentNodes(AppDbContext db)
{
    public Task<ContentNode?> FindAsync(NodeKind kind, int id, bool tracked = false, CancellationToken ct = default) =>
        FindAsync(kind, id, null, tracked, ct);

    public Task<ContentNode?> FindByKeyAsync(NodeKind kind, Guid key, bool tracked = false, CancellationToken ct = default) =>
        FindAsync(kind, null, key, tracked, ct);

    private Task<ContentNode?> FindAsync(NodeKind kind, int? id, Guid? key, bool tracked, CancellationToken ct)
    {
        async Task<ContentNode?> One<T>(IQueryable<T> q) where T : ContentNode
        {
            if (!tracked)
                q = q.AsNoTracking();
            q = id is { } i ? q.Where(n => n.Id == i) : q.Where(n => n.Key == key);
            return await q.FirstOrDefaultAsync(ct);
        }

        return kind switch
        {
            NodeKind.Gemeente => One(db.Gemeenten),
            NodeKind.Wijk => One(db.Wijken.Include(w => w.Gemeente)),
            NodeKind.Vision => One(db.Visions.Include(v => v.Wijk).ThenInclude(w => w.Gemeente)),
            NodeKind.Partner => One(db.Partners.Include(p => p.Wijk).ThenInclude(w => w.Gemeente)),
            NodeKind.MeetingPlace => One(db.MeetingPlaces.Include(p => p.Wijk).ThenInclude(w => w.Gemeente).Include(p => p.HostPartner)),
            NodeKind.Activity => One(db.Activities.Include(a => a.Wijk).ThenInclude(w => w.Gemeente).Include(a => a.MeetingPlace).Include(a => a.Organiser)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>The wijk a node belongs to (itself for a wijk), or null for a gemeente.</summary>
    public static Wijk? WijkOf(ContentNode node) => node switch
    {
        Wijk w => w,
        Vision.Vision v => v.Wijk,
        Partner p => p.Wijk,
        MeetingPlace m => m.Wijk,
        Activity a => a.Wijk,
        _ => null,
    };

    /// <summary>The key of the node directly above: the wijk of a wijk-level node, the gemeente of a wijk.</summary>
    public static Guid? ParentKey(ContentNode node) => node switch
    {
        Gemeente => null,
        Wijk w => w.Gemeente.Key,
        _ => WijkOf(node)!.Key,
    };

    /// <summary>The node's public page, or null when it has none of its own (a partner appears on its wijk's page).</summary>
    public static string? PublicPath(ContentNode node) => node switch
    {
        Gemeente g => Links.Gemeente(g),
        Wijk w => Links.Wijk(w),
        Vision.Vision v => Links.Vision(v.Wijk),
        MeetingPlace m => Links.MeetingPlace(m),
        Activity a => Links.Activity(a),
        _ => null,
    };

    /// <summary>Name or title, as lists show it.</summary>
    public static string Title(ContentNode node) => node switch
    {
        Gemeente g => g.Name,
        Wijk w => w.Name,
        Vision.Vision v => v.Title,
        Partner p => p.Name,
        MeetingPlace m => m.Name,
        Activity a => a.Title,
        _ => node.Slug,
    };

    /// <summary>The audit log's name for the node (<c>activity:12</c>).</summary>
    public static string AuditTarget(NodeKind kind, int id) => kind switch
    {
        NodeKind.Gemeente => Audit.AuditTarget.Gemeente(id),
        NodeKind.Wijk => Audit.AuditTarget.Wijk(id),
        NodeKind.Vision => Audit.AuditTarget.Vision(id),
        NodeKind.MeetingPlace => Audit.AuditTarget.MeetingPlace(id),
        NodeKind.Activity => Audit.AuditTarget.Activity(id),
        NodeKind.Partner => Audit.AuditTarget.Partner(id),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// Whether another node of the same kind under the same parent already has this slug (a gemeente's slug
    /// is unique site-wide). The database's unique indexes say the same; this says it before a save fails.
    /// </summary>
    public async Task<bool> SlugTakenAsync(NodeKind kind, Guid? parentKey, string slug, Guid ownKey, CancellationToken ct = default) => kind switch
    {
        NodeKind.Gemeente => await db.Gemeenten.AnyAsync(g => g.Slug == slug && g.Key != ownKey, ct),
        NodeKind.Wijk => await db.Wijken.AnyAsync(w => w.Gemeente.Key == parentKey && w.Slug == slug && w.Key != ownKey, ct),
        NodeKind.Vision => false,
        NodeKind.MeetingPlace => await db.MeetingPlaces.AnyAsync(p => p.Wijk.Key == parentKey && p.Slug == slug && p.Key != ownKey, ct),
        NodeKind.Activity => await db.Activities.AnyAsync(a => a.Wijk.Key == parentKey && a.Slug == slug && a.Key != ownKey, ct),
        NodeKind.Partner => await db.Partners.AnyAsync(p => p.Wijk.Key == parentKey && p.Slug == slug && p.Key != ownKey, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
