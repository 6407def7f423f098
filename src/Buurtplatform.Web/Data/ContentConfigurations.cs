using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtplatform.Web.Data;

internal static class NodeMapping
{
    /// <summary>The columns every content node has.</summary>
    public static void MapNode<T>(this EntityTypeBuilder<T> b) where T : ContentNode
    {
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Slug).HasMaxLength(80).IsRequired();
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        b.Ignore(x => x.IsPublished);
    }
}

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

internal sealed class WijkConfiguration : IEntityTypeConfiguration<Wijk>
{
    public void Configure(EntityTypeBuilder<Wijk> b)
    {
        b.MapNode();
        b.HasIndex(x => new { x.GemeenteId, x.Slug }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(120);
        b.HasMany(x => x.MeetingPlaces).WithOne(x => x.Wijk).HasForeignKey(x => x.WijkId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Activities).WithOne(x => x.Wijk).HasForeignKey(x => x.WijkId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Partners).WithOne(x => x.Wijk).HasForeignKey(x => x.WijkId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Vision).WithOne(x => x.Wijk).HasForeignKey<Vision.Vision>(x => x.WijkId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> b)
    {
        b.MapNode();
        b.HasIndex(x => new { x.WijkId, x.Slug }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(160);
    }
}

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

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.MapNode();
        b.HasIndex(x => new { x.WijkId, x.Slug }).IsUnique();
        b.Property(x => x.Title).HasMaxLength(160);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.CostAmount).HasPrecision(8, 2);
        b.HasOne(x => x.MeetingPlace).WithMany().HasForeignKey(x => x.MeetingPlaceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Organiser).WithMany().HasForeignKey(x => x.OrganiserId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(x => x.Schedule, s =>
        {
            s.Property(x => x.Repeat).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.Days).HasConversion(ListConversions.Days, ListConversions.Comparer<DayOfWeek>()).HasMaxLength(32);
            s.Property(x => x.ExtraDates).HasConversion(ListConversions.Dates, ListConversions.Comparer<DateOnly>());
            s.Property(x => x.SkipSchoolHolidays).HasConversion<string>().HasMaxLength(16);
        });
        b.Navigation(x => x.Schedule).IsRequired();
        b.OwnsMany(x => x.ScheduleChanges, o => o.ToJson());
    }
}

internal sealed class VisionConfiguration : IEntityTypeConfiguration<Vision.Vision>
{
    public void Configure(EntityTypeBuilder<Vision.Vision> b)
    {
        b.MapNode();
        b.OwnsMany(x => x.Sections, o => o.ToJson());
    }
}

internal sealed class SchoolHolidaysConfiguration : IEntityTypeConfiguration<Calendar.SchoolHolidays>
{
    public void Configure(EntityTypeBuilder<Calendar.SchoolHolidays> b)
    {
        b.MapNode();
        b.OwnsMany(x => x.Periods, o => o.ToJson());
    }
}
