namespace Buurtplatform.Web.Media.Library;

/// <summary>
/// The fields of the upload and details forms, as the browser sends them. The focal point is in percent
/// (what editors think in); "are recognisable children in this photo?" has no default, so it must be answered.
/// </summary>
public sealed class PhotoForm
{
    public IFormFile? File { get; set; }

    public string? AltText { get; set; }

    public bool IsDecorative { get; set; }

    public string? Description { get; set; }

    public int FocalX { get; set; } = 50;

    public int FocalY { get; set; } = 50;

    /// <summary><c>ja</c>, <c>nee</c>, or nothing (not answered).</summary>
    public string? ChildrenRecognisable { get; set; }

    public string? ConsentGivenBy { get; set; }

    public DateOnly? ConsentDate { get; set; }

    public bool ConsentForWebsite { get; set; }

    public PhotoDetails ToDetails() => new()
    {
        AltText = AltText,
        IsDecorative = IsDecorative,
        Description = Description,
        FocalX = Math.Clamp(FocalX, -1, 101) / 100.0,
        FocalY = Math.Clamp(FocalY, -1, 101) / 100.0,
        ChildrenRecognisable = ChildrenRecognisable switch { "ja" => true, "nee" => false, _ => null },
        ConsentGivenBy = ChildrenRecognisable == "ja" ? ConsentGivenBy : null,
        ConsentDate = ChildrenRecognisable == "ja" ? ConsentDate : null,
        ConsentUse = ChildrenRecognisable == "ja" && ConsentForWebsite ? ConsentUse.Website : null,
    };

    public static PhotoForm From(MediaItem item) => new()
    {
        AltText = item.AltText,
        IsDecorative = item.IsDecorative,
        Description = item.Description,
        FocalX = (int)Math.Round(item.FocalX * 100),
        FocalY = (int)Math.Round(item.FocalY * 100),
        ChildrenRecognisable = item.ChildrenRecognisable ? "ja" : "nee",
        ConsentGivenBy = item.ConsentGivenBy,
        ConsentDate = item.ConsentDate,
        ConsentForWebsite = item.ConsentUse == ConsentUse.Website,
    };
}

/// <summary>The media library's messages in the editor's language.</summary>
public static class PhotoText
{
    public static string For(IStringLocalizer t, DetailProblem problem) => t["Media.Problem." + problem];

    public static string For(IStringLocalizer t, UploadProblem problem, UploadValidator limits) => problem switch
    {
        UploadProblem.TooLarge => t["Media.Problem.TooLarge", limits.MaxBytes / (1024 * 1024)],
        UploadProblem.TooManyPixels => t["Media.Problem.TooManyPixels", limits.MaxMegapixels.ToString("0.#", CultureInfo.CurrentCulture)],
        UploadProblem.ProcessorMissing => t["Media.Problem.ProcessorMissing", ImageProcessorUnavailableException.InstallCommand],
        UploadProblem.ProcessingFailed => t["Media.Problem.ProcessingFailed"],
        UploadProblem.Empty => t["Media.Problem.Empty"],

        // Not an accepted format, or a header that cannot be read: say what is accepted.
        _ => t["Media.Problem.NotAccepted", limits.MaxBytes / (1024 * 1024), limits.MaxMegapixels.ToString("0.#", CultureInfo.CurrentCulture)],
    };
}
