using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Buurtplatform.Tests.Infrastructure;

namespace Buurtplatform.Tests.Site;

/// <summary>
/// scripts/run.sh's own logic, run for real with a stand-in <c>dotnet</c> first on PATH that records how it is
/// called: what it prints, when it builds, and that a command of the app runs next to a running site. (The app's
/// own progress lines are tested in <see cref="StartupProgressTests"/>.)
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RunScriptTests
{
    private const int SitePort = 5080;

    private sealed record Run(int ExitCode, string Output, List<string> DotnetCalls);

    private static async Task<Run> RunAsync(params string[] args)
    {
        var dir = Directory.CreateTempSubdirectory("bp-run-sh-").FullName;
        try
        {
            var log = Path.Combine(dir, "dotnet-calls.txt");
            var fake = Path.Combine(dir, "dotnet");
            await File.WriteAllTextAsync(fake, """
                #!/usr/bin/env bash
                printf '%s\n' "$*" >> "$FAKE_DOTNET_LOG"
                case "$1" in
                    --list-sdks) echo "10.0.100 [/usr/share/dotnet/sdk]" ;;
                    run) echo "the app ran" ;;
                esac
                """.Replace("\r\n", "\n", StringComparison.Ordinal));
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = TestEnvironment.RepoRoot };
            start.ArgumentList.Add(Path.Combine(TestEnvironment.RepoRoot, "scripts", "run.sh"));
            foreach (var a in args)
                start.ArgumentList.Add(a);
            start.Environment["PATH"] = dir + ":" + Environment.GetEnvironmentVariable("PATH");
            start.Environment["FAKE_DOTNET_LOG"] = log;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var calls = File.Exists(log) ? (await File.ReadAllLinesAsync(log)).Where(l => l != "--list-sdks").ToList() : [];
            return new Run(process.ExitCode, await stdout + await stderr, calls);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Listens on the site's port for the test, unless something (a site) already does.</summary>
    private static TcpListener? OccupySitePort()
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, SitePort);
            listener.Start();
            return listener;
        }
        catch (SocketException)
        {
            return null; // in use already: just as good
        }
    }

    private static bool SitePortFree()
    {
        using var listener = OccupySitePort();
        return listener is not null;
    }

    [Fact]
    public async Task CreateAdminRunsWhileTheSiteRunsWithoutRebuildingUnderItAndWithoutASiteLine()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "bash scripts");
        using var site = OccupySitePort();
        try
        {
            var run = await RunAsync("create-admin", "beheer@example.nl", "Eerste Beheerder");

            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Equal(["run -c Release --no-launch-profile --no-build -- create-admin beheer@example.nl Eerste Beheerder"], run.DotnetCalls);
            Assert.Contains("the app ran", run.Output);
            Assert.DoesNotContain("in use", run.Output);
            Assert.DoesNotContain("Site:", run.Output);
            Assert.DoesNotContain("starting http://localhost:5080", run.Output);
        }
        finally
        {
            site?.Stop();
        }
    }

    [Fact]
    public async Task TheSiteSaysItIsBuildingThenStartingAndLeavesReadyToTheApp()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "bash scripts");
        Assert.SkipUnless(SitePortFree(), $"port {SitePort} is in use on this machine (a site runs)");

        var run = await RunAsync();

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(["build -c Release -nologo -v quiet", "run -c Release --no-launch-profile --no-build --"], run.DotnetCalls);
        var building = run.Output.IndexOf("[run.sh] building…", StringComparison.Ordinal);
        var starting = run.Output.IndexOf("[run.sh] starting http://localhost:5080; wait for the line 'Ready'…", StringComparison.Ordinal);
        Assert.True(building >= 0 && starting > building, run.Output);
        Assert.DoesNotContain("Site:", run.Output);
    }

    [Fact]
    public async Task ASecondSiteIsRefusedWithAPointerToRunningACommandNextToTheFirst()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "bash scripts");
        using var site = OccupySitePort();
        try
        {
            var run = await RunAsync();

            Assert.Equal(1, run.ExitCode);
            Assert.Empty(run.DotnetCalls);
            Assert.Contains("port 5080 is already in use", run.Output);
            Assert.Contains("bash scripts/run.sh create-admin", run.Output);
        }
        finally
        {
            site?.Stop();
        }
    }
}
