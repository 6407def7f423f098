using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.Shared;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// A version as parents would see it: its text is read, its references resolved, and the public page's
/// own model is filled from it (<c>ShowAsync</c>) and rendered with the public page's own body partial.
/// Nothing is written and nothing is cached.
/// </summary>
public sealed class ContentPreview(IServiceProvider services, AppDbContext db, IStringLocalizer<SharedResource> T)
{
    /// <summary>What the preview page renders: the body partial with its model, and the layout's title and breadcrumbs.</summary>
    public sealed record View(string Partial, object Model, string Title, string? Description, List<Breadcrumb> Breadcrumbs);

    /// <param name="node">The node as stored (with parents), for its id and place in the tree.</param>
    /// <returns>The view, or null when the version's text cannot be shown (it names a place or partner that no longer exists).</returns>
    public async Task<View?> BuildAsync(ContentVersion version, ContentNode node, CancellationToken ct = default)
    {
        var errors = new List<ContentError>();
        var draft = ContentTreeReader.ParseNode(version.Kind, version.Slug, version.Text, errors);
        if (draft is null)
            return null;
        draft.Id = node.Id;
        draft.State = PublishState.Published;
        var wijk = ContentNodes.WijkOf(node);
        await ContentReferences.ResolveAsync(db, draft, wijk?.Key, errors, tracked: false, ct);
        if (errors.Count > 0)
            return null;

        var home = new Breadcrumb(T["Layout.Menu.Home"], "/");
        switch (draft)
        {
            case Activity a:
                a.Wijk = wijk!;
                a.WijkId = wijk!.Id;
                a.MeetingPlace.Wijk = wijk;
                var activityPage = Create<ActivityPageModel>();
                await activityPage.ShowAsync(a, ct);
                return new View("/Activities/_ActivityBody.cshtml", activityPage, a.Title, a.Summary, [home, Gemeente(wijk.Gemeente), Wijk(wijk)]);
            case MeetingPlace m:
                m.Wijk = wijk!;
                m.WijkId = wijk!.Id;
                var placePage = Create<MeetingPlaces.MeetingPlacePageModel>();
                await placePage.ShowAsync(m, ct);
                return new View("/MeetingPlaces/_MeetingPlaceBody.cshtml", placePage, m.Name, m.Summary, [home, Gemeente(wijk.Gemeente), Wijk(wijk)]);
            case Vision.Vision v:
                v.Wijk = wijk!;
                var visionPage = Create<Vision.VisionPageModel>();
                visionPage.Show(v);
                return new View("/Vision/_VisionBody.cshtml", visionPage, v.Title, v.Summary, [home, Gemeente(wijk!.Gemeente), Wijk(wijk)]);
            case Wijk w:
                w.Gemeente = ((Wijk)node).Gemeente;
                w.GemeenteId = w.Gemeente.Id;
                var wijkPage = Create<WijkPageModel>();
                await wijkPage.ShowAsync(w, ct);
                return new View("/Neighbourhoods/_WijkBody.cshtml", wijkPage, w.Name, w.Summary, [home, Gemeente(w.Gemeente)]);
            case Partner p:
                p.Wijk = wijk!;
                var partnerPage = Create<WijkPageModel>();
                await partnerPage.ShowAsync(wijk!, ct);
                partnerPage.ShowPartner(p);
                return new View("/Neighbourhoods/_WijkBody.cshtml", partnerPage, wijk!.Name, wijk.Summary, [home, Gemeente(wijk.Gemeente)]);
            case Gemeente g:
                var gemeentePage = Create<GemeentePageModel>();
                await gemeentePage.ShowAsync(g, ct);
                return new View("/Neighbourhoods/_GemeenteBody.cshtml", gemeentePage, g.Name, g.Summary, [home]);
            default:
                return null;
        }
    }

    private T Create<T>() => ActivatorUtilities.CreateInstance<T>(services);

    private static Breadcrumb Gemeente(Gemeente g) => new(g.Name, Links.Gemeente(g));

    private static Breadcrumb Wijk(Wijk w) => new(w.Name, Links.Wijk(w));
}

/// <summary>What the public layout shows above a preview: that it is one, which version, and (for staff) the way back.</summary>
public sealed record PreviewBanner(int Version, string Status, string? BackUrl);
