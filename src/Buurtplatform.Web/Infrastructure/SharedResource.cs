namespace Buurtplatform.Web;

/// <summary>Marker for the site's shared texts: <c>Resources/SharedResource.resx</c> (Dutch) and one file per further language.</summary>
public sealed class SharedResource;
