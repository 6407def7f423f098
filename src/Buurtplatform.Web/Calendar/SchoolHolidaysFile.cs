using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Calendar;

/// <summary>The school holidays' file (<c>schoolvakanties.md</c>): its front matter read into <see cref="SchoolHolidays"/>, written back, and copied onto the row.</summary>
internal static class SchoolHolidaysFile
{
    public static SchoolHolidays Read(FrontMatterFile file, FieldReader f)
    {
        var holidays = f.Node(new SchoolHolidays { Slug = "schoolvakanties", Body = file.Body });
        foreach (var g in f.GroupList("periods"))
        {
            var period = new HolidayPeriod { Name = g.Text("name"), From = g.Date("from"), To = g.Date("to") };
            var regions = g.List("regions", required: true);
            foreach (var r in regions.Where(r => r is not ("noord" or "midden" or "zuid")))
                g.Error("regions", null, $"'{r}' is not a region; use noord, midden and/or zuid");
            period.Regions = string.Join(',', regions.Distinct());
            if (period.To < period.From)
                g.Error("to", null, "must not be before 'from'");
            g.RejectUnknownKeys();
            holidays.Periods.Add(period);
        }

        return holidays;
    }

    /// <summary>The fields after the node's own (key, status, updated); returns the body.</summary>
    public static string Write(YamlText y, SchoolHolidays h)
    {
        y.GroupList("periods", h.Periods, (p, period) => p
            .Field("name", period.Name)
            .RawList("regions", period.Regions.Split(','))
            .Field("from", period.From)
            .Field("to", period.To));
        return h.Body;
    }

    /// <summary>Copies the content onto the row (the rules every kind follows: <see cref="ContentCopy"/>).</summary>
    public static bool Copy(SchoolHolidays to, SchoolHolidays from)
    {
        to.Body = from.Body;
        return ContentCopy.ReplaceIfDifferent(to.Periods, from.Periods, p => (p.Name, p.Regions, p.From, p.To),
            p => new HolidayPeriod { Name = p.Name, Regions = p.Regions, From = p.From, To = p.To }, v => to.Periods = v);
    }
}
