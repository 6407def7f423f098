using System.Diagnostics;
using System.Text.Json;
using Buurtplatform.Tests.Infrastructure;

namespace Buurtplatform.Tests.Pages;

/// <summary>
/// Every public page type, as the server renders it, through the Nu Html Checker (vnu.jar, the W3C
/// validator's engine). The checker refuses loopback URLs, so the pages are saved to files first
/// and checked in one run (one JVM start, a few seconds).
/// </summary>
public sealed class HtmlValidityTests
{
    private static readonly (string Url, int Status)[] Pages =
    [
        ("/", 200),
        ("/den-haag", 200),
        ("/den-haag/schilderswijk", 200),
        ("/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen", 200),
        ("/den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters", 200),
        ("/den-haag/schilderswijk/visie", 200),
        ("/agenda", 200),
        ("/agenda?wijk=den-haag/schilderswijk&leeftijd=2&eenheid=jaar&dag=dinsdag", 200),
        ("/agenda?leeftijd=0&soort=peutergedrag&gratis=ja&dag=zondag", 200), // no results: the "widen your choice" block
        ("/agenda?leeftijd=9&dag=blauw", 400), // filters it cannot read: the notice
        ("/agenda?postcode=2525&afstand=1&leeftijd=2", 200), // near me: the summary line, distances, pages
        ("/agenda?postcode=4301&afstand=2", 200), // nothing near: the next distance
        ("/agenda?postcode=0000", 200), // an unknown postcode: the open form with the field marked
        ("/agenda?pagina=2", 200),
        ("/?postcode=2525", 200), // home: this week within 2 km
        ("/?postcode=4301", 200), // home: nothing near
        ("/zoeken?q=peuter&postcode=2525&afstand=1", 200), // search within a distance
        ("/den-haag/moerwijk/activiteiten/peutergedrag-avond/aanmelden", 200), // the sign-up form
        ("/den-haag/moerwijk/activiteiten/babybootcamp/aanmelden", 200), // a course's form
        ("/privacy", 200),
        ("/api", 200), // the Delivery API reference
        ("/den-haag/schilderswijk/visie/reageren", 200), // the idea form
        ("/den-haag/schilderswijk/visie/reageren/klaar", 200), // its thank-you page
        ("/mijn-idee/onbekend", 404), // an idea's personal link that does not work
        ("/den-haag/schilderswijk/poster", 200), // the week poster
        ("/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen/poster?week=2026-W49", 200),
        ("/den-haag/schilderswijk/poster?week=blauw", 400),
        ("/embed/den-haag/schilderswijk", 200), // the agenda for a partner's frame
        ("/embed/den-haag/schilderswijk/peuterlokaal-2samen", 200), // a place's
        ("/bestaat-niet", 404),
        ("/fout", 500),
    ];

    [Fact]
    public async Task EveryPageTypeIsValidHtml()
    {
        using var site = new SiteFactory();
        // https, as the site is served: the sign-up forms carry antiforgery cookies that are Secure-only.
        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var pages = new List<(string Name, string Html)>();
        foreach (var (url, status) in Pages)
        {
            var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.True((int)response.StatusCode == status, $"GET {url}: expected {status}, got {(int)response.StatusCode}.");
            pages.Add((url, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        }

        await NuChecker.AssertValidAsync(pages);
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task EveryPageTypeIsValidHtmlInArabicAndEnglish(string language)
    {
        using var site = new SiteFactory();
        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var pages = new List<(string Name, string Html)>();
        foreach (var (dutch, status) in Pages.Where(p => p.Url != "/api")) // the API reference is for developers, in Dutch
        {
            var url = "/" + language + dutch;
            var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.True((int)response.StatusCode == status, $"GET {url}: expected {status}, got {(int)response.StatusCode}.");
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains($"<html lang=\"{language}\"", html, StringComparison.Ordinal);
            pages.Add((url, html));
        }

        await NuChecker.AssertValidAsync(pages);
    }
}

/// <summary>The Nu Html Checker (vnu.jar) over pages already rendered: for tests whose pages need state first (a sent idea, a signed-in editor).</summary>
public static class NuChecker
{
    /// <summary>Runs the checker once over the pages (each named for the message), and fails with every error it finds.</summary>
    public static async Task AssertValidAsync(IReadOnlyList<(string Name, string Html)> pages)
    {
        var jar = TestEnvironment.ToolsPath is { } tools ? Path.Combine(tools, "node_modules", "vnu-jar", "build", "dist", "vnu.jar") : null;
        TestEnvironment.Require(jar is not null && File.Exists(jar), "The Nu Html Checker (BUURTPLATFORM_TEST_TOOLS/node_modules/vnu-jar)");
        var java = FindOnPath("java");
        TestEnvironment.Require(java is not null, "Java (java on PATH)");

        var dir = Directory.CreateTempSubdirectory("bp-vnu-").FullName;
        try
        {
            var pageOfFile = new Dictionary<string, string>();
            for (var i = 0; i < pages.Count; i++)
            {
                var file = Path.Combine(dir, $"page-{i:00}.html");
                await File.WriteAllTextAsync(file, pages[i].Html, TestContext.Current.CancellationToken);
                pageOfFile[Path.GetFileName(file)] = pages[i].Name;
            }

            var (output, errorOutput) = await RunAsync(java!, ["-jar", jar!, "--format", "json", "--errors-only", .. pageOfFile.Keys.Select(f => Path.Combine(dir, f))]);

            // vnu writes its JSON report to standard error.
            var json = string.IsNullOrWhiteSpace(errorOutput) ? output : errorOutput;
            List<string> problems;
            try
            {
                problems = JsonDocument.Parse(json).RootElement.GetProperty("messages").EnumerateArray().Select(m =>
                {
                    var page = m.TryGetProperty("url", out var u) && pageOfFile.TryGetValue(Path.GetFileName(u.GetString() ?? ""), out var p) ? p : "?";
                    var line = m.TryGetProperty("lastLine", out var l) ? l.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
                    var extract = m.TryGetProperty("extract", out var e) ? $"  «{e.GetString()!.ReplaceLineEndings(" ").Trim()}»" : "";
                    return $"{page} line {line}: {m.GetProperty("type").GetString()}: {m.GetProperty("message").GetString()}{extract}";
                }).ToList();
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"The Nu Html Checker did not answer JSON ({ex.Message}).\nstdout: {output}\nstderr: {errorOutput}");
            }

            Assert.True(problems.Count == 0, $"The Nu Html Checker found {problems.Count} error(s):\n" + string.Join("\n", problems));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(string Output, string Error)> RunAsync(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (await output, await error);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
}
