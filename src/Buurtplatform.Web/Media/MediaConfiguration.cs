namespace Buurtplatform.Web.Media;

internal sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> b)
    {
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.StorageName).HasMaxLength(80);
        b.Property(x => x.SourceFormat).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.SourceSha256).HasMaxLength(64);
        b.Property(x => x.StoredSha256).HasMaxLength(64);
        b.Property(x => x.AltText).HasMaxLength(300);
        b.Property(x => x.Description).HasMaxLength(1000);
        b.Property(x => x.ConsentGivenBy).HasMaxLength(200);
        b.Property(x => x.ConsentUse).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ConsentWithdrawnBy).HasMaxLength(200);
        b.Ignore(x => x.IsPublic);
        b.HasOne(x => x.Wijk).WithMany().HasForeignKey(x => x.WijkId).OnDelete(DeleteBehavior.SetNull);

        // The database refuses to delete a photo that is still shown somewhere, whatever the code above it does.
        b.HasMany(x => x.Usages).WithOne(x => x.MediaItem).HasForeignKey(x => x.MediaItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MediaUsageConfiguration : IEntityTypeConfiguration<MediaUsage>
{
    public void Configure(EntityTypeBuilder<MediaUsage> b)
    {
        b.HasKey(x => x.Id);

        // One photo per node: NULLs do not collide in a unique index on SQLite or PostgreSQL.
        b.HasIndex(x => x.MeetingPlaceId).IsUnique();
        b.HasIndex(x => x.ActivityId).IsUnique();
        b.HasIndex(x => x.WijkId).IsUnique();
        b.HasIndex(x => x.MediaItemId);

        // A node that goes takes its link with it; the photo stays in the library.
        b.HasOne(x => x.MeetingPlace).WithMany().HasForeignKey(x => x.MeetingPlaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Activity).WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Wijk).WithMany().HasForeignKey(x => x.WijkId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_MediaUsages_OneNode",
            "(CASE WHEN \"MeetingPlaceId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"ActivityId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"WijkId\" IS NULL THEN 0 ELSE 1 END) = 1"));
    }
}
