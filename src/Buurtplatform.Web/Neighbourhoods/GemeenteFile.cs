using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.Neighbourhoods;

/// <summary>A gemeente's file (<c>{gemeente}/gemeente.md</c>): its front matter read into a <see cref="Gemeente"/>, written back, and copied onto the row.</summary>
internal static class GemeenteFile
{
    /// <summary>The fields a translation (<c>gemeente.ar.md</c>) may carry, with the Dutch text each translates (docs/content.md); the name stays Dutch.</summary>
    public static readonly TranslatableFields Translatable = TranslatableFields.Of<Gemeente>(("summary", g => g.Summary), (TranslatableFields.Body, g => g.Body));

    public static Gemeente Read(FrontMatterFile file, FieldReader f)
    {
        var gemeente = f.Node(new Gemeente { Body = file.Body });
        gemeente.Name = f.Text("name");
        gemeente.Summary = f.Text("summary");
        return gemeente;
    }

    /// <summary>The fields after the node's own (key, status, updated); returns the body.</summary>
    public static string Write(YamlText y, Gemeente g)
    {
        y.Field("name", g.Name).Field("summary", g.Summary);
        return g.Body;
    }

    /// <summary>Copies the content onto the row (the rules every kind follows: <see cref="ContentCopy"/>).</summary>
    public static bool Copy(Gemeente to, Gemeente from)
    {
        to.Name = from.Name;
        to.Summary = from.Summary;
        to.Body = from.Body;
        return false;
    }
}
