namespace Buurtplatform.Tests.Infrastructure;

/// <summary>
/// What the test command (scripts/test.sh) provides through the environment. Outside that command a
/// test whose component is missing is skipped with a reason; under it (BUURTPLATFORM_TEST_STRICT=1) it fails.
/// </summary>
public static class TestEnvironment
{
    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable("BUURTPLATFORM_TEST_POSTGRES");

    public static string? ToolsPath => Environment.GetEnvironmentVariable("BUURTPLATFORM_TEST_TOOLS");

    public static bool Strict => Environment.GetEnvironmentVariable("BUURTPLATFORM_TEST_STRICT") == "1";

    /// <summary>Skips (or, when strict, fails) a test whose component is missing.</summary>
    public static void Require(bool available, string what)
    {
        if (available)
            return;
        var message = $"{what} is not available; run the README's test command (bash scripts/test.sh), which provides it.";
        if (Strict)
            Assert.Fail(message);
        Assert.Skip(message);
    }

    public static string RequirePostgres()
    {
        Require(!string.IsNullOrEmpty(PostgresConnectionString), "PostgreSQL (BUURTPLATFORM_TEST_POSTGRES)");
        return PostgresConnectionString!;
    }

    /// <summary>The repository root (the folder with Buurtplatform.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SeedContent => Path.Combine(RepoRoot, "umbraco-content");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Buurtplatform.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Cannot find the repository root (Buurtplatform.sln) above " + AppContext.BaseDirectory);
    }
}
