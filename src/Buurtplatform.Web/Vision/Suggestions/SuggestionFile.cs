using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Vision.Suggestions;

/// <summary>
/// The example ideas of a wijk's vision (<c>{wijk}/visie-ideeen.md</c>): read by the import, written by the export,
/// copied onto the rows. Only examples travel in files: parents' own ideas hold personal data and are not content,
/// so the export leaves them out and a file may hold nothing else (<c>example: true</c> on every idea).
/// </summary>
internal static class SuggestionFile
{
    public const string FileName = "visie-ideeen.md";

    public static List<VisionSuggestion> Read(FrontMatterFile file, FieldReader f, Vision? vision)
    {
        var result = new List<VisionSuggestion>();
        if (vision is null)
            f.Error("suggestions", null, $"ideas need the wijk's vision; add visie.md beside {FileName}");
        foreach (var g in f.GroupList("suggestions"))
        {
            var s = new VisionSuggestion { Key = g.Guid("key"), IsExample = true, AnswerIsPublic = true };
            if (!g.Bool("example"))
                g.Error("example", null, "must be true: files hold only example ideas, never parents' own");
            s.SectionHeading = g.OptionalText("section") ?? "";
            if (vision is not null && s.SectionHeading.Length > 0 && vision.Sections.All(x => x.Heading != s.SectionHeading))
                g.Error("section", null, $"no section '{s.SectionHeading}' in visie.md; use one of its '## ' headings, or leave it out for the whole vision");
            s.Text = g.Text("text");
            s.Language = g.OptionalText("language") ?? "nl";
            s.FirstName = g.OptionalText("name");
            s.ShowName = s.FirstName is not null;
            s.CreatedUtc = g.UtcTimestamp("sent");
            s.State = g.Text("state") switch
            {
                "new" => SuggestionState.New,
                "published" => SuggestionState.Published,
                "declined" => SuggestionState.Declined,
                var other => Invalid(g, other),
            };
            if (s.State == SuggestionState.Published)
                s.PublishedUtc = s.CreatedUtc;
            s.Answer = g.OptionalText("answer");
            if (s.Answer is not null)
            {
                s.AnsweredUtc = g.UtcTimestamp("answered");
                s.HandledUtc = s.AnsweredUtc;
            }

            s.DeclineReason = g.OptionalText("declineReason");
            if ((s.State == SuggestionState.Declined) != (s.DeclineReason is not null))
                g.Error("declineReason", null, "is required with state 'declined', and only then");
            if (g.Group("processed", required: false) is { } p)
            {
                s.ProcessedOn = p.Date("date");
                s.ChangeNote = p.Text("change");
                s.ProcessedVersion = p.OptionalInt("version", 1, 100_000);
                p.RejectUnknownKeys();
            }

            g.RejectUnknownKeys();
            result.Add(s);
        }

        return result;
    }

    /// <summary>The file's text, exactly as the import reads it back.</summary>
    public static string Write(IReadOnlyList<VisionSuggestion> suggestions)
    {
        var y = new YamlText().GroupList("suggestions", suggestions, (g, s) =>
        {
            g.Field("key", s.Key.ToString("D")).Field("example", true);
            if (s.SectionHeading.Length > 0)
                g.Field("section", s.SectionHeading);
            g.Field("text", s.Text).Field("language", s.Language).Field("name", s.ShowName ? s.FirstName : null)
                .Field("sent", s.CreatedUtc)
                .Raw("state", s.State.ToString().ToLowerInvariant());
            if (s.Answer is not null)
                g.Field("answer", s.Answer).Field("answered", s.AnsweredUtc ?? s.CreatedUtc);
            g.Field("declineReason", s.DeclineReason);
            if (s.ProcessedOn is { } on)
            {
                g.Group("processed", p =>
                {
                    p.Field("date", on).Field("change", s.ChangeNote ?? "");
                    if (s.ProcessedVersion is { } version)
                        p.Field("version", version);
                });
            }
        });
        return "---\n" + y + "---\n";
    }

    /// <summary>Copies an example read from a file onto its row (new or existing, matched by key).</summary>
    public static void Copy(VisionSuggestion to, VisionSuggestion from, int visionId)
    {
        to.VisionId = visionId;
        to.IsExample = true;
        to.SectionHeading = from.SectionHeading;
        to.Text = from.Text;
        to.Language = from.Language;
        to.FirstName = from.FirstName;
        to.ShowName = from.ShowName;
        to.CreatedUtc = from.CreatedUtc;
        to.State = from.State;
        to.PublishedUtc = from.PublishedUtc;
        to.Answer = from.Answer;
        to.AnswerIsPublic = true;
        to.AnsweredUtc = from.AnsweredUtc;
        to.HandledUtc = from.HandledUtc;
        to.DeclineReason = from.DeclineReason;
        to.ProcessedOn = from.ProcessedOn;
        to.ProcessedVersion = from.ProcessedVersion;
        to.ChangeNote = from.ChangeNote;
    }

    private static SuggestionState Invalid(FieldReader g, string value)
    {
        g.Error("state", null, $"must be new, published or declined, not '{value}'");
        return SuggestionState.New;
    }
}
