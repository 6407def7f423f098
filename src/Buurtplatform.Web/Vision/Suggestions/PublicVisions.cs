using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Vision.Suggestions;

/// <summary>The public vision of a wijk by its path, as the vision page finds it (the wijk and gemeente loaded).</summary>
public static class PublicVisions
{
    public static async Task<Vision?> FindPublicVisionAsync(this AppDbContext db, string gemeente, string wijk, CancellationToken ct)
    {
        var wijkNode = await db.PublicWijken().Include(w => w.Gemeente)
            .FirstOrDefaultAsync(w => w.Slug == wijk && w.Gemeente.Slug == gemeente, ct);
        var vision = wijkNode is null ? null
            : await db.Visions.AsNoTracking().FirstOrDefaultAsync(v => v.WijkId == wijkNode.Id && v.State == PublishState.Published, ct);
        if (vision is not null)
            vision.Wijk = wijkNode!;
        return vision;
    }
}
