using Buurtplatform.Web.Accounts;

namespace Buurtplatform.Web.Vision.Suggestions;

internal sealed class VisionSuggestionConfiguration : IEntityTypeConfiguration<VisionSuggestion>
{
    public void Configure(EntityTypeBuilder<VisionSuggestion> b)
    {
        b.ToTable("VisionSuggestions");
        b.HasIndex(s => s.Key).IsUnique();
        b.HasIndex(s => s.TokenHash).IsUnique();
        b.HasIndex(s => new { s.VisionId, s.State });
        b.HasOne(s => s.Vision).WithMany().HasForeignKey(s => s.VisionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<VisionSuggestion>().WithMany().HasForeignKey(s => s.MergedIntoId).OnDelete(DeleteBehavior.SetNull);
        b.Property(s => s.SectionHeading).HasMaxLength(200);
        b.Property(s => s.Text).HasMaxLength(SuggestionOptions.MaxTextLength);
        b.Property(s => s.Language).HasMaxLength(3);
        b.Property(s => s.FirstName).HasMaxLength(100);
        b.Property(s => s.Email).HasMaxLength(256);
        b.Property(s => s.TokenHash).HasMaxLength(64);
        b.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.HandledByName).HasMaxLength(256);
        b.Property(s => s.Answer).HasMaxLength(SuggestionOptions.MaxTextLength);
        b.Property(s => s.DeclineReason).HasMaxLength(SuggestionOptions.MaxTextLength);
        b.Property(s => s.ChangeNote).HasMaxLength(SuggestionOptions.MaxTextLength);
    }
}

internal sealed class StaffSuggestionDigestConfiguration : IEntityTypeConfiguration<StaffSuggestionDigest>
{
    public void Configure(EntityTypeBuilder<StaffSuggestionDigest> b)
    {
        b.ToTable("StaffSuggestionDigests");
        b.HasKey(p => p.UserId);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
