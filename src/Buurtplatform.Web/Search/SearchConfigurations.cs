namespace Buurtplatform.Web.Search;

internal sealed class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    public void Configure(EntityTypeBuilder<SearchDocument> b)
    {
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.NodeKey).IsUnique();
        b.HasIndex(x => x.IndexVersion);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ActivityType).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.AgeBands).HasConversion<int>();
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Url).HasMaxLength(400);
    }
}

internal sealed class SearchTermConfiguration : IEntityTypeConfiguration<SearchTerm>
{
    public void Configure(EntityTypeBuilder<SearchTerm> b)
    {
        b.HasKey(x => x.Word);
        b.Property(x => x.Word).HasMaxLength(DutchAnalyzer.MaxWordLength);
    }
}

internal sealed class SearchIndexStateConfiguration : IEntityTypeConfiguration<SearchIndexState>
{
    public void Configure(EntityTypeBuilder<SearchIndexState> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        // The row exists from the migration on, so index writes only ever UPDATE it (an increment, which
        // two concurrent publishes cannot lose).
        b.HasData(new SearchIndexState { Id = SearchIndexState.SingletonId, Version = 0 });
    }
}
