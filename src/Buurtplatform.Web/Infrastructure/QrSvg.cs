using QRCoder;

namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// A QR code as inline SVG: one path of dark modules on a white square with the standard four-module quiet zone,
/// so it prints sharp at any size and needs no image request. Error correction M (15 %): a poster on a notice
/// board gets creased and scribbled on.
/// </summary>
public static class QrSvg
{
    public static string Render(string text, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix; // includes the quiet zone
        var size = modules.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!modules[y][x])
                    continue;
                // Runs of dark modules in a row become one rectangle: a third of the path's length.
                var run = 1;
                while (x + run < size && modules[y][x + run])
                    run++;
                path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h{run}v1h-{run}z");
                x += run - 1;
            }
        }

        var encodedLabel = System.Net.WebUtility.HtmlEncode(label);
        return $"<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{encodedLabel}\" shape-rendering=\"crispEdges\">"
            + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }
}
