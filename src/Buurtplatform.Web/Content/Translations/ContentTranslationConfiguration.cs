using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Buurtplatform.Web.Content.Translations;

internal sealed class ContentTranslationConfiguration : IEntityTypeConfiguration<ContentTranslation>
{
    public void Configure(EntityTypeBuilder<ContentTranslation> b)
    {
        b.ToTable("ContentTranslations");
        b.HasIndex(t => new { t.NodeKey, t.Culture }).IsUnique();
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.Culture).HasMaxLength(8);
        b.Property(t => t.SourceHash).HasMaxLength(TranslatableFields.HashLength);
        b.Property(t => t.Fields).HasConversion(FieldsConverter, FieldsComparer);
    }

    /// <summary>
    /// The fields as one JSON object (path → text, in path order), the same text on both providers. Choices: A) a
    /// row per field; B) provider JSON columns (owned <c>ToJson</c> cannot map a dictionary); C) this: the map is
    /// always read and written whole, never queried inside.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static readonly ValueConverter<Dictionary<string, string>, string> FieldsConverter = new(
        v => JsonSerializer.Serialize(new SortedDictionary<string, string>(v, StringComparer.Ordinal), Json),
        v => new Dictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(v, Json) ?? new(), StringComparer.Ordinal));

    private static readonly ValueComparer<Dictionary<string, string>> FieldsComparer = new(
        (a, b) => a != null && b != null && a.Count == b.Count && a.All(x => b.ContainsKey(x.Key) && b[x.Key] == x.Value),
        v => v.OrderBy(x => x.Key, StringComparer.Ordinal).Aggregate(0, (h, x) => HashCode.Combine(h, x.Key, x.Value)),
        v => new Dictionary<string, string>(v, StringComparer.Ordinal));
}
