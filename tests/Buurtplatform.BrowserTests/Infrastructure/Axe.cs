using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Buurtplatform.BrowserTests.Infrastructure;

/// <summary>axe-core on the page as it is now, with the project's WCAG tags (design: WCAG 2.2 AA).</summary>
internal static class Axe
{
    public static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>Fails with every violation, its rule, help link and the offending elements; <paramref name="what"/> names the page in the message.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags } });
        var violations = result.Violations;
        Assert.True(violations.Length == 0, $"axe found {violations.Length} WCAG violation(s) on {what}:\n" + string.Join("\n", violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help} {v.HelpUrl}\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Target}  {n.Html}")))));
    }
}
