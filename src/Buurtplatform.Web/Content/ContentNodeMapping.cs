namespace Buurtplatform.Web.Content;

internal static class ContentNodeMapping
{
    /// <summary>The columns every content node has.</summary>
    public static void MapNode<T>(this EntityTypeBuilder<T> b) where T : ContentNode
    {
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Slug).HasMaxLength(80).IsRequired();
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        b.Ignore(x => x.IsPublished);
    }
}
