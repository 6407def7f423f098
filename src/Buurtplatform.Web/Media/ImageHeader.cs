using System.Buffers.Binary;

namespace Buurtplatform.Web.Media;

/// <summary>An image's format and pixel size, as its header states them (nothing decoded).</summary>
public readonly record struct ImageHeader(ImageFormat Format, int Width, int Height)
{
    public long Pixels => (long)Width * Height;

    /// <summary>File extension for files we write in this format (never the upload's own extension).</summary>
    public static string Extension(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => ".jpg",
        ImageFormat.Png => ".png",
        ImageFormat.WebP => ".webp",
        ImageFormat.Heif => ".heic",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}

/// <summary>
/// Recognises JPEG, PNG, WebP and HEIC/HEIF by their magic bytes and reads the pixel size from the header:
/// JPEG's SOF marker, PNG's IHDR, WebP's VP8/VP8L/VP8X chunk, HEIF's <c>ispe</c> property of the primary item.
/// This runs before libvips sees the file, so a decompression bomb is refused without being decoded.
/// </summary>
public static class ImageHeaderReader
{
    /// <summary>The format by content, or null when the bytes are none of the accepted formats.</summary>
    public static ImageFormat? Sniff(ReadOnlySpan<byte> d)
    {
        if (d.Length >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
            return ImageFormat.Jpeg;
        if (d.StartsWith(PngHeader.Signature))
            return ImageFormat.Png;
        if (d.Length >= 16 && d[..4].SequenceEqual("RIFF"u8) && d[8..12].SequenceEqual("WEBP"u8))
            return ImageFormat.WebP;
        if (HeifHeader.IsHeif(d))
            return ImageFormat.Heif;
        return null;
    }

    /// <summary>Format and size, or null when the format is not accepted; a header that cannot be read gives size 0 × 0.</summary>
    public static ImageHeader? Read(ReadOnlySpan<byte> d)
    {
        if (Sniff(d) is not { } format)
            return null;
        var size = format switch
        {
            ImageFormat.Jpeg => JpegHeader.ReadSize(d),
            ImageFormat.Png => PngHeader.ReadSize(d),
            ImageFormat.WebP => WebPHeader.ReadSize(d),
            _ => HeifHeader.ReadSize(d),
        };
        return new ImageHeader(format, size?.Width ?? 0, size?.Height ?? 0);
    }
}

/// <summary>JPEG: walk the marker segments from SOI to the first frame header (SOF0–SOF15 except DHT, JPG, DAC).</summary>
internal static class JpegHeader
{
    public static (int Width, int Height)? ReadSize(ReadOnlySpan<byte> d)
    {
        if (d.Length < 4 || d[0] != 0xFF || d[1] != 0xD8)
            return null;
        var i = 2;
        while (i < d.Length)
        {
            // Every segment starts with 0xFF; anything else (say, HTML after a JPEG's first bytes) is not a JPEG.
            if (d[i] != 0xFF)
                return null;
            while (i < d.Length && d[i] == 0xFF)
                i++; // fill bytes
            if (i >= d.Length)
                return null;
            var marker = d[i++];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
                continue; // stand-alone markers without a length
            if (marker is 0x00 or 0xD8 or 0xD9 or 0xDA)
                return null; // stuffing, a second SOI, the end, or scan data before any frame header
            if (i + 2 > d.Length)
                return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(d[i..]);
            if (length < 2 || i + length > d.Length)
                return null;
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                // SOFn: length, precision, height, width. Height 0 (defined later by DNL) is not supported.
                if (length < 8)
                    return null;
                int height = BinaryPrimitives.ReadUInt16BigEndian(d[(i + 3)..]);
                int width = BinaryPrimitives.ReadUInt16BigEndian(d[(i + 5)..]);
                return width > 0 && height > 0 ? (width, height) : null;
            }

            i += length;
        }

        return null;
    }
}

/// <summary>PNG: the signature, then IHDR must be the first chunk (width and height, big-endian).</summary>
internal static class PngHeader
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height)? ReadSize(ReadOnlySpan<byte> d)
    {
        if (d.Length < 24 || BinaryPrimitives.ReadUInt32BigEndian(d[8..]) != 13 || !d[12..16].SequenceEqual("IHDR"u8))
            return null;
        var width = BinaryPrimitives.ReadUInt32BigEndian(d[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(d[20..]);
        return width is > 0 and <= int.MaxValue && height is > 0 and <= int.MaxValue ? ((int)width, (int)height) : null;
    }
}

/// <summary>WebP: RIFF/WEBP, then a VP8 (lossy key frame), VP8L (lossless) or VP8X (extended, canvas size) chunk.</summary>
internal static class WebPHeader
{
    public static (int Width, int Height)? ReadSize(ReadOnlySpan<byte> d)
    {
        if (d.Length < 30)
            return null;
        var chunk = d[12..16];
        var data = d[20..];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Frame tag (3 bytes, bit 0 clear for a key frame), start code 9D 01 2A, then 14-bit width and height.
            if ((data[0] & 1) != 0 || data[3] != 0x9D || data[4] != 0x01 || data[5] != 0x2A)
                return null;
            var width = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF;
            var height = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF;
            return width > 0 && height > 0 ? (width, height) : null;
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (data[0] != 0x2F)
                return null;
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            var width = (data[4] | (data[5] << 8) | (data[6] << 16)) + 1;
            var height = (data[7] | (data[8] << 8) | (data[9] << 16)) + 1;
            return (width, height);
        }

        return null;
    }
}

/// <summary>
/// HEIF (ISO/IEC 23008-12): an <c>ftyp</c> box with a HEIF brand, then a <c>meta</c> box whose primary item
/// (<c>pitm</c>) has an image spatial extents property (<c>ispe</c>, linked through <c>ipma</c>). A phone's HEIC
/// is a grid of tiles; the grid item is the primary one and its <c>ispe</c> is the whole picture.
/// </summary>
internal static class HeifHeader
{
    private static readonly string[] HeifBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx"];

    // Generic HEIF brands also carried by AVIF files; AVIF is not accepted, so they count only without an AVIF brand.
    private static readonly string[] GenericBrands = ["mif1", "msf1", "mif2"];

    private static readonly string[] AvifBrands = ["avif", "avis"];

    public static bool IsHeif(ReadOnlySpan<byte> d)
    {
        if (d.Length < 16 || !d[4..8].SequenceEqual("ftyp"u8))
            return false;
        var size = BinaryPrimitives.ReadUInt32BigEndian(d);
        if (size < 16 || size > d.Length || size > 4096)
            return false;
        var brands = new List<string> { System.Text.Encoding.ASCII.GetString(d[8..12]) };
        for (var i = 16; i + 4 <= size; i += 4)
            brands.Add(System.Text.Encoding.ASCII.GetString(d[i..(i + 4)]));
        return brands.Any(HeifBrands.Contains) || (brands.Any(GenericBrands.Contains) && !brands.Any(AvifBrands.Contains));
    }

    public static (int Width, int Height)? ReadSize(ReadOnlySpan<byte> d)
    {
        if (!TryFindBox(d, "meta"u8, out var meta) || meta.Length < 4)
            return null;
        var children = meta[4..]; // FullBox: version and flags first
        uint? primary = null;
        if (TryFindBox(children, "pitm"u8, out var pitm) && pitm.Length >= 6)
            primary = pitm[0] == 0 ? BinaryPrimitives.ReadUInt16BigEndian(pitm[4..]) : BinaryPrimitives.ReadUInt32BigEndian(pitm[4..]);
        if (!TryFindBox(children, "iprp"u8, out var iprp) || !TryFindBox(iprp, "ipco"u8, out var ipco))
            return null;

        // Properties are numbered from 1 in the order they appear in ipco.
        var properties = new List<(int Width, int Height)?>();
        var offset = 0;
        while (TryNextBox(ipco, ref offset, out var type, out var body))
        {
            properties.Add(type.SequenceEqual("ispe"u8) && body.Length >= 12
                ? ((int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(body[4..]), int.MaxValue), (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(body[8..]), int.MaxValue))
                : null);
        }

        if (primary is { } item && TryFindBox(iprp, "ipma"u8, out var ipma) && PrimarySize(ipma, item, properties) is { } size)
            return size.Width > 0 && size.Height > 0 ? size : null;

        // No readable association: the largest extent in the file is the safe answer for the pixel limit.
        var largest = properties.Where(p => p is not null).Select(p => p!.Value).OrderByDescending(p => (long)p.Width * p.Height).FirstOrDefault();
        return largest.Width > 0 && largest.Height > 0 ? largest : null;
    }

    private static (int Width, int Height)? PrimarySize(ReadOnlySpan<byte> ipma, uint primary, List<(int Width, int Height)?> properties)
    {
        if (ipma.Length < 8)
            return null;
        var version = ipma[0];
        var wideIndex = (ipma[3] & 1) != 0;
        var count = BinaryPrimitives.ReadUInt32BigEndian(ipma[4..]);
        var i = 8;
        for (var e = 0u; e < count; e++)
        {
            if (i + (version < 1 ? 2 : 4) + 1 > ipma.Length)
                return null;
            uint id = version < 1 ? BinaryPrimitives.ReadUInt16BigEndian(ipma[i..]) : BinaryPrimitives.ReadUInt32BigEndian(ipma[i..]);
            i += version < 1 ? 2 : 4;
            var associations = ipma[i++];
            for (var a = 0; a < associations; a++)
            {
                if (i + (wideIndex ? 2 : 1) > ipma.Length)
                    return null;
                var index = wideIndex ? BinaryPrimitives.ReadUInt16BigEndian(ipma[i..]) & 0x7FFF : ipma[i] & 0x7F;
                i += wideIndex ? 2 : 1;
                if (id == primary && index >= 1 && index <= properties.Count && properties[index - 1] is { } size)
                    return size;
            }
        }

        return null;
    }

    private static bool TryFindBox(ReadOnlySpan<byte> boxes, ReadOnlySpan<byte> wanted, out ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (TryNextBox(boxes, ref offset, out var type, out body))
        {
            if (type.SequenceEqual(wanted))
                return true;
        }

        body = default;
        return false;
    }

    /// <summary>Reads the box at <paramref name="offset"/> (32-bit size, 64-bit large size, or 0 for "to the end") and moves past it.</summary>
    private static bool TryNextBox(ReadOnlySpan<byte> boxes, scoped ref int offset, out ReadOnlySpan<byte> type, out ReadOnlySpan<byte> body)
    {
        type = default;
        body = default;
        var d = boxes[offset..];
        if (d.Length < 8)
            return false;
        ulong size = BinaryPrimitives.ReadUInt32BigEndian(d);
        var header = 8;
        if (size == 1)
        {
            if (d.Length < 16)
                return false;
            size = BinaryPrimitives.ReadUInt64BigEndian(d[8..]);
            header = 16;
        }
        else if (size == 0)
        {
            size = (ulong)d.Length;
        }

        if (size < (ulong)header || size > (ulong)d.Length)
            return false;
        type = boxes.Slice(offset + 4, 4);
        body = boxes.Slice(offset + header, (int)size - header);
        offset += (int)size;
        return true;
    }
}
