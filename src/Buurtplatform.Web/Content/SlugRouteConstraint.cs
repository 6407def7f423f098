namespace Buurtplatform.Web.Content;

/// <summary>Route constraint <c>{name:slug}</c>: only valid slugs reach the content pages; anything else is a 404.</summary>
public sealed class SlugRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string s && Slugs.IsValid(s);
}
