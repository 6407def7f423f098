using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Buurtplatform.BrowserTests.Infrastructure;

/// <summary>axe-core on the page as it is now, with the project's WCAG tags (design: WCAG 2.2 AA).</summary>
/// <remarks>
/// A page without frames is checked by <c>axe.run</c> in the page itself, with the axe-core script that
/// Deque.AxeCore.Playwright bundles (the same version and rules), put into the document once. Deque's
/// <c>page.RunAxe</c> does more work for the same answer on such a page: it evaluates the 650 kB script again on
/// every call, runs <c>axe.runPartial</c>, then opens a new browser page, evaluates the script there too and runs
/// <c>axe.finishRun</c> on the partial results shipped through the driver; 3.5–5 s a call against about 1 s on a
/// loaded 2-core machine. A page with frames still goes through <c>page.RunAxe</c>, which checks each frame.
/// </remarks>
internal static class Axe
{
    public static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Lazy<string> Script = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// Every rule with the tags runs on every element; <c>resultTypes</c> only keeps axe from listing every node that
    /// passed (or needs review, or did not apply), which nothing here reads. Violations are reported in full.
    /// </summary>
    private const string RunInPage = """
        async tags => {
            const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact ?? '', help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({ target: JSON.stringify(n.target), html: n.html })),
            }));
        }
        """;

    /// <summary>Fails with every violation, its rule, help link and the offending elements; <paramref name="what"/> names the page in the message.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var violations = page.Frames.Count > 1 ? await RunWithFramesAsync(page) : await RunAsync(page);
        Assert.True(violations.Count == 0, $"axe found {violations.Count} WCAG violation(s) on {what}:\n" + string.Join("\n", violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help} {v.HelpUrl}\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Target}  {n.Html}")))));
    }

    private static async Task<List<Violation>> RunAsync(IPage page)
    {
        // Once per document: a second check of the same page (after a click that changed it) reuses the script.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync("() => { " + Script.Value + "\n}");
        var json = await page.EvaluateAsync<JsonElement>(RunInPage, WcagTags);
        return json.Deserialize<List<Violation>>(JsonOptions) ?? [];
    }

    private static async Task<List<Violation>> RunWithFramesAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags } });
        return [.. result.Violations.Select(v => new Violation(v.Id, v.Impact, v.Help, v.HelpUrl,
            [.. v.Nodes.Select(n => new ViolationNode(n.Target?.ToString() ?? "", n.Html))]))];
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record Violation(string Id, string Impact, string Help, string HelpUrl, List<ViolationNode> Nodes);

    private sealed record ViolationNode(string Target, string Html);
}
