namespace Buurtplatform.Web.SignUps.Public;

/// <summary>After "delete my data": how many sign-ups were deleted (the count came in the flash cookie).</summary>
[PersonalData]
public sealed class DataDeletedPageModel : PageModel
{
    public const string CountKey = "SignUpsDeleted";

    public int? Count { get; private set; }

    public void OnGet() => Count = TempData[CountKey] as int?;
}
