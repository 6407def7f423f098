using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Activities;

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
