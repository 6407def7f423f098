using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;

namespace Buurtplatform.Web.Vision.Editing;

/// <summary>The vision form: title, summary, who wrote it, the review date, an introduction and its sections in order.</summary>
public sealed class VisionInput
{
    public string? Title { get; set; }

    public string? Summary { get; set; }

    public string? Intro { get; set; }

    public string? WrittenByParents { get; set; }

    public string? WrittenByProfessionals { get; set; }

    public string? LastReviewed { get; set; }

    public List<SectionRow> Sections { get; set; } = [];

    public sealed class SectionRow
    {
        public string? Heading { get; set; }

        public string? Body { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Heading) && string.IsNullOrWhiteSpace(Body);
    }

    public static VisionInput From(Vision v) => new()
    {
        Title = v.Title,
        Summary = v.Summary,
        Intro = v.Intro,
        WrittenByParents = v.WrittenByParents,
        WrittenByProfessionals = v.WrittenByProfessionals,
        LastReviewed = v.LastReviewed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Sections = v.Sections.Select(s => new SectionRow { Heading = s.Heading, Body = s.Body }).ToList(),
    };

    /// <summary>The file text: each section becomes a <c>## Heading</c> of the body, as the content format has it.</summary>
    public string ToText(Guid key, DateTime updatedUtc, RowMap rows)
    {
        var y = new YamlText().Field("key", key.ToString("D")).Field("updated", updatedUtc)
            .Field("title", InputText.Clean(Title)).Field("summary", InputText.Clean(Summary))
            .Field("writtenByParents", InputText.Clean(WrittenByParents))
            .Field("writtenByProfessionals", InputText.Clean(WrittenByProfessionals))
            .Field("lastReviewed", InputText.Clean(LastReviewed));
        var sections = new List<VisionSection>();
        for (var i = 0; i < Sections.Count; i++)
        {
            if (Sections[i].IsEmpty)
                continue;
            rows.Add("sections", i);
            sections.Add(new VisionSection { Heading = (Sections[i].Heading ?? "").Trim(), Body = (Sections[i].Body ?? "").Trim().Replace("\r\n", "\n", StringComparison.Ordinal) });
        }

        return InputText.Build(y, VisionMarkdown.Join((Intro ?? "").Trim().Replace("\r\n", "\n", StringComparison.Ordinal), sections));
    }
}
