namespace Buurtplatform.Web.Infrastructure.Caching;

/// <summary>
/// The version of what the public pages show: one row (Id 1) whose <see cref="Version"/> every change
/// that evicts cached pages raises by one, in the change's own transaction (on PostgreSQL; see
/// <see cref="CacheChanges"/>). A node remembers the version it has applied and evicts everything when
/// the database holds a newer one it never heard of (<see cref="CacheCoherence"/>).
/// </summary>
public sealed class CacheVersion
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public long Version { get; set; }
}

internal sealed class CacheVersionConfiguration : IEntityTypeConfiguration<CacheVersion>
{
    public void Configure(EntityTypeBuilder<CacheVersion> b)
    {
        b.ToTable("CacheVersion");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        // The row exists from the migration on, so a change only ever UPDATEs it: an increment two
        // concurrent changes cannot lose, and whose row lock makes their versions commit in order.
        b.HasData(new CacheVersion { Id = CacheVersion.SingletonId, Version = 0 });
    }
}
