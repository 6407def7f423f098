using System.Threading.RateLimiting;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Buurtplatform.Web.Accounts;

public static class AccountsSetup
{
    /// <summary>Rate-limit policy on every sign-in form post (password, code, recovery code, forgotten password, new password).</summary>
    public const string SignInRateLimit = "sign-in";

    /// <summary>Session, two-factor and antiforgery cookies: all <c>__Host-</c>, so Secure, Path=/ and bound to this host.</summary>
    public const string SessionCookie = "__Host-bp-session";
    public const string TwoFactorCookie = "__Host-bp-2fa";
    public const string AntiforgeryCookie = "__Host-bp-af";
    public const string FlashCookie = "__Host-bp-flash";

    /// <summary>
    /// Identity's table layout. Version 3 adds the passkey table (<c>AspNetUserPasskeys</c>); the
    /// migrations describe this version, and <c>AppDbContext</c> uses it also when built without DI.
    /// </summary>
    public static readonly Version IdentitySchemaVersion = IdentitySchemaVersions.Version3;

    /// <summary>Staff accounts on ASP.NET Core Identity: passwords, lockout, TOTP 2FA, passkeys, cookies, sign-in rate limit.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        services.AddOptions<AccountsOptions>().Bind(config.GetSection(AccountsOptions.Section))
            .Validate(o => o.MinimumPasswordLength >= 12, "Accounts:MinimumPasswordLength may not be below 12.")
            .Validate(o => o.MaxFailedAttempts is > 0 and <= 10, "Accounts:MaxFailedAttempts must be 1 to 10.")
            .Validate(o => o.InitialAdmin.Email is null or "" || System.Net.Mail.MailAddress.TryCreate(o.InitialAdmin.Email, out _), "Accounts:InitialAdmin:Email must be an e-mail address.")
            .Validate(o => o.InvitationLifetime > TimeSpan.Zero && o.PasswordResetLifetime > TimeSpan.Zero && o.LockoutDuration > TimeSpan.Zero
                && o.SignInRateLimit > 0 && o.SignInRateWindow > TimeSpan.Zero && o.SessionIdleTimeout > TimeSpan.Zero, "Accounts: lifetimes, durations and limits must be positive.")
            .Validate<IOptions<SiteOptions>>((o, site) => PasskeyRelyingParty.From(o.Passkeys, site.Value.PublicBaseUrl) is not null, PasskeyRelyingParty.InvalidMessage)
            .ValidateOnStart();
        var accounts = config.GetSection(AccountsOptions.Section).Get<AccountsOptions>() ?? new AccountsOptions();

        services.AddHttpContextAccessor();
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Stores.SchemaVersion = IdentitySchemaVersion;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = ""; // user names are e-mail addresses: any character an address may hold
                o.SignIn.RequireConfirmedAccount = true; // see StaffUserConfirmation: enabled and with a password
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = accounts.LockoutDuration;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();
        services.AddPasskeys();

        // Our rule replaces Identity's composition rules (digits, upper case, symbols) entirely.
        services.RemoveAll<IPasswordValidator<StaffUser>>();
        services.AddScoped<IPasswordValidator<StaffUser>, PasswordPolicy>();
        services.RemoveAll<IUserConfirmation<StaffUser>>();
        services.AddScoped<IUserConfirmation<StaffUser>, StaffUserConfirmation>();

        // Keys for cookies and tokens survive restarts (otherwise every deploy signs everybody out).
        var site = config.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
        services.AddDataProtection()
            .SetApplicationName("Buurtplatform")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(SiteOptions.Resolve(env, site.DataPath), "keys")));

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            HostCookie(o.Cookie, SessionCookie);
            o.LoginPath = BackofficePaths.Login;
            o.LogoutPath = BackofficePaths.Logout;
            o.ExpireTimeSpan = accounts.SessionIdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = StaffSession.ValidateAsync;
            // A relative Location: correct behind any proxy, and on http://localhost in development.
            o.Events.OnRedirectToLogin = context =>
            {
                context.Response.Redirect(Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var uri) ? uri.PathAndQuery : context.RedirectUri);
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => HostCookie(o.Cookie, TwoFactorCookie));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => HostCookie(o.Cookie, "__Host-bp-2fa-remember"));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o => HostCookie(o.Cookie, "__Host-bp-external"));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.Path = "/";
        });
        services.Configure<CookieTempDataProviderOptions>(o => HostCookie(o.Cookie, FlashCookie));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Ceiling(retryAfter.TotalSeconds) : (int)accounts.SignInRateWindow.TotalSeconds;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var t = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(t["SignIn.TooManyAttempts", seconds], ct);
            };
            // Per client address, and only the posts: opening the form is never limited.
            o.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = accounts.SignInRateLimit,
                    Window = accounts.SignInRateWindow,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("read"));
        });

        services.AddScoped<AccountLinks>();
        services.AddScoped<StaffInvitations>();
        services.AddScoped<AuditLog>();
        return services;
    }

    private static void HostCookie(CookieBuilder cookie, string name)
    {
        cookie.Name = name;
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.HttpOnly = true;
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.SameSite = SameSiteMode.Lax;
        cookie.IsEssential = true;
    }

    /// <summary>The request pipeline part: rate limits, authentication, authorization.</summary>
    public static IApplicationBuilder UseAccounts(this WebApplication app)
    {
        var localhostIsHttps = app.Services.GetRequiredService<IOptions<AccountsOptions>>().Value.LocalhostCountsAsHttps
            ?? (app.Environment.IsDevelopment() || app.Environment.IsEnvironment("Testing"));
        if (localhostIsHttps)
        {
            // Development on http://localhost: antiforgery and cookie auth refuse Secure cookies on plain HTTP otherwise.
            app.Use((context, next) =>
            {
                if (!context.Request.IsHttps && IsLocal(context))
                    context.Request.Scheme = "https";
                return next(context);
            });
        }

        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    private static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip && System.Net.IPAddress.IsLoopback(ip)
        && context.Request.Host.Host is "localhost" or "127.0.0.1" or "[::1]" or "::1";

    /// <summary>Invites <c>Accounts:InitialAdmin:Email</c> by mail when the database has no staff account at all.</summary>
    public static async Task InitialiseAccountsAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<AccountsOptions>>().Value.InitialAdmin;
        if (string.IsNullOrWhiteSpace(options.Email))
            return;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Users.AnyAsync())
            return;

        var result = await scope.ServiceProvider.GetRequiredService<StaffInvitations>()
            .InviteAsync(new StaffInvite(options.Email, options.DisplayName, StaffRole.Beheerder, [], []), mail: true, AuditActor.System);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccountsSetup));
        if (result.Succeeded)
            logger.LogInformation("Invited the initial administrator by e-mail; the invitation is in the mail outbox");
        else
            logger.LogError("Could not invite the initial administrator: {Errors}", string.Join("; ", result.Errors.Select(e => e.Code)));
    }

    /// <summary>
    /// <c>create-admin email [name…]</c>: creates an administrator and prints a one-time link to set the
    /// password (no password is ever given on the command line). Returns the exit code, or null for another command.
    /// </summary>
    public static async Task<int?> RunAccountsCommandAsync(this WebApplication app, string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal));
        if (command != "create-admin")
            return null;
        var rest = args.SkipWhile(a => a != command).Skip(1).Where(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal)).ToArray();
        if (rest.Length == 0 || !System.Net.Mail.MailAddress.TryCreate(rest[0], out _))
        {
            await Console.Error.WriteLineAsync("Usage: create-admin <email> [display name]   (prints a one-time link to set the password)");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DatabaseLocks.MigrateAsync(db);
        var name = rest.Length > 1 ? string.Join(' ', rest.Skip(1)) : "Beheerder";
        var result = await scope.ServiceProvider.GetRequiredService<StaffInvitations>()
            .InviteAsync(new StaffInvite(rest[0], name, StaffRole.Beheerder, [], []), mail: false, AuditActor.Command("create-admin"));
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"Could not create {rest[0]}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            return 1;
        }

        var days = scope.ServiceProvider.GetRequiredService<IOptions<AccountsOptions>>().Value.InvitationLifetime.TotalDays;
        Console.WriteLine($"Administrator {rest[0]} created. Open this link once, within {days:0.#} days, to choose the password:");
        Console.WriteLine(result.Link);
        return 0;
    }
}
