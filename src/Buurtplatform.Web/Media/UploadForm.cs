using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Buurtplatform.Web.Media;

/// <summary>Marks a page whose forms carry a photo file; its multipart posts are read by <see cref="UploadForm"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadFormAttribute : Attribute;

/// <summary>
/// Reads the multipart post of an <see cref="UploadFormAttribute"/> page before anything else does, so a file
/// of any size gets the form back with "groter dan 25 MB" and everything else the editor typed.
/// Without it the server's body limit (Kestrel: 30,000,000 bytes) broke off a 28 MB upload with a bare error
/// page, and the form reader would have buffered anything below that to disk.
/// Choices: A) raise the server limit on these pages: a bigger file still fails, only later; B) read the
/// body here, keeping at most <see cref="MediaOptions.MaxBytes"/> of file and reading past the rest. B: the
/// cost of a too-large file is the time its bytes take to arrive, nothing is stored, and the fields after the
/// file in the body are still read. Only signed-in staff reach these pages: authorization runs before this.
/// </summary>
public static class UploadForm
{
    /// <summary>True when the post held a file larger than <see cref="MediaOptions.MaxBytes"/>; none of it was kept.</summary>
    public static bool FileTooLarge(HttpContext context) => context.Features.Get<TooLarge>() is not null;

    /// <summary>After authorization, before the pages (whose antiforgery check would read the form).</summary>
    public static IApplicationBuilder UseUploadForms(this IApplicationBuilder app) => app.UseMiddleware<Reader>();

    private sealed class TooLarge;

    private sealed class Reader(RequestDelegate next, IOptions<MediaOptions> media, IOptions<FormOptions> forms)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            if (HttpMethods.IsPost(context.Request.Method)
                && context.GetEndpoint()?.Metadata.GetMetadata<UploadFormAttribute>() is not null
                && MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
                && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
                if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }

                // The server's own limit would break off at 30 MB; what this reader keeps is limited instead.
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                    limit.MaxRequestBodySize = null;

                FormCollection form;
                bool tooLarge;
                try
                {
                    (form, tooLarge) = await ReadAsync(context, boundary);
                }
                catch (Exception e) when (e is InvalidDataException or IOException)
                {
                    // Not a well-formed form, or beyond the field limits; or the client went away.
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }

                context.Features.Set<IFormFeature>(new FormFeature(form));
                if (tooLarge)
                    context.Features.Set(new TooLarge());
            }

            await next(context);
        }

        private async Task<(FormCollection Form, bool TooLarge)> ReadAsync(HttpContext context, string boundary)
        {
            var f = forms.Value;
            var ct = context.RequestAborted;
            var reader = new MultipartReader(boundary, context.Request.Body)
            {
                HeadersCountLimit = f.MultipartHeadersCountLimit,
                HeadersLengthLimit = f.MultipartHeadersLengthLimit,
                BodyLengthLimit = null, // per section below: a file to MaxBytes, a field to ValueLengthLimit
            };
            var fields = new KeyValueAccumulator();
            var files = new FormFileCollection();
            var room = media.Value.MaxBytes;
            var tooLarge = false;
            var sections = 0;
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (++sections > f.ValueCountLimit)
                    throw new InvalidDataException($"More than {f.ValueCountLimit} form sections.");
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                    throw new InvalidDataException("A form section without a valid Content-Disposition.");
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name.Length > f.KeyLengthLimit)
                    throw new InvalidDataException($"A form field name longer than {f.KeyLengthLimit}.");

                if (disposition.IsFileDisposition())
                {
                    var buffer = new MemoryStream();
                    context.Response.RegisterForDispose(buffer);
                    if (!await CopyAtMostAsync(section.Body, buffer, room, ct))
                    {
                        tooLarge = true; // read past the rest of it, keep nothing
                        continue;
                    }

                    room -= buffer.Length;
                    buffer.Position = 0;
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    files.Add(new FormFile(buffer, 0, buffer.Length, name, fileName) { Headers = new HeaderDictionary(section.Headers) });
                }
                else if (disposition.IsFormDisposition())
                {
                    fields.Append(name, await ReadTextAsync(section.Body, f.ValueLengthLimit, ct));
                }
            }

            return (new FormCollection(fields.HasValues ? fields.GetResults() : null, files), tooLarge);
        }

        /// <summary>Copies up to <paramref name="max"/> bytes; false (the rest read and dropped) when there were more.</summary>
        private static async Task<bool> CopyAtMostAsync(Stream from, MemoryStream to, long max, CancellationToken ct)
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await from.ReadAsync(chunk, ct)) > 0)
            {
                if (to.Length + read > max)
                {
                    to.SetLength(0);
                    to.Capacity = 0;
                    while (await from.ReadAsync(chunk, ct) > 0)
                    {
                    }

                    return false;
                }

                to.Write(chunk, 0, read);
            }

            return true;
        }

        private static async Task<string> ReadTextAsync(Stream from, int maxLength, CancellationToken ct)
        {
            using var reader = new StreamReader(from, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            var text = new StringBuilder();
            var chunk = new char[4096];
            int read;
            while ((read = await reader.ReadAsync(chunk, ct)) > 0)
            {
                if (text.Length + read > maxLength)
                    throw new InvalidDataException($"A form value longer than {maxLength}.");
                text.Append(chunk, 0, read);
            }

            return text.ToString();
        }
    }
}
