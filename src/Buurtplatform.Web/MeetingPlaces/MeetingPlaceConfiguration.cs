using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.MeetingPlaces;

internal sealed class MeetingPlaceConfiguration : IEntityTypeConfiguration<MeetingPlace>
{
    public void Configure(EntityTypeBuilder<MeetingPlace> b)
    {
        b.MapNode();
        b.HasIndex(x => new { x.WijkId, x.Slug }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(160);
        b.Property(x => x.Postcode).HasMaxLength(7);
        b.HasOne(x => x.HostPartner).WithMany().HasForeignKey(x => x.HostPartnerId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.OpeningHours, o => o.ToJson());
    }
}
