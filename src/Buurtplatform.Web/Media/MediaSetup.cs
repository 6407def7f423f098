namespace Buurtplatform.Web.Media;

public static class MediaSetup
{
    /// <summary>Options (checked on start), the libvips processor with its limits, storage, signing, library and import.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MediaOptions>().Bind(config.GetSection(MediaOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>();
        services.AddSingleton<MediaStore>();
        services.AddSingleton<MediaUrlSigner>();
        services.AddSingleton<MediaUrls>();
        services.AddSingleton<IImageProcessor, VipsImageProcessor>();
        services.AddSingleton<RenditionCache>();
        services.AddSingleton<UploadValidator>();
        services.AddScoped<MediaLibrary>();
        services.AddScoped<ContentPhotoImport>();
        return services;
    }

    /// <summary>Rendition URLs (standard and signed custom sizes). The signing key is read, or generated, at start.</summary>
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        _ = app.ServiceProvider.GetRequiredService<MediaUrlSigner>();
        return app.MapMediaEndpoints();
    }

    /// <summary>Fails the start with every bad setting named, not only the first.</summary>
    private sealed class MediaOptionsValidator : IValidateOptions<MediaOptions>
    {
        public ValidateOptionsResult Validate(string? name, MediaOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
