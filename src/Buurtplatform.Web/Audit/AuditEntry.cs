namespace Buurtplatform.Web.Audit;

/// <summary>
/// One line of the audit log: who did what, to what, when (UTC) and from where. Rows are only
/// ever added. Never put passwords, tokens, links with tokens, or parents' personal data in any field.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime OccurredUtc { get; set; }

    /// <summary>One of <see cref="AuditAction"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The staff member's id; null for the system, a command, or an unknown account.</summary>
    public string? ActorId { get; set; }

    /// <summary>The actor as shown: the staff member's e-mail address at that moment, or "command:create-admin", "system".</summary>
    public string ActorName { get; set; } = "";

    /// <summary>What was acted on, as <c>kind:id</c> (<c>user:…</c>, <c>wijk:12</c>, <c>activity:7</c>), or null.</summary>
    public string? Target { get; set; }

    /// <summary>
    /// A short description of the change, in English: a record keeps the words it was written with,
    /// whatever language the audit page is later shown in (the page translates <see cref="Action"/>).
    /// </summary>
    public string? Detail { get; set; }

    /// <summary>From where: the client's IP address, or <c>command-line</c> / <c>startup</c>.</summary>
    public string Origin { get; set; } = "";
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditLog");
        b.Property(e => e.Action).HasMaxLength(64);
        b.Property(e => e.ActorId).HasMaxLength(64);
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Target).HasMaxLength(128);
        b.Property(e => e.Detail).HasMaxLength(1000);
        b.Property(e => e.Origin).HasMaxLength(64);
        b.HasIndex(e => e.OccurredUtc);
        b.HasIndex(e => new { e.Action, e.OccurredUtc });
        b.HasIndex(e => new { e.ActorId, e.OccurredUtc });
    }
}
