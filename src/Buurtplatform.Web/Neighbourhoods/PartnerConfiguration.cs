using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Neighbourhoods;

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> b)
    {
        b.MapNode();
        b.HasIndex(x => new { x.WijkId, x.Slug }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(160);
    }
}
