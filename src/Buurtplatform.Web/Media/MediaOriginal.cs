namespace Buurtplatform.Web.Media;

/// <summary>
/// A stored original in the database (<c>Media:Store</c> = <c>Database</c>): the bytes of the normalised
/// file, under the same generated name the file system would use. Written once, never changed: a replaced
/// photo gets a new name.
/// </summary>
public sealed class MediaOriginal
{
    public string StorageName { get; set; } = "";

    /// <summary>PostgreSQL <c>bytea</c>, SQLite blob.</summary>
    public byte[] Content { get; set; } = [];
}

internal sealed class MediaOriginalConfiguration : IEntityTypeConfiguration<MediaOriginal>
{
    public void Configure(EntityTypeBuilder<MediaOriginal> b)
    {
        b.HasKey(x => x.StorageName);
        b.Property(x => x.StorageName).HasMaxLength(80);
    }
}
