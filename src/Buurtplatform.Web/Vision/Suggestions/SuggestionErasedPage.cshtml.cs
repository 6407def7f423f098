using Buurtplatform.Web.SignUps;

namespace Buurtplatform.Web.Vision.Suggestions;

/// <summary>After the parent erased their e-mail address or withdrew their idea (which one came in the flash cookie).</summary>
[PersonalData]
public sealed class SuggestionErasedPageModel : PageModel
{
    /// <summary>"email", "idea", or null when the page is opened again.</summary>
    public string? What { get; private set; }

    public void OnGet() => What = TempData[MySuggestionPageModel.ErasedKey] as string;
}
