using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Vision;

/// <summary>
/// A wijk's vision file (<c>{wijk}/visie.md</c>): its front matter read into a <see cref="Vision"/>, written back,
/// and copied onto the row. The body is split into an introduction and sections (<see cref="VisionMarkdown"/>).
/// </summary>
internal static class VisionFile
{
    /// <summary>
    /// The fields a translation (<c>visie.ar.md</c>) may carry, with the Dutch text each translates (docs/content.md). Its body is
    /// split into an introduction and <c>## </c> sections as the Dutch one is (<see cref="VisionMarkdown"/>).
    /// </summary>
    public static readonly TranslatableFields Translatable = TranslatableFields.Of<Vision>(
        ("title", v => v.Title), ("summary", v => v.Summary), ("writtenByParents", v => v.WrittenByParents),
        ("writtenByProfessionals", v => v.WrittenByProfessionals), (TranslatableFields.Body, v => VisionMarkdown.Join(v.Intro, v.Sections)));

    public static Vision Read(FrontMatterFile file, FieldReader f)
    {
        // A wijk has at most one vision, always at this slug.
        var vision = f.Node(new Vision { Slug = "visie" });
        vision.Title = f.Text("title");
        vision.Summary = f.Text("summary");
        vision.WrittenByParents = f.Text("writtenByParents");
        vision.WrittenByProfessionals = f.Text("writtenByProfessionals");
        vision.LastReviewed = f.Date("lastReviewed");
        (vision.Intro, vision.Sections) = VisionMarkdown.Split(file.Body);
        return vision;
    }

    /// <summary>The fields after the node's own (key, status, updated); returns the body.</summary>
    public static string Write(YamlText y, Vision v)
    {
        y.Field("title", v.Title).Field("summary", v.Summary)
            .Field("writtenByParents", v.WrittenByParents)
            .Field("writtenByProfessionals", v.WrittenByProfessionals)
            .Field("lastReviewed", v.LastReviewed);
        return VisionMarkdown.Join(v.Intro, v.Sections);
    }

    /// <summary>Copies the content onto the row (the rules every kind follows: <see cref="ContentCopy"/>).</summary>
    public static bool Copy(Vision to, Vision from, Wijk wijk)
    {
        to.Wijk = wijk;
        to.Title = from.Title;
        to.Summary = from.Summary;
        to.Intro = from.Intro;
        to.WrittenByParents = from.WrittenByParents;
        to.WrittenByProfessionals = from.WrittenByProfessionals;
        to.LastReviewed = from.LastReviewed;
        return ContentCopy.ReplaceIfDifferent(to.Sections, from.Sections, s => (s.Heading, s.Body),
            s => new VisionSection { Heading = s.Heading, Body = s.Body }, v => to.Sections = v);
    }
}
