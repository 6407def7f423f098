using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Neighbourhoods;

internal sealed class WijkConfiguration : IEntityTypeConfiguration<Wijk>
{
    public void Configure(EntityTypeBuilder<Wijk> b)
    {
        b.MapNode();
        b.HasIndex(x => new { x.GemeenteId, x.Slug }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(120);
        b.Property(x => x.Region).HasConversion<string>().HasMaxLength(16);
        b.HasMany(x => x.MeetingPlaces).WithOne(x => x.Wijk).HasForeignKey(x => x.WijkId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Activities).WithOne(x => x.Wijk).HasForeignKey(x => x.WijkId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Partners).WithOne(x => x.Wijk).HasForeignKey(x => x.WijkId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Vision).WithOne(x => x.Wijk).HasForeignKey<Vision.Vision>(x => x.WijkId).OnDelete(DeleteBehavior.Restrict);
    }
}
