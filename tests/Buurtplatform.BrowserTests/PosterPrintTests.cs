using System.Diagnostics;
using Buurtplatform.BrowserTests.Infrastructure;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Buurtplatform.BrowserTests;

/// <summary>
/// The week poster as it leaves the printer: Chromium prints it to PDF on A4, poppler's pdftoppm renders the
/// pages, and zbar's zbarimg (Debian zbar-tools) reads the QR codes off the image, as a phone's camera would.
/// </summary>
public sealed class PosterPrintTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    [Theory]
    [InlineData("/den-haag/schilderswijk/poster")]
    [InlineData("/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen/poster")]
    public async Task ANormalWeeksPosterPrintsOnOneA4PageAndEveryQrCodeReadsAsItsActivitysAddress(string path)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        var titles = (await page.Locator("ol.items > li h2").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        Assert.NotEmpty(titles);

        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
        var dir = Directory.CreateTempSubdirectory("bp-poster-").FullName;
        try
        {
            var file = Path.Combine(dir, "poster.pdf");
            await File.WriteAllBytesAsync(file, pdf, TestContext.Current.CancellationToken);
            var pdftoppm = Tool("pdftoppm", "poppler-utils");
            var zbarimg = Tool("zbarimg", "zbar-tools");

            await RunAsync(pdftoppm, "-r", "150", "-png", file, Path.Combine(dir, "page"));
            var pages = Directory.GetFiles(dir, "page*.png").Order(StringComparer.Ordinal).ToList();
            Assert.True(pages.Count == 1, $"{path} printed on {pages.Count} pages; a normal week fits on one A4.");
            Assert.Equal((1240, 1754), PngSize(pages[0])); // A4 at 150 dpi: 210 × 297 mm

            var decoded = (await RunAsync(zbarimg, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", pages[0]))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

            // What each code must say, from the database: the sign-up form where parents sign up, else the activity's page.
            using var scope = browser.Site.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var activities = await db.PublicActivities().Where(a => a.Wijk.Slug == "schilderswijk").ToListAsync(TestContext.Current.CancellationToken);
            var root = browser.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/');
            var expected = titles.Select(t => activities.Single(a => a.Title == t))
                .Select(a => root + Links.Activity(a) + (a.SignUpRequired ? "/aanmelden" : ""))
                .Append(root + "/agenda?wijk=den-haag/schilderswijk")
                .Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, decoded.Order(StringComparer.Ordinal).ToList());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Tool(string name, string package)
    {
        var found = Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        TestEnvironment.Require(found is not null, $"{name} (Debian package {package})");
        return found!;
    }

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(program)} exited with {process.ExitCode}: {await error}");
        return await output;
    }

    /// <summary>Width and height from the PNG's IHDR chunk (bytes 16–23, big-endian).</summary>
    private static (int Width, int Height) PngSize(string file)
    {
        var b = File.ReadAllBytes(file);
        return (b[16] << 24 | b[17] << 16 | b[18] << 8 | b[19], b[20] << 24 | b[21] << 16 | b[22] << 8 | b[23]);
    }
}
