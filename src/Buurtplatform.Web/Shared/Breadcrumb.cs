namespace Buurtplatform.Web.Shared;

/// <summary>One step of the breadcrumb trail; the layout renders the list in ViewData["Breadcrumbs"].</summary>
public sealed record Breadcrumb(string Text, string Url);
