using System.Net;
using System.Net.Sockets;

namespace Buurtplatform.Web.PartnerCalendars;

/// <summary>What a fetch gave: new bytes, "not modified", or a problem (a resource key and its arguments).</summary>
public sealed record FetchResult(byte[]? Body, bool NotModified, string? ETag, DateTime? LastModifiedUtc, ImportMessage? Problem);

/// <summary>
/// Fetches a partner's calendar over http(s) without letting a URL reach inside our network: the host is resolved
/// and every address checked (no loopback, private, link-local, unique-local or other special ranges, also as
/// IPv4-mapped IPv6) unless <see cref="PartnerCalendarOptions.AllowPrivateAddresses"/>; the connection goes to the
/// address that was checked (so DNS cannot answer differently a moment later); redirects are followed by hand, a few,
/// each checked again; the whole fetch has a timeout and the body a size limit counted while reading.
/// </summary>
public sealed class CalendarFetcher(IOptions<PartnerCalendarOptions> options, ILogger<CalendarFetcher> logger) : IDisposable
{
    private readonly PartnerCalendarOptions _options = options.Value;
    private HttpClient? _client;

    public async Task<FetchResult> FetchAsync(string url, string? etag, DateTime? lastModifiedUtc, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        var client = _client ??= CreateClient();
        var uri = Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed : null;
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (uri is null || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    return Fail("PartnerCalendars.Problem.Scheme");
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Accept.ParseAdd("text/calendar");
                if (hop == 0 && etag is not null && EntityTagHeaderValueTryParse(etag) is { } tag)
                    request.Headers.IfNoneMatch.Add(tag);
                if (hop == 0 && lastModifiedUtc is { } since)
                    request.Headers.IfModifiedSince = new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc));
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (response.StatusCode == HttpStatusCode.NotModified)
                    return new FetchResult(null, true, etag, lastModifiedUtc, null);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (hop >= _options.MaxRedirects)
                        return Fail("PartnerCalendars.Problem.Redirects", _options.MaxRedirects);
                    uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                    return Fail("PartnerCalendars.Problem.Status", (int)response.StatusCode);
                if (response.Content.Headers.ContentLength > _options.MaxBytes)
                    return Fail("PartnerCalendars.Problem.TooLarge", _options.MaxBytes / 1024);
                var body = await ReadLimitedAsync(await response.Content.ReadAsStreamAsync(timeout.Token), timeout.Token);
                if (body is null)
                    return Fail("PartnerCalendars.Problem.TooLarge", _options.MaxBytes / 1024);
                return new FetchResult(body, false, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.UtcDateTime, null);
            }
        }
        catch (RefusedAddressException)
        {
            return Fail("PartnerCalendars.Problem.PrivateAddress");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Fail("PartnerCalendars.Problem.Timeout", (int)_options.Timeout.TotalSeconds);
        }
        catch (HttpRequestException e) when (e.InnerException is RefusedAddressException)
        {
            return Fail("PartnerCalendars.Problem.PrivateAddress");
        }
        catch (HttpRequestException e)
        {
            logger.LogInformation(e, "Fetching a partner calendar failed");
            return Fail("PartnerCalendars.Problem.Unreachable");
        }
    }

    /// <summary>Whether an address may be fetched from: public unicast only (IPv4-mapped IPv6 judged as its IPv4).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
            return false;
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 100 && b[1] >= 64 && b[1] < 128) || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32) || (b[0] == 192 && b[1] == 168) || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) || b[0] >= 224);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return false;
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC // unique local fc00::/7
            || address.IsIPv6Teredo || (b[0] == 0x20 && b[1] == 0x02) // 6to4 can carry any IPv4 address
            || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) // NAT64 64:ff9b::/96
            || b.Take(12).All(x => x == 0)); // IPv4-compatible ::a.b.c.d, and ::
    }

    private HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = ConnectAsync,
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Buurtplatform-PartnerCalendars/1.0");
        return client;
    }

    /// <summary>Resolves the host, checks the addresses, and connects to one that passed: the check and the connection see the same address.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => _options.AllowPrivateAddresses || IsPublic(a)).ToList();
        if (allowed.Count == 0 || (!_options.AllowPrivateAddresses && allowed.Count != addresses.Length))
            throw new RefusedAddressException();
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }

        throw new HttpRequestException("No address of the host answered.", last);
    }

    private async Task<byte[]?> ReadLimitedAsync(Stream stream, CancellationToken ct)
    {
        await using var _ = stream;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > _options.MaxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static System.Net.Http.Headers.EntityTagHeaderValue? EntityTagHeaderValueTryParse(string etag) =>
        System.Net.Http.Headers.EntityTagHeaderValue.TryParse(etag, out var tag) ? tag : null;

    private static FetchResult Fail(string key, params object[] args) => new(null, false, null, null, new ImportMessage(key, args));

    public void Dispose() => _client?.Dispose();

    private sealed class RefusedAddressException : Exception
    {
        public RefusedAddressException()
            : base("The host resolves to an address that may not be fetched from.")
        {
        }
    }
}
