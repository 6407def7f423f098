namespace Buurtplatform.Web.SignUps.Public;

/// <summary>The privacy statement parents are pointed to from the sign-up form: in plain Dutch, from docs/privacy.md's facts.</summary>
[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class PrivacyPageModel(IOptions<SignUpOptions> options) : PageModel
{
    public int RetentionDays => options.Value.RetentionDays;

    public void OnGet()
    {
    }
}
