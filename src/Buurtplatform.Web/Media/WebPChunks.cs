using System.Buffers.Binary;

namespace Buurtplatform.Web.Media;

/// <summary>
/// Removes the metadata chunks (EXIF, XMP, ICCP) from a WebP file and clears their flags in VP8X.
/// libvips 8.14's webpsave ignores <c>strip</c> and writes a generated EXIF block (orientation, resolution,
/// pixel size) into every WebP; the promise "no metadata in any rendition" is kept here instead.
/// </summary>
public static class WebPChunks
{
    private const byte IccFlag = 0x20;
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;

    public static byte[] WithoutMetadata(ReadOnlySpan<byte> webp)
    {
        if (webp.Length < 12 || !webp[..4].SequenceEqual("RIFF"u8) || !webp[8..12].SequenceEqual("WEBP"u8))
            throw new ImageProcessingException("vips wrote a WebP file without a RIFF/WEBP header");
        var kept = new List<byte>(webp.Length);
        kept.AddRange(webp[..12].ToArray());
        var i = 12;
        while (i + 8 <= webp.Length)
        {
            var type = webp.Slice(i, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp[(i + 4)..]);
            var total = 8 + (long)size + (size % 2);
            if (i + total > webp.Length)
                throw new ImageProcessingException("vips wrote a WebP file with a chunk that runs past its end");
            if (!type.SequenceEqual("EXIF"u8) && !type.SequenceEqual("XMP "u8) && !type.SequenceEqual("ICCP"u8))
            {
                var chunk = webp.Slice(i, (int)total).ToArray();
                if (type.SequenceEqual("VP8X"u8) && chunk.Length > 8)
                    chunk[8] &= unchecked((byte)~(IccFlag | ExifFlag | XmpFlag));
                kept.AddRange(chunk);
            }

            i += (int)total;
        }

        var result = kept.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }
}
