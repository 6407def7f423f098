using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Buurtplatform.Web.Infrastructure;

/// <summary>
/// A secret of the site (a signing key), one row per name, encrypted with data protection: every node of a
/// cluster reads the same key from the database, and a copy of the database alone does not give it away
/// without the data-protection key ring.
/// </summary>
public sealed class SiteSecret
{
    /// <summary>What the secret is for, e.g. <c>media-url-signing</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The 32 random bytes, protected with the data-protection purpose of this name, as base64.</summary>
    public string ProtectedValue { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}

internal sealed class SiteSecretConfiguration : IEntityTypeConfiguration<SiteSecret>
{
    public void Configure(EntityTypeBuilder<SiteSecret> b)
    {
        b.ToTable("SiteSecrets");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.ProtectedValue).HasMaxLength(2000);
    }
}

/// <summary>
/// Reads a site secret, creating it the first time it is asked for. Two nodes starting together on an
/// empty database both propose a key; the insert keeps the first (<c>ON CONFLICT DO NOTHING</c>, which
/// SQLite and PostgreSQL both understand) and both read back the one that was kept.
/// </summary>
/// <remarks>
/// Choices: A) a key file in each node's data folder (what we had: every node made its own key, so a
/// photo URL or preview link made on one node was refused by the next); B) a configured key per
/// deployment; C) this. C needs no operator step and no shared disk; B still wins where it is configured.
/// </remarks>
public sealed class SiteSecrets(IServiceScopeFactory scopes, IDataProtectionProvider protection, ILogger<SiteSecrets> logger)
{
    private const string Purpose = "Buurtplatform.SiteSecrets";

    /// <summary>The secret's 32 bytes, from the database; made and stored first when there is none.</summary>
    public byte[] GetOrCreate(string name)
    {
        var protector = protection.CreateProtector(Purpose, name);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = Read(db, name);
        if (stored is null)
        {
            var proposed = Convert.ToBase64String(protector.Protect(RandomNumberGenerator.GetBytes(32)));
            // The machine's clock, not the site's TimeProvider: a note for operators, read at start-up, which no
            // behaviour depends on (tests that fix or break the site's clock need not serve it at start).
            var now = DateTime.UtcNow;
            var inserted = db.Database.ExecuteSql(
                $"INSERT INTO \"SiteSecrets\" (\"Name\", \"ProtectedValue\", \"CreatedUtc\") VALUES ({name}, {proposed}, {now}) ON CONFLICT (\"Name\") DO NOTHING");
            if (inserted == 1)
                logger.LogInformation("Generated the site secret {Name} and stored it in the database, encrypted with data protection", name);
            stored = Read(db, name) ?? throw new InvalidOperationException($"The site secret {name} was neither found nor stored.");
        }

        try
        {
            return protector.Unprotect(Convert.FromBase64String(stored));
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"The site secret {name} cannot be decrypted: the data-protection keys in the database (table DataProtectionKeys) are not the ones it was stored with. " +
                $"Restore them with the database, or delete the row from SiteSecrets to have a new key made (links signed with the old one then stop working).", e);
        }
    }

    private static string? Read(AppDbContext db, string name) =>
        db.SiteSecrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.ProtectedValue).SingleOrDefault();
}
