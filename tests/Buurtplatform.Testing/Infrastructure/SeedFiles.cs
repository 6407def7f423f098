namespace Buurtplatform.Tests.Infrastructure;

/// <summary>What the seed content folder (umbraco-content/) holds, counted the way an import counts it.</summary>
public static class SeedFiles
{
    /// <summary>A translation (<c>babybootcamp.ar.md</c>): a dot before <c>.md</c>, which no node's slug has.</summary>
    public static bool IsTranslation(string path) => Path.GetFileNameWithoutExtension(path).Contains('.', StringComparison.Ordinal);

    /// <summary>The node files: every .md file but the README, a vision's example ideas (visie-ideeen.md) and the translations.</summary>
    public static int Nodes => Markdown.Count(f => !f.EndsWith("README.md", StringComparison.Ordinal) && !f.EndsWith("visie-ideeen.md", StringComparison.Ordinal) && !IsTranslation(f));

    /// <summary>The translation files, each one row.</summary>
    public static int Translations => Markdown.Count(IsTranslation);

    private static string[] Markdown => Directory.GetFiles(TestEnvironment.SeedContent, "*.md", SearchOption.AllDirectories);
}
