using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// Replaces the slug stubs of a parsed node (a place's host, an activity's place and organiser) with the
/// nodes of its wijk in the database, as the import does within a tree. A slug that names nothing in the
/// wijk is an error on that field, with the reader's wording and code.
/// </summary>
public static class ContentReferences
{
    /// <param name="tracked">True when publishing (the row will point at them); false for previews.</param>
    public static async Task ResolveAsync(AppDbContext db, ContentNode node, Guid? wijkKey, List<ContentError> errors, bool tracked, CancellationToken ct)
    {
        IQueryable<Partner> partners = tracked ? db.Partners : db.Partners.AsNoTracking();
        IQueryable<MeetingPlace> places = tracked ? db.MeetingPlaces : db.MeetingPlaces.AsNoTracking();
        var file = NodeKinds.FileName(NodeKinds.Of(node), node.Slug);
        switch (node)
        {
            case MeetingPlace m:
                var host = await partners.FirstOrDefaultAsync(p => p.Wijk.Key == wijkKey && p.Slug == m.HostPartner.Slug, ct);
                if (host is null)
                    errors.Add(new ContentError(file, 0, "host", $"no partner '{m.HostPartner.Slug}' in this wijk", ContentErrorCodes.Reference));
                else
                    m.HostPartner = host;
                break;
            case Activity a:
                var place = await places.FirstOrDefaultAsync(p => p.Wijk.Key == wijkKey && p.Slug == a.MeetingPlace.Slug, ct);
                if (place is null)
                    errors.Add(new ContentError(file, 0, "place", $"no meeting place '{a.MeetingPlace.Slug}' in this wijk", ContentErrorCodes.Reference));
                else
                    a.MeetingPlace = place;
                var organiser = await partners.FirstOrDefaultAsync(p => p.Wijk.Key == wijkKey && p.Slug == a.Organiser.Slug, ct);
                if (organiser is null)
                    errors.Add(new ContentError(file, 0, "organiser", $"no partner '{a.Organiser.Slug}' in this wijk", ContentErrorCodes.Reference));
                else
                    a.Organiser = organiser;
                break;
        }
    }
}

/// <summary>A draft's text checked with the content format's rules, plus what only the database knows.</summary>
public sealed record DraftCheck(ContentNode? Node, IReadOnlyList<ContentError> Errors)
{
    public bool IsValid => Node is not null && Errors.Count == 0;
}

/// <summary>
/// Checks a node's text before it is stored as a version: the reader's per-node rules (the same as the
/// import's), a valid and free slug, the node's own key, and references that exist in its wijk.
/// </summary>
public sealed class DraftValidation(AppDbContext db, ContentNodes nodes)
{
    public async Task<DraftCheck> CheckAsync(NodeKind kind, Guid key, Guid? parentKey, string slug, string text, CancellationToken ct = default)
    {
        var errors = new List<ContentError>();
        if (kind == NodeKind.Vision)
            slug = "visie";
        var file = NodeKinds.FileName(kind, slug);
        if (!Slugs.IsValid(slug))
            errors.Add(new ContentError(file, 0, "slug", $"'{slug}' is not a valid slug", ContentErrorCodes.Slug));
        else if (kind == NodeKind.Gemeente && Slugs.Reserved.Contains(slug))
            errors.Add(new ContentError(file, 0, "slug", $"'{slug}' is a word the site uses itself", ContentErrorCodes.ReservedSlug));
        else if (await nodes.SlugTakenAsync(kind, parentKey, slug, key, ct))
            errors.Add(new ContentError(file, 0, "slug", $"'{slug}' is already used here", ContentErrorCodes.SlugTaken));

        var node = ContentTreeReader.ParseNode(kind, Slugs.IsValid(slug) ? slug : "x", text, errors, file);
        if (node is not null && node.Key != key)
            errors.Add(new ContentError(file, 0, "key", "the key must stay the node's own", ContentErrorCodes.Format));
        if (node is not null && kind is NodeKind.MeetingPlace or NodeKind.Activity)
            await ContentReferences.ResolveAsync(db, node, parentKey, errors, tracked: false, ct);
        if (node is not null)
            node.Slug = slug;
        return new DraftCheck(errors.Count == 0 ? node : null, errors);
    }
}
