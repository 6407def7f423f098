namespace Buurtplatform.Web.Editing;

internal sealed class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> b)
    {
        b.ToTable("ContentVersions");
        b.HasIndex(v => new { v.NodeKey, v.Culture, v.Number }).IsUnique();
        b.Property(v => v.Culture).HasMaxLength(8);
        b.HasIndex(v => new { v.Kind, v.Status });
        b.Property(v => v.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.Slug).HasMaxLength(80);
        b.Property(v => v.Title).HasMaxLength(200);
        b.Property(v => v.CreatedById).HasMaxLength(64);
        b.Property(v => v.CreatedByName).HasMaxLength(256);
        b.Property(v => v.PublishedById).HasMaxLength(64);
        b.Property(v => v.PublishedByName).HasMaxLength(256);
        b.Property(v => v.ReviewedByName).HasMaxLength(256);
        b.Property(v => v.Comment).HasMaxLength(1000);
        b.Property(v => v.ReviewComment).HasMaxLength(2000);
        b.Ignore(v => v.IsOpen);
        b.Ignore(v => v.IsTranslation);
    }
}

internal sealed class ContentScheduleConfiguration : IEntityTypeConfiguration<ContentSchedule>
{
    public void Configure(EntityTypeBuilder<ContentSchedule> b)
    {
        b.ToTable("ContentSchedules");
        b.HasKey(s => s.NodeKey);
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.PublishSetById).HasMaxLength(64);
        b.Property(s => s.PublishSetByName).HasMaxLength(256);
        b.Property(s => s.UnpublishSetById).HasMaxLength(64);
        b.Property(s => s.UnpublishSetByName).HasMaxLength(256);
        b.Property(s => s.LastError).HasMaxLength(1000);
        b.HasIndex(s => s.PublishAtUtc);
        b.HasIndex(s => s.UnpublishAtUtc);
    }
}

internal sealed class ContentRedirectConfiguration : IEntityTypeConfiguration<ContentRedirect>
{
    public void Configure(EntityTypeBuilder<ContentRedirect> b)
    {
        b.ToTable("ContentRedirects");
        b.Property(r => r.OldPath).HasMaxLength(400);
        b.HasIndex(r => r.OldPath).IsUnique();
        b.HasIndex(r => r.NodeKey);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
    }
}
