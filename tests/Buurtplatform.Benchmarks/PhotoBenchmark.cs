using System.Diagnostics;
using System.Text;
using Buurtplatform.Web.Infrastructure;
using Buurtplatform.Web.Media;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Buurtplatform.Benchmarks;

/// <summary>
/// Photo processing with the site's own code and limits (Stopwatch, not BenchmarkDotNet: one run takes
/// seconds and spawns processes, so BenchmarkDotNet's many iterations add nothing but time).
/// Run with: dotnet run -c Release --project tests/Buurtplatform.Benchmarks -- photos
/// </summary>
public static class PhotoBenchmark
{
    private const int Width = 4000;
    private const int Height = 3000;

    public static async Task<int> RunAsync()
    {
        var dir = Directory.CreateTempSubdirectory("bp-photo-bench-").FullName;
        try
        {
            var photo = Path.Combine(dir, "phone.jpg");
            MakePhoneJpeg(dir, photo);
            Console.WriteLine($"Input: {Width} × {Height} ({Width * Height / 1e6:0.#} MP) JPEG, {new FileInfo(photo).Length / 1e6:0.0} MB, EXIF orientation 6");
            Console.WriteLine($"Machine: {Environment.ProcessorCount} processors, .NET {Environment.Version}, {Run("vips", "--version").Trim()}");
            Console.WriteLine();

            foreach (var concurrency in new[] { 1, Environment.ProcessorCount }.Distinct())
            {
                using var services = Services(Path.Combine(dir, $"data-{concurrency}"), concurrency);
                var processor = services.GetRequiredService<IImageProcessor>();
                var store = services.GetRequiredService<MediaStore>();
                var validator = services.GetRequiredService<UploadValidator>();

                // 1. Upload: header check, then auto-rotate + sRGB + strip into the stored original (3 runs, median).
                var times = new List<double>();
                string original = "";
                for (var run = 0; run < 3; run++)
                {
                    var watch = Stopwatch.StartNew();
                    var bytes = await File.ReadAllBytesAsync(photo);
                    if (validator.Check(bytes, out _) is { } problem)
                        throw new InvalidOperationException(problem.ToString());
                    original = Path.Combine(store.Originals, MediaStore.NewStorageName(".jpg"));
                    await processor.NormaliseAsync(photo, original);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                var (w, h) = (ImageHeaderReader.Read(await File.ReadAllBytesAsync(original))!.Value.Width, ImageHeaderReader.Read(await File.ReadAllBytesAsync(original))!.Value.Height);
                var item = new MediaItem { Key = Guid.NewGuid(), StorageName = Path.GetFileName(original), Width = w, Height = h, FocalX = 0.4, FocalY = 0.3 };

                // 2. Every standard rendition of that photo (4 shapes × 5 widths × WebP and JPEG), all asked at once.
                var cache = services.GetRequiredService<RenditionCache>();
                var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MediaOptions>>().Value;
                var jobs = Enum.GetValues<PhotoCrop>().SelectMany(crop =>
                {
                    var box = RenditionPlan.Box(item, crop);
                    return RenditionPlan.Widths(box, options.RenditionWidths).SelectMany(width => Enum.GetValues<RenditionFormat>().Select(format =>
                        ($"{crop.Slug()}-{width}.{format.Extension()}", new RenditionJob(w, h, box, width, RenditionPlan.Height(box, width), format, format == RenditionFormat.WebP ? options.WebpQuality : options.JpegQuality))));
                }).ToList();
                var all = Stopwatch.StartNew();
                await Task.WhenAll(jobs.Select(j => cache.GetOrCreateAsync(item, j.Item1, j.Item2, CancellationToken.None)));
                all.Stop();

                // 3. The same again: from the disk cache.
                var cached = Stopwatch.StartNew();
                await Task.WhenAll(jobs.Select(j => cache.GetOrCreateAsync(item, j.Item1, j.Item2, CancellationToken.None)));
                cached.Stop();

                times.Sort();
                Console.WriteLine($"Media:Concurrency = {concurrency}");
                Console.WriteLine($"  upload → stored original (check, rotate, sRGB, strip): median {times[1]:0} ms (runs: {string.Join(", ", times.Select(t => t.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms), {w} × {h}");
                Console.WriteLine($"  {jobs.Count} renditions from the 12 MP original: {all.Elapsed.TotalSeconds:0.00} s = {jobs.Count / all.Elapsed.TotalSeconds:0.0} renditions/s");
                Console.WriteLine($"  the same {jobs.Count} again from the disk cache: {cached.Elapsed.TotalMilliseconds:0.0} ms");
                Console.WriteLine();
            }

            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static ServiceProvider Services(string dataPath, int concurrency)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:DataPath"] = dataPath,
            ["Media:Concurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddConsole());
        services.AddSingleton<IConfiguration>(config);
        services.AddOptions<SiteOptions>().Bind(config.GetSection(SiteOptions.Section));
        services.AddSingleton<IWebHostEnvironment>(new BenchmarkEnvironment(dataPath));
        services.AddMedia(config);
        return services.BuildServiceProvider();
    }

    /// <summary>A phone-like photo: 12 MP of gradients and texture as JPEG quality 90, with an EXIF block saying "turn 90° clockwise".</summary>
    private static void MakePhoneJpeg(string dir, string output)
    {
        var ppm = Path.Combine(dir, "pixels.ppm");
        using (var file = File.Create(ppm))
        {
            file.Write(Encoding.ASCII.GetBytes($"P6\n{Width} {Height}\n255\n"));
            var row = new byte[Width * 3];
            var random = new Random(42);
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    var noise = random.Next(24);
                    row[x * 3] = (byte)(40 + (150 * x / Width) + noise);
                    row[(x * 3) + 1] = (byte)(60 + (120 * y / Height) + noise);
                    row[(x * 3) + 2] = (byte)(90 + (100 * ((x + y) % 512) / 512) + noise);
                }

                file.Write(row);
            }
        }

        var plain = Path.Combine(dir, "plain.jpg");
        Run("vips", "copy", ppm, plain + "[Q=90]");
        var jpeg = File.ReadAllBytes(plain);
        byte[] tiff = [0x49, 0x49, 0x2A, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0];
        byte[] app1 = [0xFF, 0xE1, 0, (byte)(2 + 6 + tiff.Length), .. "Exif\0\0"u8, .. tiff];
        File.WriteAllBytes(output, [.. jpeg[..2], .. app1, .. jpeg[2..]]);
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed");
    }

    private sealed class BenchmarkEnvironment(string root) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = root;

        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

        public string ApplicationName { get; set; } = "Buurtplatform.Benchmarks";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();

        public string ContentRootPath { get; set; } = root;

        public string EnvironmentName { get; set; } = "Production";
    }
}
