using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Calendar;

internal sealed class SchoolHolidaysConfiguration : IEntityTypeConfiguration<SchoolHolidays>
{
    public void Configure(EntityTypeBuilder<SchoolHolidays> b)
    {
        b.MapNode();
        b.OwnsMany(x => x.Periods, o => o.ToJson());
    }
}
