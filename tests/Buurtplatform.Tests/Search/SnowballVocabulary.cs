namespace Buurtplatform.Tests.Search;

/// <summary>
/// Snowball's test vocabulary for its original Dutch stemmer (Data/snowball-dutch, BSD, see
/// COPYING there): each word of voc.txt with its expected stem on the same line of output.txt.
/// </summary>
internal static class SnowballVocabulary
{
    private static readonly Lazy<(string Word, string Stem)[]> Pairs = new(Load);

    public static IReadOnlyList<(string Word, string Stem)> All => Pairs.Value;

    private static (string Word, string Stem)[] Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Search", "Data", "snowball-dutch");
        var words = File.ReadAllLines(Path.Combine(folder, "voc.txt"));
        var stems = File.ReadAllLines(Path.Combine(folder, "output.txt"));
        if (words.Length != stems.Length)
            throw new InvalidDataException($"voc.txt has {words.Length} lines but output.txt has {stems.Length}.");
        return words.Zip(stems).ToArray();
    }
}
