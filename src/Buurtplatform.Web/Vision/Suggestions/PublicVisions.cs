using Buurtplatform.Web.Content.Published;

namespace Buurtplatform.Web.Vision.Suggestions;

/// <summary>The public vision of a wijk by its path, as the vision page finds it (its wijk and gemeente with it).</summary>
public static class PublicVisions
{
    public static async Task<Vision?> FindPublicVisionAsync(this Published published, string gemeente, string wijk, CancellationToken ct)
    {
        var content = await published.GetAsync(ct);
        return content.Wijk(gemeente, wijk) is { } w ? content.VisionOf(w) : null;
    }
}
