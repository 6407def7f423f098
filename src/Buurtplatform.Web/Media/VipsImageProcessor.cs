using System.ComponentModel;
using System.Diagnostics;

namespace Buurtplatform.Web.Media;

/// <summary>
/// libvips through its command-line tool, one short-lived process per step: a fixed argument list (never a
/// shell), a time limit that kills the whole process tree, at most <see cref="MediaOptions.Concurrency"/>
/// processes at once, standard error kept for the log and the exception.
/// </summary>
/// <remarks>
/// Choices: A) libvips in-process through a .NET binding — none restores from our registry, and a crash
/// in a decoder would take the site down; B) the <c>vips</c> CLI in a subprocess — a bad file costs one
/// process, limits are the operating system's, and the Debian package is all it needs.
/// </remarks>
public sealed class VipsImageProcessor : IImageProcessor, IDisposable
{
    // Bigger than any image we accept: thumbnail then never scales (with --size down) and only rotates, converts and strips.
    private const string NoLimit = "10000000";

    private static readonly TimeSpan AvailableFor = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MissingFor = TimeSpan.FromSeconds(10);

    private readonly MediaOptions _options;
    private readonly MediaStore _store;
    private readonly ILogger<VipsImageProcessor> _logger;
    private readonly SemaphoreSlim _slots;
    private (ProcessorStatus Status, DateTime At)? _status;

    public VipsImageProcessor(IOptions<MediaOptions> options, MediaStore store, ILogger<VipsImageProcessor> logger)
    {
        _options = options.Value;
        _store = store;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.Concurrency, _options.Concurrency);
    }

    public async Task<ProcessorStatus> StatusAsync(CancellationToken ct = default)
    {
        if (_status is { } s && DateTime.UtcNow - s.At < (s.Status.Available ? AvailableFor : MissingFor))
            return s.Status;
        ProcessorStatus status;
        try
        {
            var version = (await RunAsync(["--version"], ct)).Trim();
            status = new ProcessorStatus(true, version);
        }
        catch (ImageProcessorUnavailableException e)
        {
            status = new ProcessorStatus(false, e.Detail);
            _logger.LogWarning("libvips is not available ({Detail}): photo uploads and imports are refused until it is installed ({Command})",
                e.Detail, ImageProcessorUnavailableException.InstallCommand);
        }
        catch (ImageProcessingException e)
        {
            status = new ProcessorStatus(false, e.Message);
        }

        _status = (status, DateTime.UtcNow);
        return status;
    }

    public async Task NormaliseAsync(string input, string output, CancellationToken ct = default)
    {
        // thumbnail rotates by the EXIF orientation (and libheif by HEIF's irot/imir), imports the embedded
        // ICC profile and exports sRGB; "strip" then writes no EXIF, GPS, XMP, IPTC, ICC, comment or thumbnail.
        var save = Path.GetExtension(output) == ".png"
            ? $"{output}[strip,compression=6]"
            : $"{output}[Q={_options.OriginalQuality},strip,optimize-coding,background=255]";
        await RunAsync(["thumbnail", input, save, NoLimit, "--height", NoLimit, "--size", "down", "--export-profile", "srgb", "--fail-on", "error"], ct);
    }

    public async Task RenderAsync(string original, RenditionJob job, string output, CancellationToken ct = default)
    {
        // Scale the whole original first (JPEG shrink-on-load makes that cheap), then cut the box out of the
        // small result: far less work than cutting first and scaling a full-size crop.
        // The intermediate is PNG, not libvips' own .v: the .v loader counts as untrusted and stays blocked.
        var scaled = _store.NewWorkFile(".png");
        try
        {
            var scaledWidth = RenditionPlan.ScaledSourceWidth(job.Box, job.SourceWidth, job.Width);
            await RunAsync(["thumbnail", original, scaled + "[compression=1]", Invariant(scaledWidth), "--height", NoLimit, "--size", "down"], ct);
            var (w, h) = PngHeader.ReadSize(await ReadHeadAsync(scaled, ct))
                ?? throw new ImageProcessingException("vips wrote an intermediate image that cannot be read");
            var area = RenditionPlan.ScaleBox(job.Box, job.SourceWidth, job.SourceHeight, w, h, job.Width, job.Height);
            var save = job.Format == RenditionFormat.WebP
                ? $"{output}[Q={job.Quality},strip,effort=4]"
                : $"{output}[Q={job.Quality},strip,optimize-coding,interlace,background=255]";
            await RunAsync(["crop", scaled, save, Invariant(area.X), Invariant(area.Y), Invariant(area.Width), Invariant(area.Height)], ct);
            if (job.Format == RenditionFormat.WebP)
                await File.WriteAllBytesAsync(output, WebPChunks.WithoutMetadata(await File.ReadAllBytesAsync(output, ct)), ct);
        }
        finally
        {
            File.Delete(scaled);
        }
    }

    private static async Task<byte[]> ReadHeadAsync(string path, CancellationToken ct)
    {
        var head = new byte[64];
        await using var file = File.OpenRead(path);
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        return head[..read];
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs <c>vips</c> with the arguments as given (no shell), within the concurrency and time limits.</summary>
    internal async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            var start = new ProcessStartInfo(_options.VipsPath)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                WorkingDirectory = _store.Work,
            };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);

            // Only the loaders for the four accepted formats matter; this shuts out the ones libvips itself
            // marks untrusted (ImageMagick, PDF, SVG, …) should anything slip past the content check.
            start.Environment["VIPS_BLOCK_UNTRUSTED"] = "1";

            // One thread per process, so the concurrency limit is also the CPU limit (the machine serves pages too).
            start.Environment["VIPS_CONCURRENCY"] = "1";

            // Large images may spill to disk: into our work folder, not a shared /tmp.
            start.Environment["TMPDIR"] = _store.Work;

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new ImageProcessorUnavailableException($"'{_options.VipsPath}' did not start");
            }
            catch (Win32Exception e)
            {
                throw new ImageProcessorUnavailableException($"'{_options.VipsPath}' could not be started: {e.Message}");
            }

            using (process)
            {
                process.StandardInput.Close();
                var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(_options.Timeout);
                try
                {
                    await process.WaitForExitAsync(limit.Token);
                }
                catch (OperationCanceledException)
                {
                    Kill(process);
                    ct.ThrowIfCancellationRequested();
                    _logger.LogWarning("vips {Operation} took longer than {Timeout} and was stopped", arguments[0], _options.Timeout);
                    throw new ImageProcessingException($"vips {arguments[0]} took longer than {_options.Timeout.TotalSeconds:0} seconds and was stopped");
                }

                var stderr = await error;
                if (process.ExitCode != 0)
                {
                    _logger.LogWarning("vips {Operation} failed with exit code {ExitCode}: {Error}", arguments[0], process.ExitCode, Shorten(stderr));
                    throw new ImageProcessingException($"vips {arguments[0]} failed: {Shorten(stderr)}");
                }

                return await output;
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It ended by itself in the meantime.
        }
    }

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 500 ? text : text[..500] + "…";
    }

    public void Dispose() => _slots.Dispose();
}
