namespace Buurtplatform.Web.Accounts;

/// <summary>Staff accounts and sign-in (section <c>Accounts</c>). Defaults in code; configuration overrides them.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>How long an invitation link works. Default 7 days.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a password-reset or e-mail-change link works. Default 1 hour.</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Shortest password accepted. Default 12 (no composition rules: length beats symbols).</summary>
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>Failed sign-ins (password or code) before the account is locked. Default 5.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked. Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in form posts (password, code, recovery code, forgotten password) one IP address may send per <see cref="SignInRateWindow"/>. Default 10.</summary>
    public int SignInRateLimit { get; set; } = 10;

    /// <summary>The window of <see cref="SignInRateLimit"/>. Default 1 minute.</summary>
    public TimeSpan SignInRateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A signed-in session ends after this long without a request. Default 8 hours.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Treat a plain-HTTP request from this machine to <c>localhost</c> as HTTPS, so the Secure,
    /// <c>__Host-</c> cookies work on <c>http://localhost</c> (browsers count localhost as a secure
    /// context). Default: true in the Development and Testing environments, false everywhere else.
    /// Never turn it on in production: there, TLS (or a proxy's forwarded headers) says what is HTTPS.
    /// </summary>
    public bool? LocalhostCountsAsHttps { get; set; }

    /// <summary>Where passkeys are valid (relying party id and origins); defaults follow <c>Site:PublicBaseUrl</c>.</summary>
    public PasskeyOptions Passkeys { get; set; } = new();

    /// <summary>The first administrator, invited on start when there are no staff accounts yet.</summary>
    public InitialAdminOptions InitialAdmin { get; set; } = new();
}

/// <summary>
/// <c>Accounts:InitialAdmin</c>. On a database without any staff account, the site creates this
/// administrator on start and mails an invitation to set the password. No password is ever configured.
/// </summary>
public sealed class InitialAdminOptions
{
    /// <summary>E-mail address of the first administrator. Default empty: nobody is invited.</summary>
    public string? Email { get; set; }

    /// <summary>Name shown in the backoffice. Default "Beheerder".</summary>
    public string DisplayName { get; set; } = "Beheerder";
}
