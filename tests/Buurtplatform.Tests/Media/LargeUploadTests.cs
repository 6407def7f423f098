using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Media;
using Buurtplatform.Web.Media.Library;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Media;

/// <summary>
/// Photos far over the 25 MB limit, sent to the site on a real Kestrel port: the in-memory test server has no
/// request body limit, Kestrel's (30,000,000 bytes) is what broke these uploads off with a bare error page.
/// </summary>
public sealed class LargeUploadTests
{
    private const string TooLarge = "Het bestand is groter dan 25 MB. Maak de foto kleiner en probeer het opnieuw.";

    private static async Task<(SiteFactory Site, HttpClient Editor, int WijkId)> EditorOnKestrelAsync()
    {
        var site = new SiteFactory();
        var port = FreeLoopbackPort();
        site.UseKestrel(port);
        site.StartServer();
        var editor = await site.CreateStaffAsync("redacteur@example.nl", StaffRole.Wijkredacteur, wijken: ["schilderswijk"]);
        // localhost: the site treats it as https (Testing), so its __Host- cookies are sent back by the jar.
        var client = new HttpClient(new CookieJar { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false } })
        {
            BaseAddress = new Uri($"http://localhost:{port}"),
            Timeout = TimeSpan.FromMinutes(3),
        };
        await client.SignInAsync(editor);
        var wijkId = await site.WithDbAsync(db => db.Wijken.Where(w => w.Slug == "schilderswijk").Select(w => w.Id).SingleAsync());
        return (site, client, wijkId);
    }

    private static ByteArrayContent File(long bytes)
    {
        var content = new ByteArrayContent(new byte[bytes]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return content;
    }

    private static List<string> Errors(IDocument doc) => doc.QuerySelectorAll(".error-summary li").Select(li => li.Text()).ToList();

    [Theory]
    [InlineData(30)]
    [InlineData(60)]
    public async Task AnUploadOfManyMegabytesComesBackWithTheSizeMessageAndEverythingTyped(int megabytes)
    {
        var (site, client, wijkId) = await EditorOnKestrelAsync();
        using var _ = site;
        using var __ = client;
        var page = await client.GetDocumentAsync(MediaPaths.Upload(wijkId));

        // Fields before and after the file, in the order a browser sends the form.
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
            { new StringContent("Peuters bouwen samen een toren"), "Input.AltText" },
            { File(megabytes * 1024L * 1024), "Input.File", "IMG_0042.jpg" },
            { new StringContent("blokken in de speelhoek"), "Input.Description" },
            { new StringContent("30"), "Input.FocalX" },
            { new StringContent("nee"), "Input.ChildrenRecognisable" },
        };
        var response = await client.PostAsync(MediaPaths.Upload(wijkId), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.ParseAsync();
        Assert.Equal([TooLarge], Errors(doc));
        Assert.Equal("Peuters bouwen samen een toren", doc.QuerySelector("#alt")!.GetAttribute("value"));
        Assert.Equal("blokken in de speelhoek", doc.QuerySelector("#description")!.GetAttribute("value"));
        Assert.Equal("30", doc.QuerySelector("#focal-x")!.GetAttribute("value"));
        Assert.True(doc.QuerySelector("input[name='Input.ChildrenRecognisable'][value=nee]")!.HasAttribute("checked"));
        Assert.Equal(0, await site.WithDbAsync(db => db.MediaItems.CountAsync()));
        Assert.Empty(MediaTestSite.FilesUnder(Path.Combine(site.DataDir, "media")));

        // The same form with a photo that fits goes through (what the middleware kept is a working form).
        PhotoFixtures.RequireVips();
        var again = await client.GetDocumentAsync(MediaPaths.Upload(wijkId));
        var photo = new ByteArrayContent(PhotoFixtures.Png(800, 600));
        using var fits = new MultipartFormDataContent
        {
            { new StringContent(again.AntiforgeryToken()), "__RequestVerificationToken" },
            { new StringContent("Peuters bouwen samen een toren"), "Input.AltText" },
            { photo, "Input.File", "IMG_0042.png" },
            { new StringContent("nee"), "Input.ChildrenRecognisable" },
        };
        var uploaded = await client.PostAsync(MediaPaths.Upload(wijkId), fits);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Equal("Peuters bouwen samen een toren", (await site.WithDbAsync(db => db.MediaItems.SingleAsync())).AltText);
    }

    [Fact]
    public async Task ReplacingAPhotoWithAThirtyMegabyteFileSaysItIsTooLargeAndKeepsThePhoto()
    {
        PhotoFixtures.RequireVips();
        var (site, client, wijkId) = await EditorOnKestrelAsync();
        using var _ = site;
        using var __ = client;
        MediaItem item;
        await using (var scope = site.Scope())
            item = (await scope.ServiceProvider.GetRequiredService<MediaLibrary>().AddAsync(new MemoryStream(PhotoFixtures.Png(800, 600)), MediaTestSite.Details(), wijkId)).Item!;
        var page = await client.GetDocumentAsync(MediaPaths.Photo(item.Id));

        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
            { File(30L * 1024 * 1024), "file", "IMG_0043.jpg" },
        };
        var response = await client.PostAsync(MediaPaths.Photo(item.Id) + "?handler=Replace", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TooLarge], Errors(await response.ParseAsync()));
        Assert.Equal(item.StorageName, (await site.ReloadAsync(item)).StorageName);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Keeps the site's cookies by name, Secure ones included: the site runs on http://localhost, which it (like a
    /// browser) treats as a secure origin, while .NET's CookieContainer sends Secure cookies over https only.
    /// </summary>
    private sealed class CookieJar : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_cookies)
            {
                if (_cookies.Count > 0)
                    request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                lock (_cookies)
                {
                    foreach (var cookie in cookies)
                    {
                        var pair = cookie.Split(';', 2)[0].Split('=', 2);
                        if (pair.Length == 2 && pair[1].Length > 0 && !cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                            _cookies[pair[0].Trim()] = pair[1];
                        else
                            _cookies.Remove(pair[0].Trim());
                    }
                }
            }

            return response;
        }
    }
}
