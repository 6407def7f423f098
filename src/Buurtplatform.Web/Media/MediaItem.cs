using Buurtplatform.Web.Activities;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Media;

/// <summary>What an upload turned out to be, by its content (never by its name).</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    WebP,
    Heif,
}

/// <summary>What the photo was consented for. The site has one use; the column leaves room for more.</summary>
public enum ConsentUse
{
    Website,
}

/// <summary>
/// A photo in the media library. The file on disk is the original after auto-rotation and with every piece
/// of metadata removed, under a generated name; it is never served. Parents see renditions only, and only
/// while <see cref="IsPublic"/>.
/// </summary>
public sealed class MediaItem
{
    public int Id { get; set; }

    /// <summary>Stable identity, in URLs and content files; random, so a URL cannot be guessed from another.</summary>
    public Guid Key { get; set; }

    /// <summary>Goes up when the photo is replaced or its focal point moves; part of every rendition URL, so caches may keep a URL forever.</summary>
    public int Version { get; set; } = 1;

    /// <summary>File name of the stored original in the originals folder: generated, e.g. <c>5f0c…e1.jpg</c>.</summary>
    public string StorageName { get; set; } = "";

    /// <summary>What was uploaded, by content.</summary>
    public ImageFormat SourceFormat { get; set; }

    /// <summary>SHA-256 (hex) of the uploaded bytes: an import of the same file again changes nothing.</summary>
    public string SourceSha256 { get; set; } = "";

    /// <summary>SHA-256 (hex) of the stored original: what an export writes, so importing an export changes nothing either.</summary>
    public string StoredSha256 { get; set; } = "";

    /// <summary>Pixel width of the stored original (after auto-rotation).</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>Size of the stored original in bytes.</summary>
    public long ByteSize { get; set; }

    /// <summary>What the photo shows, for someone who cannot see it; null only when <see cref="IsDecorative"/>.</summary>
    public string? AltText { get; set; }

    /// <summary>The editor said explicitly that the photo adds nothing to the text (it gets <c>alt=""</c>).</summary>
    public bool IsDecorative { get; set; }

    /// <summary>Free text for finding the photo in the library (never shown to parents).</summary>
    public string? Description { get; set; }

    /// <summary>Focal point, 0 (left) to 1 (right): crops keep it in view.</summary>
    public double FocalX { get; set; } = 0.5;

    /// <summary>Focal point, 0 (top) to 1 (bottom).</summary>
    public double FocalY { get; set; } = 0.5;

    /// <summary>The answer to "are recognisable children in this photo?" (always answered).</summary>
    public bool ChildrenRecognisable { get; set; }

    /// <summary>Who consented: a parent or guardian's name, or better a reference to the signed form.</summary>
    public string? ConsentGivenBy { get; set; }

    public DateOnly? ConsentDate { get; set; }

    public ConsentUse? ConsentUse { get; set; }

    /// <summary>When consent was withdrawn: from then on the photo is on no public page, feed or URL.</summary>
    public DateTime? ConsentWithdrawnUtc { get; set; }

    /// <summary>Who recorded the withdrawal (a staff member).</summary>
    public string? ConsentWithdrawnBy { get; set; }

    /// <summary>
    /// The wijk whose media library holds the photo: that wijk's editors manage it (see <c>StaffScope</c>), and it is
    /// shown on that wijk's pages. Null only for a photo whose wijk is gone.
    /// </summary>
    public int? WijkId { get; set; }

    public Wijk? Wijk { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public List<MediaUsage> Usages { get; set; } = [];

    /// <summary>Parents may see it: consent not withdrawn, and recorded when children are recognisable.</summary>
    public bool IsPublic => ConsentWithdrawnUtc is null && (!ChildrenRecognisable || (ConsentGivenBy is not null && ConsentDate is not null));
}

/// <summary>
/// Where a photo is shown: exactly one of the three node references is set. A node shows at most one photo.
/// Choices: A) a photo column on each node type — simple, but the media feature would reach into three
/// others' tables; B) this link table — the media library answers "where used" and refuses deletion in one place.
/// </summary>
public sealed class MediaUsage
{
    public int Id { get; set; }

    public int MediaItemId { get; set; }

    public MediaItem MediaItem { get; set; } = null!;

    public int? MeetingPlaceId { get; set; }

    public MeetingPlace? MeetingPlace { get; set; }

    public int? ActivityId { get; set; }

    public Activity? Activity { get; set; }

    public int? WijkId { get; set; }

    public Wijk? Wijk { get; set; }
}
