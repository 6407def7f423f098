using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.Neighbourhoods;

/// <summary>A wijk's file (<c>{gemeente}/{wijk}/wijk.md</c>): its front matter read into a <see cref="Wijk"/>, written back, and copied onto the row.</summary>
/// <remarks>Its photo group is the media library's (<see cref="Media.PhotoGroup"/>); the folders below it are the tree's.</remarks>
internal static class WijkFile
{
    /// <summary>The fields a translation (<c>wijk.ar.md</c>) may carry, with the Dutch text each translates (docs/content.md); the name stays Dutch.</summary>
    public static readonly TranslatableFields Translatable = TranslatableFields.Of<Wijk>(("summary", w => w.Summary), (TranslatableFields.Body, w => w.Body));

    public static Wijk Read(FrontMatterFile file, FieldReader f)
    {
        var wijk = f.Node(new Wijk { Body = file.Body });
        wijk.Name = f.Text("name");
        wijk.Summary = f.Text("summary");
        switch (f.OptionalText("region"))
        {
            case null:
                break;
            case var r when Regions.Parse(r) is { } region:
                wijk.Region = region;
                break;
            case var r:
                f.Error("region", null, $"must be noord, midden or zuid (the school holiday region), not '{r}'", ContentErrorCodes.Choice);
                break;
        }

        foreach (var pc in f.List("postcodes"))
        {
            if (int.TryParse(pc, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1000 and <= 9999)
                wijk.Postcodes.Add(n);
            else
                f.Error("postcodes", null, $"'{pc}' is not a four-digit postcode such as 2525", ContentErrorCodes.Postcode4);
        }

        return wijk;
    }

    /// <summary>The fields after the node's own (key, status, updated); returns the body.</summary>
    public static string Write(YamlText y, Wijk w)
    {
        y.Field("name", w.Name).Field("summary", w.Summary);
        if (w.Region is { } region)
            y.Raw("region", Regions.Name(region));
        y.RawList("postcodes", w.Postcodes.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        return w.Body;
    }

    /// <summary>Copies the content onto the row (the rules every kind follows: <see cref="ContentCopy"/>).</summary>
    /// <remarks>The approval and embed settings (<see cref="Wijk.ProfessionalActivitiesNeedApproval"/>, <see cref="Wijk.EmbedOrigins"/>) are not content and are never copied.</remarks>
    public static bool Copy(Wijk to, Wijk from, Gemeente gemeente)
    {
        to.Gemeente = gemeente;
        to.Name = from.Name;
        to.Summary = from.Summary;
        to.Body = from.Body;
        to.Postcodes = [.. from.Postcodes];
        to.Region = from.Region;
        return false;
    }
}
