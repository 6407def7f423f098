namespace Buurtplatform.Web.Media;

/// <summary>
/// The seam between the site and the image library (libvips in a subprocess). Tests put a counting fake
/// here to prove that a refused file never reaches it.
/// </summary>
public interface IImageProcessor
{
    /// <summary>Whether photos can be processed now, with the version or the reason why not.</summary>
    Task<ProcessorStatus> StatusAsync(CancellationToken ct = default);

    /// <summary>
    /// Turns an accepted upload into the stored original: rotated upright by its EXIF orientation, converted
    /// to sRGB through its embedded ICC profile, every piece of metadata removed. The output's extension
    /// (<c>.jpg</c> or <c>.png</c>) picks the format.
    /// </summary>
    Task NormaliseAsync(string input, string output, CancellationToken ct = default);

    /// <summary>Makes one rendition from a stored original; the output's extension picks the format.</summary>
    Task RenderAsync(string original, RenditionJob job, string output, CancellationToken ct = default);
}

public sealed record ProcessorStatus(bool Available, string Detail);

/// <summary>libvips is not there (or not where <c>Media:VipsPath</c> says): photos are refused, the rest of the site works.</summary>
public sealed class ImageProcessorUnavailableException(string detail)
    : Exception($"Photos cannot be processed: libvips is not available ({detail}). Install it with: {InstallCommand}")
{
    public const string InstallCommand = "sudo apt-get install libvips-tools";

    public string Detail { get; } = detail;
}

/// <summary>libvips ran but could not make the image (a damaged file, a timeout).</summary>
public sealed class ImageProcessingException(string message) : Exception(message);
