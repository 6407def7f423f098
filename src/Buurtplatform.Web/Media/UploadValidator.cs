namespace Buurtplatform.Web.Media;

/// <summary>Why a file was refused (or could not be processed). Callers turn it into their own words.</summary>
public enum UploadProblem
{
    Empty,
    TooLarge,
    NotAccepted,
    Unreadable,
    TooManyPixels,
    ProcessorMissing,
    ProcessingFailed,
}

/// <summary>The checks made before any decoder sees a file: size, format by content, pixel count from the header.</summary>
public sealed class UploadValidator(IOptions<MediaOptions> options)
{
    private readonly MediaOptions _options = options.Value;

    public long MaxBytes => _options.MaxBytes;

    public double MaxMegapixels => _options.MaxMegapixels;

    /// <summary>Reads at most <see cref="MediaOptions.MaxBytes"/> (plus one, to know it was more) into memory.</summary>
    public async Task<(byte[]? Bytes, UploadProblem? Problem)> ReadAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > _options.MaxBytes)
                return (null, UploadProblem.TooLarge);
            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0 ? (null, UploadProblem.Empty) : (buffer.ToArray(), null);
    }

    /// <summary>Null when the bytes are an accepted photo within the limits; the header tells format and size.</summary>
    public UploadProblem? Check(ReadOnlySpan<byte> bytes, out ImageHeader header)
    {
        header = default;
        if (bytes.Length == 0)
            return UploadProblem.Empty;
        if (bytes.Length > _options.MaxBytes)
            return UploadProblem.TooLarge;
        if (ImageHeaderReader.Read(bytes) is not { } found)
            return UploadProblem.NotAccepted;
        header = found;
        if (found.Width == 0 || found.Height == 0)
            return UploadProblem.Unreadable;
        return found.Pixels > _options.MaxMegapixels * 1_000_000 ? UploadProblem.TooManyPixels : null;
    }
}
