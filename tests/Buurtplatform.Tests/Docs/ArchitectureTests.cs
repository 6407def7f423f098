using System.Text.RegularExpressions;
using Buurtplatform.Tests.Infrastructure;

namespace Buurtplatform.Tests.Docs;

/// <summary>The shape docs/architecture.md promises, checked on the source.</summary>
public sealed partial class ArchitectureTests
{
    private static readonly string WebProject = Path.Combine(TestEnvironment.RepoRoot, "src", "Buurtplatform.Web");

    // Infrastructure/ serves every feature, so it may not depend on one: a feature's type there would drag the
    // feature into every other. Data/ (the DbContext) is shared, not a feature.
    [Fact]
    public void InfrastructureImportsNoFeature()
    {
        var features = Directory.GetDirectories(WebProject)
            .Select(Path.GetFileName)
            .Where(name => name is not ("Infrastructure" or "Data" or "Properties" or "wwwroot" or "bin" or "obj" or "App_Data"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Activities", features);

        var found = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(WebProject, "Infrastructure"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in FeatureReference().Matches(File.ReadAllText(file)))
            {
                if (features.Contains(m.Groups[1].Value))
                {
                    found.Add($"{Path.GetFileName(file)}: Buurtplatform.Web.{m.Groups[1].Value}");
                }
            }
        }

        Assert.True(found.Count == 0, "Infrastructure/ refers to features: " + string.Join(", ", found.Distinct()));
    }

    [GeneratedRegex(@"\bBuurtplatform\.Web\.(\w+)")]
    private static partial Regex FeatureReference();
}
