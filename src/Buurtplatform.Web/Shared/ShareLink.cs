namespace Buurtplatform.Web.Shared;

/// <summary>What the share block offers to pass on: the page's title and its path (made absolute with <c>Site:PublicBaseUrl</c>).</summary>
public sealed record ShareLink(string Title, string Path)
{
    /// <summary>Set in <c>HttpContext.Items</c> by the share block, so the layout loads share.js in the head, never inside main.</summary>
    public const string ScriptItem = "Buurtplatform.ShareScript";
}
