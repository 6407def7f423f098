using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.PartnerCalendars;

internal sealed class PartnerCalendarConfiguration : IEntityTypeConfiguration<PartnerCalendar>
{
    public void Configure(EntityTypeBuilder<PartnerCalendar> b)
    {
        b.ToTable("PartnerCalendars");
        b.HasIndex(c => c.WijkId);
        b.HasOne(c => c.Wijk).WithMany().HasForeignKey(c => c.WijkId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Partner).WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Url).HasMaxLength(PartnerCalendarOptions.MaxUrlLength);
        b.Property(c => c.ETag).HasMaxLength(300);
        b.Property(c => c.LastMessage).HasMaxLength(1000);
    }
}

internal sealed class PartnerEventConfiguration : IEntityTypeConfiguration<PartnerEvent>
{
    public void Configure(EntityTypeBuilder<PartnerEvent> b)
    {
        b.ToTable("PartnerEvents");
        b.HasIndex(e => new { e.PartnerCalendarId, e.Uid, e.RecurrenceId }).IsUnique();
        b.HasIndex(e => e.ActivityId);
        b.HasOne(e => e.Calendar).WithMany().HasForeignKey(e => e.PartnerCalendarId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Activities.Activity>().WithMany().HasForeignKey(e => e.ActivityId).OnDelete(DeleteBehavior.SetNull);
        b.Property(e => e.Uid).HasMaxLength(ImportedEvent.MaxUidLength);
        b.Property(e => e.RecurrenceId).HasMaxLength(40);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Title).HasMaxLength(ImportedEvent.MaxTitleLength);
        b.Property(e => e.Description).HasMaxLength(ImportedEvent.MaxDescriptionLength);
        b.Property(e => e.Location).HasMaxLength(ImportedEvent.MaxLocationLength);
        b.Property(e => e.Note).HasMaxLength(500);
        b.Property(e => e.SourceHash).HasMaxLength(64);
        b.Property(e => e.PublishedTitle).HasMaxLength(ImportedEvent.MaxTitleLength);
        b.Property(e => e.PublishedDescription).HasMaxLength(ImportedEvent.MaxDescriptionLength);
        b.Property(e => e.PublishedLocation).HasMaxLength(ImportedEvent.MaxLocationLength);
    }
}

internal sealed class PartnerLocationMappingConfiguration : IEntityTypeConfiguration<PartnerLocationMapping>
{
    public void Configure(EntityTypeBuilder<PartnerLocationMapping> b)
    {
        b.ToTable("PartnerLocationMappings");
        b.HasIndex(m => new { m.PartnerId, m.LocationText }).IsUnique();
        b.HasOne<Partner>().WithMany().HasForeignKey(m => m.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.MeetingPlace).WithMany().HasForeignKey(m => m.MeetingPlaceId).OnDelete(DeleteBehavior.Cascade);
        b.Property(m => m.LocationText).HasMaxLength(ImportedEvent.MaxLocationLength);
        b.Property(m => m.Type).HasConversion<string>().HasMaxLength(32);
    }
}
