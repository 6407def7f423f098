using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Neighbourhoods;

internal sealed class GemeenteConfiguration : IEntityTypeConfiguration<Gemeente>
{
    public void Configure(EntityTypeBuilder<Gemeente> b)
    {
        b.MapNode();
        b.HasIndex(x => x.Slug).IsUnique();
        b.Property(x => x.Name).HasMaxLength(120);
        b.HasMany(x => x.Wijken).WithOne(x => x.Gemeente).HasForeignKey(x => x.GemeenteId).OnDelete(DeleteBehavior.Restrict);
    }
}
