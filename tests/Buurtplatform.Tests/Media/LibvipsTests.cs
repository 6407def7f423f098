using System.Net;
using System.Text.Json;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Media;

/// <summary>libvips as a subprocess: missing (a wrong path), too slow (killed with its children), and at most N at once.</summary>
public sealed class LibvipsTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("bp-vips-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static async Task<JsonElement> HealthAsync(HttpClient client, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync("/health");
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task TheHealthEndpointReportsTheDatabaseAndTheLibvipsVersion()
    {
        PhotoFixtures.RequireVips();
        using var site = new SiteFactory();
        site.UseTestRemoteAddresses();
        var health = await HealthAsync(site.HttpsClientFrom(IPAddress.Loopback)); // the details are for this machine (and administrators)
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("libvips").GetProperty("status").GetString());
        Assert.StartsWith("vips-8.", health.GetProperty("libvips").GetProperty("version").GetString());
    }

    [Fact]
    public async Task WithoutLibvipsPhotosAreRefusedWithTheInstallCommandAndTheRestOfTheSiteWorks()
    {
        using var site = new SiteFactory();
        site.Settings["Media:VipsPath"] = "/nonexistent/bin/vips";
        site.UseTestRemoteAddresses();
        var client = site.CreateClient();

        // The site itself works.
        foreach (var page in new[] { "/", "/den-haag/schilderswijk", "/den-haag/schilderswijk/ontmoetingsplekken/peuterlokaal-2samen", "/agenda", "/agenda.ics" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);

        // /health says what is wrong, what it means and how to fix it (to this machine and administrators).
        var health = await HealthAsync(site.HttpsClientFrom(IPAddress.Loopback));
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("database").GetProperty("status").GetString());
        var libvips = health.GetProperty("libvips");
        Assert.Equal("missing", libvips.GetProperty("status").GetString());
        Assert.Contains("/nonexistent/bin/vips", libvips.GetProperty("detail").GetString());
        Assert.Equal("sudo apt-get install libvips-tools", libvips.GetProperty("fix").GetString());
        Assert.Contains(site.Logs.Entries, e => e.Message.Contains("sudo apt-get install libvips-tools", StringComparison.Ordinal));

        // An upload is refused: libvips is missing, and the message says how to install it.
        var result = await site.AddAsync(PhotoFixtures.PngClaiming(100, 100));
        Assert.Equal(UploadProblem.ProcessorMissing, result.Problem);
        Assert.Contains("/nonexistent/bin/vips", result.Detail);
        Assert.Equal(0, await site.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.MediaItems)));
        Assert.Empty(MediaTestSite.FilesUnder(site.Store().Originals));
        Assert.Empty(MediaTestSite.FilesUnder(site.Store().Work));
        Assert.Contains("sudo apt-get install libvips-tools", new ImageProcessorUnavailableException("x").Message);

        // So is an import with a photo, naming the file and the command; nothing is imported.
        var content = ContentPhotoImportTests.SeedWithPhoto(_work, "taalplezier.png", PhotoFixtures.PngClaiming(100, 100));
        await using var scope = site.Scope();
        var error = await Assert.ThrowsAsync<ContentImportException>(() => scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(content));
        var line = Assert.Single(error.Errors);
        Assert.Equal(("den-haag/schilderswijk/activiteiten/taalplezier-voor-peuters.md", "photo.file"), (line.File, line.Field));
        Assert.Contains("libvips is not available", line.Message);
        Assert.Contains("sudo apt-get install libvips-tools", line.Message);
    }

    /// <summary>A stand-in for vips: a shell script that behaves as the test needs.</summary>
    private string FakeVips(string script)
    {
        var path = Path.Combine(_work, "fake-vips");
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat")
        && !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');

    [Fact]
    public async Task AVipsRunOverTheTimeLimitIsKilledWithItsChildrenAndReported()
    {
        TestEnvironment.Require(OperatingSystem.IsLinux(), "Linux (/proc, /bin/sh)");
        var pidFile = Path.Combine(_work, "child.pid");
        using var site = new SiteFactory();
        site.Settings["Media:VipsPath"] = FakeVips($"sleep 60 & echo $! > {pidFile}; wait");
        site.Settings["Media:Timeout"] = "00:00:01";
        _ = site.CreateClient();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await site.AddAsync(PhotoFixtures.PngClaiming(100, 100));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30));

        Assert.Equal(UploadProblem.ProcessingFailed, result.Problem);
        Assert.Contains("took longer than 1 seconds", result.Detail);
        var child = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        // SIGKILL is delivered asynchronously: give the kernel a moment to finish the child off.
        for (var i = 0; i < 50 && IsAlive(child); i++)
            await Task.Delay(100);
        Assert.False(IsAlive(child), "the sleep started by the fake vips must be killed with it: " + (File.Exists($"/proc/{child}/stat") ? File.ReadAllText($"/proc/{child}/stat") : "gone"));
        Assert.Empty(MediaTestSite.FilesUnder(site.Store().Originals));
    }

    [Fact]
    public async Task AFailingVipsRunIsReportedWithItsErrorOutput()
    {
        using var site = new SiteFactory();
        site.Settings["Media:VipsPath"] = FakeVips("echo 'VipsJpeg: Premature end of input file' >&2; exit 1");
        _ = site.CreateClient();

        var result = await site.AddAsync(PhotoFixtures.PngClaiming(100, 100));
        Assert.Equal(UploadProblem.ProcessingFailed, result.Problem);
        Assert.Contains("Premature end of input file", result.Detail);
        Assert.Contains(site.Logs.Entries, e => e.Message.Contains("Premature end of input file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoMoreVipsProcessesRunAtOnceThanTheLimitAndTheyGetAFixedArgumentList()
    {
        TestEnvironment.Require(OperatingSystem.IsLinux(), "Linux (/bin/sh)");
        var log = Path.Combine(_work, "runs.log");
        using var site = new SiteFactory();

        // Each run logs its start and end and its arguments one per line; the arguments are never handed to a shell.
        site.Settings["Media:VipsPath"] = FakeVips($"echo \"start $$\" >> {log}; for a in \"$@\"; do echo \"arg $a\" >> {log}; done; sleep 0.3; echo \"end $$\" >> {log}");
        site.Settings["Media:Concurrency"] = "2";
        _ = site.CreateClient();
        var processor = site.Services.GetRequiredService<IImageProcessor>();

        var evil = Path.Combine(_work, "in; touch pwned.jpg");
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => processor.NormaliseAsync(evil, Path.Combine(_work, $"out{i}.jpg"))));

        var lines = File.ReadAllLines(log);
        var running = 0;
        var most = 0;
        foreach (var line in lines.Where(l => !l.StartsWith("arg ", StringComparison.Ordinal)))
        {
            running += line.StartsWith("start", StringComparison.Ordinal) ? 1 : -1;
            most = Math.Max(most, running);
        }

        Assert.Equal(6, lines.Count(l => l.StartsWith("start", StringComparison.Ordinal)));
        Assert.Equal(2, most);
        Assert.Contains($"arg {evil}", lines);
        Assert.False(File.Exists(Path.Combine(_work, "pwned.jpg")));
        Assert.False(File.Exists(Path.Combine(site.Store().Work, "pwned.jpg")));
    }

    [Theory]
    [InlineData("Media:MaxBytes", "10", "Media:MaxBytes must be at least 1024 bytes")]
    [InlineData("Media:Widths:1", "100", "Media:Widths must be one or more distinct widths")]
    [InlineData("Media:Concurrency", "0", "Media:Concurrency must be from 1 to 256")]
    [InlineData("Media:SigningKey", "c2hvcnQ=", "Media:SigningKey must be base64 of at least 32 random bytes")]
    [InlineData("Media:MaxMegapixels", "0", "Media:MaxMegapixels must be more than 0")]
    public void BadSettingsStopTheStartWithTheSettingNamed(string key, string value, string message)
    {
        using var site = new SiteFactory();
        site.Settings[key] = value;
        if (key.StartsWith("Media:Widths", StringComparison.Ordinal))
            site.Settings["Media:Widths:0"] = "400"; // 400, 100: not ascending
        var error = Assert.ThrowsAny<Exception>(() => site.CreateClient());
        Assert.Contains(message, error.ToString());
    }
}
