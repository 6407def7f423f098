namespace Buurtplatform.Web.Accounts;

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
        b.HasMany(u => u.Wijken).WithOne().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(u => u.MeetingPlaces).WithOne().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffWijkConfiguration : IEntityTypeConfiguration<StaffWijk>
{
    public void Configure(EntityTypeBuilder<StaffWijk> b)
    {
        b.ToTable("StaffWijken");
        b.HasKey(s => new { s.UserId, s.WijkId });
        b.HasOne(s => s.Wijk).WithMany().HasForeignKey(s => s.WijkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffMeetingPlaceConfiguration : IEntityTypeConfiguration<StaffMeetingPlace>
{
    public void Configure(EntityTypeBuilder<StaffMeetingPlace> b)
    {
        b.ToTable("StaffMeetingPlaces");
        b.HasKey(s => new { s.UserId, s.MeetingPlaceId });
        b.HasOne(s => s.MeetingPlace).WithMany().HasForeignKey(s => s.MeetingPlaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffRoleSettingConfiguration : IEntityTypeConfiguration<StaffRoleSetting>
{
    public void Configure(EntityTypeBuilder<StaffRoleSetting> b)
    {
        b.ToTable("StaffRoleSettings");
        b.HasKey(s => s.Role);
        b.Property(s => s.Role).HasConversion<string>().HasMaxLength(20);

        // Administrators hold the keys to everything, so they use an authenticator app from the start.
        b.HasData(
            new StaffRoleSetting { Role = StaffRole.Beheerder, RequireTwoFactor = true },
            new StaffRoleSetting { Role = StaffRole.Wijkredacteur, RequireTwoFactor = false },
            new StaffRoleSetting { Role = StaffRole.Professional, RequireTwoFactor = false });
    }
}

internal sealed class AccountTokenConfiguration : IEntityTypeConfiguration<AccountToken>
{
    public void Configure(EntityTypeBuilder<AccountToken> b)
    {
        b.ToTable("AccountTokens");
        b.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.Property(t => t.NewEmail).HasMaxLength(256);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => new { t.UserId, t.Purpose });
        b.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
