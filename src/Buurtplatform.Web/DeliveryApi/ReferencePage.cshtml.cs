using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.DeliveryApi;

/// <summary>A short reference for developers: the endpoints and parameters, with example calls on this site's own content.</summary>
[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class ReferencePageModel(Content.Published.Published published, IOptions<DeliveryApiOptions> options) : PageModel
{
    public DeliveryApiOptions Options => options.Value;

    /// <summary>A published activity's path and key to build the examples from; null on an empty site.</summary>
    public (string Path, Guid Key, string Wijk)? Example { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Options.Enabled)
            return NotFound();
        HttpContext.Tag(CacheTags.Listings);
        var activities = (await published.GetAsync(ct)).Activities; // by id
        var activity = activities.Count > 0 ? activities[0] : null;
        if (activity is not null)
            Example = (Links.Activity(activity).TrimStart('/'), activity.Key, Links.Wijk(activity.Wijk).TrimStart('/'));
        return Page();
    }
}
