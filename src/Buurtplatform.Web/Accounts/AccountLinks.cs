using Buurtplatform.Web.Backoffice;

namespace Buurtplatform.Web.Accounts;

/// <summary>
/// Single-use, expiring links for invitations, password resets and e-mail changes. The token is 256
/// random bits; the database keeps only its SHA-256 hash. Creating a link retires the person's earlier
/// unused links of the same purpose, so only the newest works.
/// </summary>
public sealed class AccountLinks(AppDbContext db, TimeProvider clock, IOptions<AccountsOptions> options, IOptions<SiteOptions> site)
{
    /// <summary>Adds a link (saved with the caller's SaveChangesAsync) and returns its absolute URL, which holds the token.</summary>
    public Task<string> CreateAsync(string userId, AccountTokenPurpose purpose, string? newEmail = null, CancellationToken ct = default) =>
        MakeAsync(userId, purpose, newEmail, ct);

    /// <summary>
    /// The same work as <see cref="CreateAsync"/> (the query for older links, a token and its hash, the URL) for a
    /// request that names no account, with nothing kept: so an answer that must not tell whether an address has an
    /// account does not take less time when it has none.
    /// </summary>
    public Task<string> CreateForNobodyAsync(AccountTokenPurpose purpose, CancellationToken ct = default) =>
        MakeAsync(null, purpose, null, ct);

    private async Task<string> MakeAsync(string? userId, AccountTokenPurpose purpose, string? newEmail, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // No account has the empty id: for nobody, the same query finds nothing.
        var owner = userId ?? "";
        var older = await db.AccountTokens.Where(t => t.UserId == owner && t.Purpose == purpose && t.UsedUtc == null).ToListAsync(ct);
        foreach (var t in older)
            t.UsedUtc = now;

        var token = SecretTokens.New();
        var lifetime = purpose == AccountTokenPurpose.Invitation ? options.Value.InvitationLifetime : options.Value.PasswordResetLifetime;
        var row = new AccountToken
        {
            UserId = owner,
            Purpose = purpose,
            TokenHash = Hash(token),
            NewEmail = newEmail,
            CreatedUtc = now,
            ExpiresUtc = now + lifetime,
        };
        if (userId is not null)
            db.AccountTokens.Add(row);
        var path = purpose == AccountTokenPurpose.EmailChange ? BackofficePaths.ConfirmEmail : BackofficePaths.SetPassword;
        return $"{site.Value.PublicBaseUrl.TrimEnd('/')}{path}?token={token}";
    }

    /// <summary>The link's row when it exists, is unused, has not expired and belongs to an enabled account; otherwise null.</summary>
    public async Task<AccountToken?> FindValidAsync(string? token, IReadOnlyCollection<AccountTokenPurpose> purposes, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
            return null;
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.AccountTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (row is null || row.UsedUtc is not null || row.ExpiresUtc <= now || !purposes.Contains(row.Purpose))
            return null;
        var enabled = await db.Users.AnyAsync(u => u.Id == row.UserId && !u.IsDisabled, ct);
        return enabled ? row : null;
    }

    /// <summary>How long a link of this purpose lives, for the text of the mail.</summary>
    public TimeSpan Lifetime(AccountTokenPurpose purpose) =>
        purpose == AccountTokenPurpose.Invitation ? options.Value.InvitationLifetime : options.Value.PasswordResetLifetime;

    public static string Hash(string token) => SecretTokens.Hash(token);
}
