using Buurtplatform.Web.Content;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtplatform.Web.Calendar;

internal sealed class SchoolHolidaysConfiguration : IEntityTypeConfiguration<SchoolHolidays>
{
    public void Configure(EntityTypeBuilder<SchoolHolidays> b)
    {
        b.MapNode();
        b.OwnsMany(x => x.Periods, o => o.ToJson());
    }
}
