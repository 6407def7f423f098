using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Buurtplatform.Web.Data;

/// <summary>Stores DateTime as UTC and reads it back with <see cref="DateTimeKind.Utc"/>.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

/// <summary>
/// Small lists stored as one comma-separated text column, readable and the same on every provider.
/// Choices: A) provider primitive collections (JSON in SQLite, arrays in PostgreSQL) — not available
/// inside owned types on both; B) this — portable, and these lists are never queried element-wise.
/// </summary>
public static class ListConversions
{
    public static ValueConverter<List<DayOfWeek>, string> Days { get; } = new(
        v => string.Join(',', v.Select(d => (int)d)),
        v => v.Length == 0 ? new List<DayOfWeek>() : v.Split(',', StringSplitOptions.None).Select(s => (DayOfWeek)int.Parse(s, CultureInfo.InvariantCulture)).ToList());

    public static ValueConverter<List<DateOnly>, string> Dates { get; } = new(
        v => string.Join(',', v.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        v => v.Length == 0 ? new List<DateOnly>() : v.Split(',', StringSplitOptions.None).Select(s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList());

    public static ValueComparer<List<T>> Comparer<T>() => new(
        (a, b) => a != null && b != null && a.SequenceEqual(b),
        v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
        v => v.ToList());
}
