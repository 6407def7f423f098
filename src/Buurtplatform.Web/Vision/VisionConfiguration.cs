using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Vision;

internal sealed class VisionConfiguration : IEntityTypeConfiguration<Vision>
{
    public void Configure(EntityTypeBuilder<Vision> b)
    {
        b.MapNode();
        b.OwnsMany(x => x.Sections, o => o.ToJson());
    }
}
