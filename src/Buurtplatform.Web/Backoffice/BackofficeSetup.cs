using Buurtplatform.Web.Accounts;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Buurtplatform.Web.Backoffice;

/// <summary>Authorization policies of the backoffice.</summary>
public static class StaffPolicies
{
    /// <summary>Every backoffice page: a signed-in, enabled staff member, with 2FA when their role requires it, within scope.</summary>
    public const string Staff = "Staff";

    /// <summary>Pages for a Beheerder only (users, audit log). Put <see cref="AdministratorOnlyAttribute"/> on the page model.</summary>
    public const string Administrator = "Administrator";
}

/// <summary>The page is for a Beheerder only; anyone else gets 403.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AdministratorOnlyAttribute : AuthorizeAttribute
{
    public AdministratorOnlyAttribute() => Policy = StaffPolicies.Administrator;
}

/// <summary>
/// The page shows only the signed-in person's own account, or lists filtered through <see cref="StaffScope"/>,
/// and takes no id of scoped content. The scope matrix test accepts such pages; any other backoffice page
/// must be <see cref="AdministratorOnlyAttribute"/>, anonymous, or have scoped route values.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StaffSelfServiceAttribute : Attribute;

/// <summary>The page is reachable before a required authenticator app is set up (the set-up page itself, signing out).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowWithoutTwoFactorAttribute : Attribute;

/// <summary>Met when the person's role does not require 2FA, or they have it, or the page allows it.</summary>
public sealed class TwoFactorEnrolledRequirement : IAuthorizationRequirement;

/// <summary>Met when every scoped route value (<see cref="ScopedRouteValues"/>) is within the person's scope.</summary>
public sealed class ScopedRouteRequirement : IAuthorizationRequirement;

internal sealed class TwoFactorEnrolledHandler : AuthorizationHandler<TwoFactorEnrolledRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorEnrolledRequirement requirement)
    {
        var allowed = context.Resource is HttpContext http && http.GetEndpoint()?.Metadata.GetMetadata<AllowWithoutTwoFactorAttribute>() is not null;
        if (allowed || !context.User.HasClaim(c => c.Type == StaffSession.TwoFactorMissingClaim))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

internal sealed class ScopedRouteHandler(StaffScope scope) : AuthorizationHandler<ScopedRouteRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopedRouteRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
            return;
        foreach (var name in ScopedRouteValues.All)
        {
            if (http.GetRouteValue(name) is not { } value)
                continue;
            if (!int.TryParse(value.ToString(), out var id) || !await scope.CanAccessAsync(context.User, name, id, http.RequestAborted))
                return; // not met: 403
        }

        context.Succeed(requirement);
    }
}

/// <summary>A person who must still set up 2FA is sent to the set-up page instead of getting 403.</summary>
internal sealed class BackofficeAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<TwoFactorEnrolledRequirement>().Any() == true)
        {
            context.Response.Redirect(BackofficePaths.TwoFactorSetup);
            return Task.CompletedTask;
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

/// <summary>
/// A backoffice request that matches no handler of its page (a POST to a page that only reads) answers
/// 405. Razor Pages would otherwise render the page without running any handler, and so without the
/// page's own loading and checks.
/// </summary>
internal sealed class RequireHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && BackofficePaths.IsBackofficePath(context.HttpContext.Request.Path))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }

        await next();
    }
}

/// <summary>
/// Every page whose route starts with <c>/backoffice</c>, in whatever feature folder it lives, requires
/// <see cref="StaffPolicies.Staff"/> and is never output-cached. Pages opt out only with [AllowAnonymous].
/// </summary>
internal sealed class BackofficePageConvention : IPageRouteModelConvention
{
    public void Apply(PageRouteModel model)
    {
        foreach (var selector in model.Selectors)
        {
            if (!BackofficePaths.IsBackofficeTemplate(selector.AttributeRouteModel?.Template))
                continue;
            selector.EndpointMetadata.Add(new AuthorizeAttribute(StaffPolicies.Staff));
            selector.EndpointMetadata.Add(new OutputCacheAttribute { NoStore = true });
        }
    }
}

public static class BackofficePaths
{
    public const string Prefix = "/backoffice";
    public const string Home = "/backoffice";
    public const string Login = "/backoffice/inloggen";
    public const string LoginCode = "/backoffice/inloggen/code";
    public const string LoginRecovery = "/backoffice/inloggen/herstelcode";
    public const string Logout = "/backoffice/uitloggen";
    public const string ForgotPassword = "/backoffice/wachtwoord-vergeten";
    public const string SetPassword = "/backoffice/wachtwoord-instellen";
    public const string ConfirmEmail = "/backoffice/email-bevestigen";
    public const string Account = "/backoffice/account";
    public const string TwoFactorSetup = "/backoffice/account/tweestapsverificatie";
    public const string RecoveryCodes = "/backoffice/account/herstelcodes";
    public const string ChangePassword = "/backoffice/account/wachtwoord";
    public const string ChangeEmail = "/backoffice/account/email";
    public const string Users = "/backoffice/gebruikers";
    public const string InviteUser = "/backoffice/gebruikers/uitnodigen";
    public const string AuditLog = "/backoffice/audit";

    public static string User(string id) => $"/backoffice/gebruikers/{Uri.EscapeDataString(id)}";

    public static string Wijk(int id) => $"/backoffice/wijken/{id}";

    public static string MeetingPlace(int id) => $"/backoffice/ontmoetingsplekken/{id}";

    public static bool IsBackofficeTemplate(string? template)
    {
        var t = template?.TrimStart('/') ?? "";
        return t.Equals("backoffice", StringComparison.OrdinalIgnoreCase) || t.StartsWith("backoffice/", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsBackofficePath(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
}

public static class BackofficeSetup
{
    /// <summary>Folder-independent authorization of every <c>/backoffice</c> page, the scope service and the policies.</summary>
    public static IServiceCollection AddBackoffice(this IServiceCollection services)
    {
        services.AddScoped<StaffScope>();
        services.AddSingleton<RefusedAccessLog>();
        services.AddScoped<IAuthorizationHandler, ScopedRouteHandler>();
        services.AddSingleton<IAuthorizationHandler, TwoFactorEnrolledHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, BackofficeAuthorizationResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Staff, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new TwoFactorEnrolledRequirement(), new ScopedRouteRequirement()))
            .AddPolicy(StaffPolicies.Administrator, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .RequireRole(nameof(StaffRole.Beheerder)));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions.Add(new BackofficePageConvention()));
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add(new RequireHandlerFilter()));
        return services;
    }

    /// <summary>Refused backoffice requests (403, 404) of signed-in staff go to the log, rate-limited. Before authorization, whose 403s end the pipeline.</summary>
    public static IApplicationBuilder UseRefusedAccessLog(this IApplicationBuilder app) => app.UseMiddleware<RefusedAccessLog>();

    /// <summary>Backoffice answers are personal: never stored by a browser or proxy, never indexed.</summary>
    public static IApplicationBuilder UseBackofficeNoStore(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (BackofficePaths.IsBackofficePath(context.Request.Path))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.Pragma = "no-cache";
                    context.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
                    return Task.CompletedTask;
                });
            }

            await next();
        });
}
