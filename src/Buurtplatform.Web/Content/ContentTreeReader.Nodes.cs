using Buurtplatform.Web.Activities;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Content;

public static partial class ContentTreeReader
{
    /// <summary>
    /// Reads one node's file text with exactly the rules of the import (the backoffice's drafts use this,
    /// so the file format, the import and the editor share one validation). Returns null when there are
    /// errors; they are added to <paramref name="errors"/>.
    /// </summary>
    /// <remarks>
    /// References to other nodes of the wijk (a place's host, an activity's place and organiser) come back
    /// as detached stubs that carry only the slug written in the file; the caller resolves them.
    /// </remarks>
    public static ContentNode? ParseNode(NodeKind kind, string slug, string text, List<ContentError> errors, string? path = null)
    {
        var before = errors.Count;
        path ??= NodeKinds.FileName(kind, slug);
        var file = FrontMatterFile.Parse(path, text, errors);
        if (file is null)
            return null;
        var f = new FieldReader(file, errors);
        ContentNode node;
        switch (kind)
        {
            case NodeKind.Gemeente:
                node = ReadGemeenteFields(file, f);
                break;
            case NodeKind.Wijk:
                node = ReadWijkFields(file, f);
                break;
            case NodeKind.Vision:
                node = ReadVision(file, f); // rejects unknown keys itself
                break;
            case NodeKind.MeetingPlace:
                var place = ReadMeetingPlace(file, f, out var host);
                place.HostPartner = new Partner { Slug = host };
                node = place;
                break;
            case NodeKind.Activity:
                var activity = ReadActivity(file, f, out var placeSlug, out var organiser);
                activity.MeetingPlace = new MeetingPlace { Slug = placeSlug };
                activity.Organiser = new Partner { Slug = organiser };
                node = activity;
                break;
            case NodeKind.Partner:
                node = ReadPartner(file, f);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }

        if (kind != NodeKind.Vision)
            f.RejectUnknownKeys();
        if (kind != NodeKind.Vision)
            node.Slug = slug;
        return errors.Count == before ? node : null;
    }
}
