using System.Text.Json.Nodes;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Published;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.Media;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.SignUps;
using NodaTime;

namespace Buurtplatform.Web.DeliveryApi;

/// <summary>A property value that points at another node: written shallow, or expanded when <c>expand</c> names the property.</summary>
public sealed record DeliveryRef(Guid Key);

/// <summary>One node as the Delivery API knows it. <see cref="Properties"/> hold JSON values, <see cref="DeliveryRef"/>s or lists of them.</summary>
public sealed record DeliveryNode(
    Guid Key,
    string ContentType,
    string Name,
    string Path,
    Guid? Parent,
    int Level,
    int SortOrder,
    DateTime CreatedUtc,
    DateTime UpdatedUtc,
    Guid StartKey,
    string StartPath,
    IReadOnlyDictionary<string, object?> Properties)
{
    /// <summary>
    /// The languages the node is published in, Dutch first, when it has a published translation; empty when it is Dutch
    /// only (invariant, in Umbraco's terms).
    /// </summary>
    public IReadOnlyList<string> Cultures { get; init; } = [];
}

/// <summary>
/// Every node a request may see, read in one go: published nodes under published parents (what the public pages show),
/// or with <c>Preview</c> every node, drafts included. Only fields a public page shows are here: no sign-up, no staff
/// member, no photo consent; that is what keeps <c>expand</c> from reaching more than an item's own endpoint shows.
/// The texts are in one language (<c>Accept-Language</c>): a published translation's where it has the field, else Dutch.
/// </summary>
public sealed class DeliveryTree
{
    public const string Gemeente = "gemeente";
    public const string Wijk = "wijk";
    public const string MeetingPlace = "ontmoetingsplek";
    public const string Activity = "activiteit";
    public const string Vision = "visie";
    public const string Partner = "partner";

    public static readonly IReadOnlyList<string> ContentTypes = [Gemeente, Wijk, MeetingPlace, Activity, Vision, Partner];

    private readonly Dictionary<Guid, DeliveryNode> _byKey;
    private readonly Dictionary<string, DeliveryNode> _byPath;

    private DeliveryTree(List<DeliveryNode> nodes)
    {
        Nodes = nodes;
        _byKey = nodes.ToDictionary(n => n.Key);
        _byPath = nodes.ToDictionary(n => n.Path, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>In tree order: each gemeente, then its wijken, each followed by what is below it.</summary>
    public IReadOnlyList<DeliveryNode> Nodes { get; }

    public DeliveryNode? Find(Guid key) => _byKey.GetValueOrDefault(key);

    /// <summary>By the path of its page, with or without the leading and trailing slash.</summary>
    public DeliveryNode? Find(string path) => _byPath.GetValueOrDefault("/" + path.Trim('/'));

    /// <summary>A node by key or path, as <c>fetch</c> and <c>Start-Item</c> name it.</summary>
    public DeliveryNode? FindByIdOrPath(string idOrPath) => Guid.TryParse(idOrPath, out var key) ? Find(key) : Find(idOrPath);

    public IEnumerable<DeliveryNode> Children(DeliveryNode node) => Nodes.Where(n => n.Parent == node.Key);

    public IEnumerable<DeliveryNode> Descendants(DeliveryNode node) => Nodes.Where(n => IsBelow(n, node));

    public IEnumerable<DeliveryNode> Ancestors(DeliveryNode node)
    {
        for (var parent = node.Parent is { } p ? Find(p) : null; parent is not null; parent = parent.Parent is { } pp ? Find(pp) : null)
            yield return parent;
    }

    public bool IsBelow(DeliveryNode node, DeliveryNode ancestor) => Ancestors(node).Any(a => a.Key == ancestor.Key);

    /// <summary>
    /// The tree with its texts in <paramref name="culture"/> (a language of <see cref="ContentTranslation.Cultures"/>, or Dutch):
    /// what is public from <paramref name="published"/>, the snapshot the public pages read, or when that is null (a preview)
    /// every node from the database with its newest version. Only the sign-up state (places left) is read from the database
    /// either way: it changes with every sign-up, not with content.
    /// </summary>
    public static async Task<DeliveryTree> LoadAsync(AppDbContext db, PublishedContent? published, ActivityCalendar calendar, SignUpDates signUpDates,
        MediaUrls media, DeliveryApiOptions options, string culture, CancellationToken ct)
    {
        var source = published is null ? await DraftsAsync(db, culture, ct) : Public(published, culture);
        var (shownGemeenten, shownWijken, shownPlaces, shownPartners, shownVisions, shownActivities) =
            (source.Gemeenten, source.Wijken, source.Places, source.Partners, source.Visions, source.Activities);
        var (placePhotos, activityPhotos, tr) = (source.PlacePhotos, source.ActivityPhotos, source.Translations);
        await calendar.PrepareAsync(ct);
        var signUps = await SignUpStateAsync(db, signUpDates, shownActivities.Where(a => a.SignUpRequired).ToList(), ct);

        // A field in the language asked for; the node's own Dutch value (also when null) where the translation lacks it.
        string? Tx(ContentNode n, string field, string? dutch) => tr.Text(n, field) is { IsTranslated: true } t ? t.Value : dutch;

        var nodes = new List<DeliveryNode>();
        foreach (var (g, gi) in shownGemeenten.Values.OrderBy(g => g.Slug, StringComparer.Ordinal).Select((g, i) => (g, i)))
        {
            var start = new Start(g.Key, g.Slug);
            nodes.Add(Node(g, Gemeente, g.Name, Links.Gemeente(g), null, 1, gi, start, new()
            {
                ["summary"] = Tx(g, "summary", g.Summary),
                ["body"] = Html(Tx(g, TranslatableFields.Body, g.Body)!),
            }));
            foreach (var (w, wi) in shownWijken.Values.Where(w => w.GemeenteId == g.Id).OrderBy(w => w.Slug, StringComparer.Ordinal).Select((w, i) => (w, i)))
            {
                var vision = shownVisions.FirstOrDefault(v => v.WijkId == w.Id);
                nodes.Add(Node(w, Wijk, w.Name, Links.Wijk(w), g.Key, 2, wi, start, new()
                {
                    ["summary"] = Tx(w, "summary", w.Summary),
                    ["body"] = Html(Tx(w, TranslatableFields.Body, w.Body)!),
                    ["postcodes"] = new JsonArray([.. w.Postcodes.Order().Select(p => JsonValue.Create(p))]),
                    ["vision"] = vision is null ? null : new DeliveryRef(vision.Key),
                }));

                var order = 0;
                foreach (var p in shownPlaces.Values.Where(p => p.WijkId == w.Id).OrderBy(p => p.Slug, StringComparer.Ordinal))
                {
                    nodes.Add(Node(p, MeetingPlace, p.Name, Links.MeetingPlace(p), w.Key, 3, order++, start, PlaceProperties(p, shownPartners, placePhotos, media, Tx)));
                }

                foreach (var a in shownActivities.Where(a => a.WijkId == w.Id).OrderBy(a => a.Slug, StringComparer.Ordinal))
                {
                    nodes.Add(Node(a, Activity, Tx(a, "title", a.Title)!, Links.Activity(a), w.Key, 3, order++, start,
                        ActivityProperties(a, calendar, options, shownPartners, activityPhotos, signUps, media, Tx)));
                }

                if (vision is not null)
                {
                    // As the vision page: translated section i stands in for Dutch section i.
                    var text = Web.Vision.TranslatedVision.Of(vision, tr.Text(vision, TranslatableFields.Body));
                    nodes.Add(Node(vision, Vision, Tx(vision, "title", vision.Title)!, Links.Vision(w), w.Key, 3, order++, start, new()
                    {
                        ["summary"] = Tx(vision, "summary", vision.Summary),
                        ["intro"] = Html(text.Intro.Value),
                        ["writtenByParents"] = Tx(vision, "writtenByParents", vision.WrittenByParents),
                        ["writtenByProfessionals"] = Tx(vision, "writtenByProfessionals", vision.WrittenByProfessionals),
                        ["lastReviewed"] = vision.LastReviewed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["sections"] = new JsonArray([.. text.Sections.Select(s => new JsonObject { ["heading"] = s.Heading.Value, ["body"] = Html(s.Body.Value) })]),
                        ["wijk"] = new DeliveryRef(w.Key),
                    }));
                }

                foreach (var p in shownPartners.Values.Where(p => p.WijkId == w.Id).OrderBy(p => p.Slug, StringComparer.Ordinal))
                {
                    nodes.Add(Node(p, Partner, p.Name, $"{Links.Wijk(w)}/partners/{p.Slug}", w.Key, 3, order++, start, new()
                    {
                        ["role"] = Tx(p, "role", p.Role),
                        ["body"] = Html(Tx(p, TranslatableFields.Body, p.Body)!),
                        ["website"] = p.Website,
                        ["email"] = p.Email,
                        ["phone"] = p.Phone,
                        ["whatsApp"] = p.WhatsApp,
                    }));
                }
            }
        }

        return new DeliveryTree([.. nodes.Select(n => source.CulturesOf(n.Key) is { Count: > 0 } languages
            ? n with { Cultures = [ContentTranslations.Dutch, .. ContentTranslation.Cultures.Where(languages.Contains)] }
            : n)]);
    }

    /// <summary>What a tree is built from: the nodes shown, their photos, the texts in the language asked for, and per node the languages it is published in.</summary>
    private sealed record Source(
        Dictionary<int, Gemeente> Gemeenten,
        Dictionary<int, Wijk> Wijken,
        Dictionary<int, MeetingPlace> Places,
        Dictionary<int, Partner> Partners,
        List<Vision.Vision> Visions,
        List<Activity> Activities,
        Dictionary<int, MediaItem> PlacePhotos,
        Dictionary<int, MediaItem> ActivityPhotos,
        ContentTranslations Translations,
        Func<Guid, IReadOnlySet<string>> CulturesOf);

    /// <summary>What parents may see, from the published-content snapshot: no query, and the same nodes the public pages show.</summary>
    private static Source Public(PublishedContent content, string culture)
    {
        var places = content.MeetingPlaces.ToDictionary(p => p.Id);
        var activities = content.Activities.ToList();
        var translated = ContentTranslation.Cultures.Select(content.Translations).ToList();
        return new Source(
            content.Gemeenten.ToDictionary(g => g.Id),
            content.Wijken.ToDictionary(w => w.Id),
            places,
            content.Partners.ToDictionary(p => p.Id),
            [.. content.Wijken.Select(content.VisionOf).OfType<Vision.Vision>()],
            activities,
            PhotosOf(places.Keys, id => content.Photo(NodeKind.MeetingPlace, id)),
            PhotosOf(activities.Select(a => a.Id), id => content.Photo(NodeKind.Activity, id)),
            culture == ContentTranslations.Dutch ? ContentTranslations.None : content.Translations(culture),
            key => translated.Where(t => t.Has(key)).Select(t => t.Culture).ToHashSet(StringComparer.Ordinal));
    }

    private static Dictionary<int, MediaItem> PhotosOf(IEnumerable<int> ids, Func<int, MediaItem?> photo)
    {
        var photos = new Dictionary<int, MediaItem>();
        foreach (var id in ids)
        {
            if (photo(id) is { } item)
                photos[id] = item;
        }

        return photos;
    }

    /// <summary>Every node from the database, drafts applied (<see cref="ApplyDraftsAsync"/>), for a preview request.</summary>
    private static async Task<Source> DraftsAsync(AppDbContext db, string culture, CancellationToken ct)
    {
        var gemeenten = await db.Gemeenten.AsNoTracking().ToListAsync(ct);
        var wijken = await db.Wijken.AsNoTracking().ToListAsync(ct);
        var places = await db.MeetingPlaces.AsNoTracking().ToListAsync(ct);
        var partners = await db.Partners.AsNoTracking().ToListAsync(ct);
        var visions = await db.Visions.AsNoTracking().ToListAsync(ct);
        var activities = await db.Activities.AsNoTrackingWithIdentityResolution()
            .Include(a => a.Wijk).ThenInclude(w => w.Gemeente).Include(a => a.MeetingPlace).Include(a => a.Organiser)
            .ToListAsync(ct);
        await ApplyDraftsAsync(db, gemeenten, wijken, places, partners, visions, activities, ct);

        // Every node is shown, drafts included, as long as the nodes above it exist.
        var shownGemeenten = gemeenten.ToDictionary(g => g.Id);
        var shownWijken = wijken.Where(w => shownGemeenten.ContainsKey(w.GemeenteId)).ToDictionary(w => w.Id);
        var shownPlaces = places.Where(p => shownWijken.ContainsKey(p.WijkId)).ToDictionary(p => p.Id);
        var shownPartners = partners.Where(p => shownWijken.ContainsKey(p.WijkId)).ToDictionary(p => p.Id);
        var shownVisions = visions.Where(v => shownWijken.ContainsKey(v.WijkId)).ToList();
        var shownActivities = activities.Where(a => shownWijken.ContainsKey(a.WijkId) && shownPlaces.ContainsKey(a.MeetingPlaceId)).ToList();
        foreach (var w in shownWijken.Values)
            w.Gemeente = shownGemeenten[w.GemeenteId];
        foreach (var p in shownPlaces.Values)
            p.Wijk = shownWijken[p.WijkId];
        foreach (var v in shownVisions)
            v.Wijk = shownWijken[v.WijkId];
        foreach (var a in shownActivities)
        {
            a.Wijk = shownWijken[a.WijkId];
            a.MeetingPlace.Wijk = a.Wijk;
        }

        // The published translations (a row is published; taking a translation offline deletes it): which languages each
        // node has, and the texts of the one asked for. Preview shows published translations too (drafts are Dutch only here).
        var published = (await db.ContentTranslations.AsNoTracking().Select(t => new { t.NodeKey, t.Culture }).ToListAsync(ct))
            .ToLookup(t => t.NodeKey, t => t.Culture);
        var tr = culture == ContentTranslations.Dutch ? ContentTranslations.None
            : ContentTranslations.Of(culture, await db.ContentTranslations.AsNoTracking().Where(t => t.Culture == culture).ToListAsync(ct));
        return new Source(shownGemeenten, shownWijken, shownPlaces, shownPartners, shownVisions, shownActivities,
            await db.ForMeetingPlacesAsync(shownPlaces.Keys, ct), await db.ForActivitiesAsync(shownActivities.Select(a => a.Id).ToList(), ct),
            tr, key => published[key].ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// Preview shows what "Publiceren" would make live, as Umbraco's preview does: a node whose newest version is not
    /// the published one (a draft, one waiting for approval or sent back) is shown with that version's content, its
    /// references resolved in its wijk. A version whose text no longer reads or names a node that is gone leaves the
    /// row as it is, as the backoffice's preview refuses it.
    /// </summary>
    private static async Task ApplyDraftsAsync(AppDbContext db, List<Gemeente> gemeenten, List<Wijk> wijken, List<MeetingPlace> places,
        List<Partner> partners, List<Vision.Vision> visions, List<Activity> activities, CancellationToken ct)
    {
        var newest = (await db.ContentVersions.AsNoTracking().Where(v => v.Culture == ContentVersion.Dutch && v.Status != VersionStatus.Archived)
                .Select(v => new { v.Id, v.NodeKey, v.Number, v.Status }).ToListAsync(ct))
            .GroupBy(v => v.NodeKey).Select(g => g.MaxBy(v => v.Number)!)
            .Where(v => v.Status != VersionStatus.Published).Select(v => v.Id).ToList();
        if (newest.Count == 0)
            return;
        var rows = new Dictionary<Guid, ContentNode>();
        foreach (var node in gemeenten.Concat<ContentNode>(wijken).Concat(places).Concat(partners).Concat(visions).Concat(activities))
            rows.TryAdd(node.Key, node);
        foreach (var version in await db.ContentVersions.AsNoTracking().Where(v => newest.Contains(v.Id)).ToListAsync(ct))
        {
            var errors = new List<ContentError>();
            if (!rows.TryGetValue(version.NodeKey, out var row) || ContentTreeReader.ParseNode(version.Kind, version.Slug, version.Text, errors) is not { } draft)
                continue;
            await ContentReferences.ResolveAsync(db, draft, version.ParentKey, errors, tracked: false, ct);
            if (errors.Count > 0)
                continue;
            Wijk WijkOf(int id) => wijken.First(w => w.Id == id);
            switch ((row, draft))
            {
                case (Gemeente g, Gemeente from):
                    GemeenteFile.Copy(g, from);
                    break;
                case (Wijk w, Wijk from):
                    WijkFile.Copy(w, from, gemeenten.First(g => g.Id == w.GemeenteId));
                    break;
                case (Vision.Vision v, Vision.Vision from):
                    Web.Vision.VisionFile.Copy(v, from, WijkOf(v.WijkId));
                    break;
                case (Partner p, Partner from):
                    PartnerFile.Copy(p, from, WijkOf(p.WijkId));
                    break;
                case (MeetingPlace m, MeetingPlace from):
                    MeetingPlaceFile.Copy(m, from, WijkOf(m.WijkId), from.HostPartner);
                    m.HostPartnerId = from.HostPartner.Id;
                    break;
                case (Activity a, Activity from):
                    ActivityFile.Copy(a, from, a.Wijk, from.MeetingPlace, from.Organiser, fingerprintBefore: null);
                    (a.MeetingPlaceId, a.OrganiserId) = (from.MeetingPlace.Id, from.Organiser.Id);
                    break;
                default:
                    continue;
            }

            row.Slug = draft.Slug;
            row.UpdatedUtc = version.CreatedUtc;
        }
    }

    private sealed record Start(Guid Key, string Path);

    private static DeliveryNode Node(ContentNode n, string type, string name, string path, Guid? parent, int level, int sortOrder, Start start,
        Dictionary<string, object?> properties) =>
        new(n.Key, type, name, path, parent, level, sortOrder, n.CreatedUtc, n.UpdatedUtc, start.Key, start.Path, properties);

    /// <summary>A translatable field in the tree's language: the node, the field's path, its Dutch value.</summary>
    private delegate string? Translate(ContentNode node, string field, string? dutch);

    private static Dictionary<string, object?> PlaceProperties(MeetingPlace p, Dictionary<int, Partner> partners, Dictionary<int, MediaItem> photos, MediaUrls media,
        Translate tx) => new()
    {
        ["summary"] = tx(p, "summary", p.Summary),
        ["body"] = Html(tx(p, TranslatableFields.Body, p.Body)!),
        ["address"] = p.AddressIsPlaceholder
            ? new JsonObject { ["street"] = null, ["postcode"] = p.Postcode, ["city"] = p.City, ["follows"] = true }
            : new JsonObject { ["street"] = p.Street, ["postcode"] = p.Postcode, ["city"] = p.City, ["follows"] = false },
        ["location"] = new JsonObject { ["latitude"] = p.Latitude, ["longitude"] = p.Longitude },
        ["wheelchairAccessible"] = p.WheelchairAccessible,
        ["pramAccessible"] = p.PramAccessible,
        ["accessibilityNotes"] = tx(p, "accessibility.notes", p.AccessibilityNotes),
        ["facilities"] = new JsonArray([.. p.Facilities.Select(f => JsonValue.Create(f))]),
        ["transit"] = tx(p, "directions.transit", p.Transit),
        ["parking"] = tx(p, "directions.parking", p.Parking),
        ["phone"] = p.Phone,
        ["email"] = p.Email,
        ["whatsApp"] = p.WhatsApp,
        ["openingHours"] = new JsonArray([.. p.OpeningHours.Select(o => new JsonObject
        {
            ["day"] = o.Day.ToString().ToLowerInvariant(),
            ["from"] = o.From.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["to"] = o.To.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["note"] = o.Note,
        })]),
        ["host"] = partners.TryGetValue(p.HostPartnerId, out var host) ? new DeliveryRef(host.Key) : null,
        ["photo"] = photos.TryGetValue(p.Id, out var photo) ? Photo(photo, media) : null,
    };

    private static Dictionary<string, object?> ActivityProperties(Activity a, ActivityCalendar calendar, DeliveryApiOptions options,
        Dictionary<int, Partner> partners, Dictionary<int, MediaItem> photos, Dictionary<int, JsonObject> signUps, MediaUrls media, Translate tx) => new()
    {
        ["activityType"] = a.Type.ToSlug(),
        ["summary"] = tx(a, "summary", a.Summary),
        ["body"] = Html(tx(a, TranslatableFields.Body, a.Body)!),
        ["ageFromMonths"] = a.AgeFromMonths,
        ["ageToMonths"] = a.AgeToMonths,
        ["languages"] = new JsonArray([.. a.Languages.Select(l => JsonValue.Create(l))]),
        ["cost"] = new JsonObject { ["free"] = a.IsFree, ["amount"] = a.CostAmount, ["currency"] = a.IsFree ? null : "EUR", ["note"] = tx(a, "costNote", a.CostNote) },
        ["nextDates"] = new JsonArray([.. calendar.Next(a, options.NextDates).Select(o => new JsonObject
        {
            ["start"] = Offset(o.Start),
            ["end"] = Offset(o.End),
            ["status"] = o.Status.ToString().ToLowerInvariant(),
            ["reason"] = o.Reason,
        })]),
        ["signUp"] = a.SignUpRequired && signUps.TryGetValue(a.Id, out var signUp) ? signUp : new JsonObject { ["required"] = false },
        ["place"] = new DeliveryRef(a.MeetingPlace.Key),
        ["organiser"] = partners.TryGetValue(a.OrganiserId, out var organiser) ? new DeliveryRef(organiser.Key) : null,
        ["photo"] = photos.TryGetValue(a.Id, out var photo) ? Photo(photo, media) : null,
    };

    /// <summary>Per activity with sign-up: whether a coming date still takes sign-ups and how many places its first such date has left.</summary>
    private static async Task<Dictionary<int, JsonObject>> SignUpStateAsync(AppDbContext db, SignUpDates dates, List<Activity> activities, CancellationToken ct)
    {
        if (activities.Count == 0)
            return [];
        var ids = activities.Select(a => a.Id).ToList();
        var settings = await db.SignUpSettings.AsNoTracking().Where(s => ids.Contains(s.ActivityId)).ToDictionaryAsync(s => s.ActivityId, ct);
        var rows = await db.SignUps.AsNoTracking().Where(s => ids.Contains(s.ActivityId) && s.State != SignUpState.Cancelled)
            .GroupBy(s => new { s.ActivityId, s.Slot.Date, Waiting = s.State == SignUpState.Waitlisted })
            .Select(g => new { g.Key.ActivityId, g.Key.Date, g.Key.Waiting, Children = g.Sum(s => s.Children), Count = g.Count() })
            .ToListAsync(ct);
        var result = new Dictionary<int, JsonObject>();
        foreach (var a in activities)
        {
            var s = SignUpSettings.For(a, settings.GetValueOrDefault(a.Id));
            var capacity = s.EffectiveCapacity(a);
            var open = dates.Coming(a, s).Where(d => d.ClosesAt > dates.Now).Select(d =>
            {
                var mine = rows.Where(r => r.ActivityId == a.Id && r.Date == d.SlotDate).ToList();
                var taken = mine.Where(r => !r.Waiting).Sum(r => r.Children);
                var waiting = mine.Where(r => r.Waiting).Sum(r => r.Count);
                int? free = capacity is null ? null : Math.Max(0, capacity.Value - taken);
                return (Date: d, Free: free, Full: waiting > 0 || free == 0);
            }).ToList();
            var first = open.FirstOrDefault(o => !o.Full);
            result[a.Id] = new JsonObject
            {
                ["required"] = true,
                ["open"] = open.Count > 0,
                ["placesLeft"] = first.Date is null ? (open.Count > 0 ? 0 : null) : first.Free,
                ["firstDateWithPlaces"] = first.Date is null ? null : Offset(first.Date.First.Start),
                ["url"] = SignUpPaths.Form(a),
            };
        }

        return result;
    }

    /// <summary>A photo as Umbraco's media picker gives it: URL, size and focal point, and a URL per crop. Nothing about consent.</summary>
    private static JsonObject Photo(MediaItem item, MediaUrls media)
    {
        var crops = new JsonArray();
        foreach (var crop in new[] { PhotoCrop.Banner, PhotoCrop.Card, PhotoCrop.Square })
        {
            var box = RenditionPlan.Box(item, crop);
            var width = media.Widths(item, crop)[^1];
            crops.Add(new JsonObject
            {
                ["alias"] = crop.Slug(),
                ["width"] = width,
                ["height"] = RenditionPlan.Height(box, width),
                ["url"] = media.Rendition(item, crop, width, RenditionFormat.Jpeg),
            });
        }

        var fullWidth = media.Widths(item, PhotoCrop.Full)[^1];
        return new JsonObject
        {
            ["id"] = item.Key,
            ["name"] = item.AltText ?? "",
            ["mediaType"] = "Image",
            ["url"] = media.Rendition(item, PhotoCrop.Full, fullWidth, RenditionFormat.Jpeg),
            ["extension"] = "jpg",
            ["width"] = item.Width,
            ["height"] = item.Height,
            ["focalPoint"] = new JsonObject { ["left"] = item.FocalX, ["top"] = item.FocalY },
            ["crops"] = crops,
            ["properties"] = new JsonObject { ["altText"] = item.IsDecorative ? "" : item.AltText },
        };
    }

    private static string Html(string markdown) => MarkdownRenderer.Render(markdown).ToString() ?? "";

    private static string Offset(ZonedDateTime t) => t.ToDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
