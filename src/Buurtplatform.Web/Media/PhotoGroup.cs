using System.Text.RegularExpressions;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Media;

/// <summary>
/// The <c>photo:</c> group of a content file (a wijk, meeting place or activity): read with the media library's
/// rules by the content tree, written by the export. The import checks and processes the file itself
/// (<see cref="ContentPhotoImport"/>).
/// </summary>
internal static partial class PhotoGroup
{
    /// <summary>
    /// Reads the optional group of <paramref name="node"/>, whose file is in <paramref name="folder"/>: the details with
    /// the rules of <see cref="PhotoDetails"/>, the image beside the file. A usable one goes into <paramref name="photos"/>.
    /// </summary>
    public static void Read(FieldReader f, string folder, ContentNode node, Dictionary<ContentNode, PhotoReference> photos)
    {
        if (f.Group("photo", required: false) is not { } p)
            return;
        var key = p.Guid("key");
        var fileName = p.Text("file");
        var line = p.LineOf("file");
        string? fullPath = null;
        if (fileName.Length > 0)
        {
            // A bare file name beside the node's file: no folders, no "..", nothing that could point elsewhere.
            if (!PhotoFileName().IsMatch(fileName))
                p.Error("file", null, $"must be the name of an image file beside this file (a-z, 0-9, '-' and '_', ending in .jpg, .jpeg, .png, .webp, .heic or .heif), not '{fileName}'");
            else if (!File.Exists(Path.Combine(folder, fileName)))
                p.Error("file", null, $"there is no file '{fileName}' beside this file");
            else
                fullPath = Path.Combine(folder, fileName);
        }

        double focalX = 0.5, focalY = 0.5;
        var focus = p.List("focus");
        if (focus.Count > 0)
        {
            if (focus.Count != 2
                || !double.TryParse(focus[0], NumberStyles.Float, CultureInfo.InvariantCulture, out focalX)
                || !double.TryParse(focus[1], NumberStyles.Float, CultureInfo.InvariantCulture, out focalY))
            {
                p.Error("focus", null, "must be two numbers from 0 to 1, written as [0.5, 0.35]: across from the left, down from the top");
                (focalX, focalY) = (0.5, 0.5);
            }
        }

        var details = new PhotoDetails
        {
            AltText = p.OptionalText("alt"),
            IsDecorative = p.Bool("decorative", defaultValue: false),
            Description = p.OptionalText("description"),
            FocalX = Math.Round(focalX, 3),
            FocalY = Math.Round(focalY, 3),
            ChildrenRecognisable = p.OptionalText("childrenRecognisable") switch { "true" => true, "false" => false, _ => null },
        };
        var childrenInvalid = details.ChildrenRecognisable is null && p.OptionalText("childrenRecognisable") is not null;
        if (childrenInvalid)
            p.Error("childrenRecognisable", null, $"must be true or false, not '{p.OptionalText("childrenRecognisable")}'");
        var useGivenButWrong = false;
        if (p.Group("consent", required: false) is { } consent)
        {
            var use = consent.OptionalText("use");
            if (use is not null and not "website")
            {
                consent.Error("use", null, $"must be 'website' (the one use the site asks consent for), not '{use}'");
                useGivenButWrong = true;
            }
            details = details with
            {
                ConsentGivenBy = consent.OptionalText("givenBy"),
                ConsentDate = consent.OptionalDate("date"),
                ConsentUse = use == "website" ? ConsentUse.Website : null,
            };
            consent.RejectUnknownKeys();
        }

        // The content file has no "today": a consent date in the future is the import's to refuse.
        foreach (var (field, problem) in details.Problems(DateOnly.MaxValue))
        {
            // Already said more precisely above.
            if ((problem == DetailProblem.ConsentUseMissing && useGivenButWrong) || (problem == DetailProblem.ChildrenQuestionUnanswered && childrenInvalid))
                continue;
            p.Error(field, null, PhotoProblemText(problem));
        }
        p.RejectUnknownKeys();
        if (fullPath is not null && key != Guid.Empty)
            photos[node] = new PhotoReference(f.FilePath, line, fullPath, key, details);
    }

    private static string PhotoProblemText(DetailProblem problem) => problem switch
    {
        DetailProblem.AltTextOrDecorative => "is required: describe what the photo shows, or write decorative: true when it adds nothing to the text",
        DetailProblem.AltTextAndDecorative => "give either alt or decorative: true, not both",
        DetailProblem.AltTextTooLong => $"must be at most {PhotoDetails.AltTextMaxLength} characters; say what matters in the photo",
        DetailProblem.DescriptionTooLong => $"must be at most {PhotoDetails.DescriptionMaxLength} characters",
        DetailProblem.FocalPointOutOfRange => "must be two numbers from 0 to 1, written as [0.5, 0.35]",
        DetailProblem.ChildrenQuestionUnanswered => "is required: are recognisable children in this photo? true or false",
        DetailProblem.ConsentGivenByMissing => "is required when children are recognisable: the parent or guardian who consented, or better a reference to the signed form",
        DetailProblem.ConsentDateMissing => "is required when children are recognisable: the date consent was given, YYYY-MM-DD",
        DetailProblem.ConsentDateInFuture => "must not be in the future",
        DetailProblem.ConsentUseMissing => "is required when children are recognisable: website",
        DetailProblem.ConsentWithoutChildren => "is only recorded when children are recognisable (childrenRecognisable: true)",
        _ => problem.ToString(),
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*(\\.[a-z0-9_-]+)*\\.(jpg|jpeg|png|webp|heic|heif)$", RegexOptions.IgnoreCase)]
    private static partial Regex PhotoFileName();

    /// <summary>The <c>photo:</c> group the export writes for a node's photo, named <paramref name="file"/> beside the node's file; nothing without one.</summary>
    public static void Write(YamlText y, MediaItem? photo, string? file)
    {
        if (photo is null || file is null)
            return;
        y.Group("photo", p =>
        {
            p.Field("key", photo.Key.ToString("D")).Field("file", file);
            if (photo.IsDecorative)
                p.Field("decorative", true);
            else
                p.Field("alt", photo.AltText);
            p.Field("description", photo.Description)
                .RawList("focus", [photo.FocalX.ToString("0.0##", CultureInfo.InvariantCulture), photo.FocalY.ToString("0.0##", CultureInfo.InvariantCulture)])
                .Field("childrenRecognisable", photo.ChildrenRecognisable);
            if (photo.ChildrenRecognisable)
            {
                p.Group("consent", c =>
                {
                    c.Field("givenBy", photo.ConsentGivenBy);
                    if (photo.ConsentDate is { } date)
                        c.Field("date", date);
                    c.Raw("use", "website");
                });
            }
        });
    }
}
