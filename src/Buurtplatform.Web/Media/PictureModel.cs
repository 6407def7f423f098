namespace Buurtplatform.Web.Media;

/// <summary>
/// One photo on a page. <paramref name="Lazy"/> for photos below the fold (cards); the one at the top loads at
/// once. <paramref name="Sizes"/> tells the browser how wide the photo will be, so it picks the right width.
/// </summary>
public sealed record PictureModel(MediaItem Item, PhotoCrop Crop, string Sizes, bool Lazy, int DefaultWidth = 640)
{
    /// <summary>The width of the main column (<c>.wrap</c>: at most 62rem with 1rem padding each side).</summary>
    public const string MainColumn = "(min-width: 62rem) 60rem, calc(100vw - 2rem)";

    /// <summary>A card in the <c>.cards</c> grid (one, two or three columns).</summary>
    public const string Card = "(min-width: 62rem) 19rem, (min-width: 36rem) 45vw, calc(100vw - 4rem)";
}
