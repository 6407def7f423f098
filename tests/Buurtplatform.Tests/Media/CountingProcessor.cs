using Buurtplatform.Web.Media;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Buurtplatform.Tests.Media;

/// <summary>
/// Counts what reaches the image processor, passing everything on to the real one (libvips), so a test can
/// prove that a refused file was never handed to a decoder.
/// </summary>
public sealed class CountingProcessor(VipsImageProcessor inner) : IImageProcessor
{
    private int _normalised;
    private int _rendered;

    public int Normalised => _normalised;

    public int Rendered => _rendered;

    public Task<ProcessorStatus> StatusAsync(CancellationToken ct = default) => inner.StatusAsync(ct);

    public Task NormaliseAsync(string input, string output, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _normalised);
        return inner.NormaliseAsync(input, output, ct);
    }

    public Task RenderAsync(string original, RenditionJob job, string output, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _rendered);
        return inner.RenderAsync(original, job, output, ct);
    }

    /// <summary>Puts the counter in front of the real processor.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<VipsImageProcessor>();
        services.AddSingleton<CountingProcessor>();
        services.RemoveAll<IImageProcessor>();
        services.AddSingleton<IImageProcessor>(sp => sp.GetRequiredService<CountingProcessor>());
    }
}
