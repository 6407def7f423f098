using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Buurtplatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Site;

/// <summary>
/// The site behind real nginx terminating TLS, as production runs it: nginx on https://buurtplatform.test
/// (a loopback port, a certificate made here), the site on plain HTTP on another loopback port, with
/// <c>Site:TrustedProxies</c> naming nginx's address. Clients connect to nginx from different loopback
/// addresses (127.0.0.2, 127.0.0.3, …), so nginx forwards different client addresses.
/// </summary>
public sealed class ReverseProxyTests
{
    private const string Host = "buurtplatform.test";
    private const string Nginx = "/usr/sbin/nginx";

    /// <summary>Test code only: a path no page answers, at the end of the site's pipeline, tells what the site made of the request.</summary>
    private const string SeenPath = "/_proxy-test/seen";

    [Fact]
    public async Task BehindNginxFormsWorkHstsIsSentClientsHaveTheirOwnLimitAndOnlyTheProxyIsBelieved()
    {
        TestEnvironment.Require(File.Exists(Nginx), $"nginx ({Nginx}, Debian package nginx)");
        using var site = new SiteFactory();
        var sitePort = FreeLoopbackPort();
        var proxyPort = FreeLoopbackPort();
        site.Settings["Site:TrustedProxies:0"] = "127.0.0.1";
        site.Settings["Site:PublicBaseUrl"] = $"https://{Host}:{proxyPort}";
        site.Settings["Accounts:LocalhostCountsAsHttps"] = "false"; // production: only TLS (here nginx's word for it) is HTTPS
        site.Settings["Accounts:SignInRateLimit"] = "3";
        site.TestServices += services => services.AddTransient<IStartupFilter, SeenFilter>();
        site.UseKestrel(o => o.Listen(IPAddress.Loopback, sitePort));
        site.StartServer();
        await using var nginx = await NginxProxy.StartAsync(proxyPort, sitePort);

        using var a = nginx.ClientFrom(IPAddress.Parse("127.0.0.2"));
        using var b = nginx.ClientFrom(IPAddress.Parse("127.0.0.3"));

        // A page with a form answers 200 over https through the proxy, with HSTS and Secure cookies.
        var login = await a.GetAsync("/backoffice/inloggen");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(login.Headers.GetValues("Strict-Transport-Security")));
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-bp-af=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        // The site sees each client's own address and https, also when a client sends its own X-Forwarded-For:
        // nginx appends the address it saw, and the site takes only that last one (one trusted proxy).
        Assert.Equal("127.0.0.2 https", await SeenAsync(a));
        using (var spoof = new HttpRequestMessage(HttpMethod.Get, SeenPath))
        {
            spoof.Headers.Add("X-Forwarded-For", "198.51.100.7");
            Assert.Equal("127.0.0.3 https", await (await b.SendAsync(spoof)).Content.ReadAsStringAsync());
        }

        // Each client has its own sign-in limit: a's fourth post is refused, b's first is not.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await SignInAttemptAsync(a)).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await SignInAttemptAsync(b)).StatusCode);

        // Straight to the site from an address that is not the proxy: its forwarded headers are ignored.
        using var direct = ClientFrom(IPAddress.Parse("127.0.0.5"), sitePort, tls: null);
        using var forged = new HttpRequestMessage(HttpMethod.Get, SeenPath);
        forged.Headers.Add("X-Forwarded-For", "198.51.100.7");
        forged.Headers.Add("X-Forwarded-Proto", "https");
        var answer = await direct.SendAsync(forged);
        Assert.Equal("127.0.0.5 http", await answer.Content.ReadAsStringAsync());
        Assert.False(answer.Headers.Contains("Strict-Transport-Security"));

        // The operator hears about it, once, with the address to name if it was a proxy; nginx's requests caused no warning.
        var warning = Assert.Single(site.Logs.Entries, e => e.Message.Contains("Site:TrustedProxies", StringComparison.Ordinal));
        Assert.Contains("127.0.0.5", warning.Message);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    [InlineData("proxy.example")]
    [InlineData("10.0.0.300")]
    public void TrustingEveryoneOrSomethingThatIsNoAddressStopsTheStart(string entry)
    {
        using var site = new SiteFactory();
        site.Settings["Site:TrustedProxies:0"] = "127.0.0.1";
        site.Settings["Site:TrustedProxies:1"] = entry;
        var error = Assert.ThrowsAny<Exception>(() => site.CreateClient());
        Assert.Contains("Site:TrustedProxies", error.ToString());
    }

    private static async Task<string> SeenAsync(HttpClient client) => await (await client.GetAsync(SeenPath)).Content.ReadAsStringAsync();

    private static Task<HttpResponseMessage> SignInAttemptAsync(HttpClient client) =>
        client.SubmitAsync("/backoffice/inloggen", new { Input_Email = "iemand@example.nl", Input_Password = "niet het goede wachtwoord" });

    /// <summary>A client whose connections start at <paramref name="from"/> (any 127.x address is this machine) and go to <paramref name="port"/>.</summary>
    private static HttpClient ClientFrom(IPAddress from, int port, X509Certificate2? tls)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // Only the certificate made for this test is accepted.
        if (tls is not null)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == tls.GetCertHashString();
        return new HttpClient(handler) { BaseAddress = new Uri(tls is null ? $"http://{Host}:{port}" : $"https://{Host}:{port}") };
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>nginx as a child process (no daemon, no worker processes) with a config and certificate of its own.</summary>
    private sealed class NginxProxy : IAsyncDisposable
    {
        private readonly string _dir;
        private readonly Process _process;
        private readonly X509Certificate2 _certificate;
        private readonly int _port;

        private NginxProxy(string dir, Process process, X509Certificate2 certificate, int port) =>
            (_dir, _process, _certificate, _port) = (dir, process, certificate, port);

        public static async Task<NginxProxy> StartAsync(int port, int sitePort)
        {
            var dir = Directory.CreateTempSubdirectory("bp-nginx-").FullName;
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={Host}", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(Host);
            request.CertificateExtensions.Add(names.Build());
            var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(Path.Combine(dir, "cert.pem"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(dir, "key.pem"), key.ExportPkcs8PrivateKeyPem());
            await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), $$"""
                daemon off;
                master_process off;
                pid {{dir}}/nginx.pid;
                error_log {{dir}}/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path {{dir}}/body;
                    proxy_temp_path {{dir}}/proxy;
                    fastcgi_temp_path {{dir}}/fastcgi;
                    uwsgi_temp_path {{dir}}/uwsgi;
                    scgi_temp_path {{dir}}/scgi;
                    server {
                        listen 127.0.0.1:{{port}} ssl;
                        server_name {{Host}};
                        ssl_certificate {{dir}}/cert.pem;
                        ssl_certificate_key {{dir}}/key.pem;
                        location / {
                            proxy_pass http://127.0.0.1:{{sitePort}};
                            proxy_set_header Host $http_host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                        }
                    }
                }
                """);

            var process = Process.Start(new ProcessStartInfo(Nginx)
            {
                ArgumentList = { "-p", dir + "/", "-c", Path.Combine(dir, "nginx.conf"), "-e", Path.Combine(dir, "error.log") },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var proxy = new NginxProxy(dir, process, certificate, port);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                if (process.HasExited)
                {
                    var log = File.Exists(Path.Combine(dir, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(dir, "error.log")) : "";
                    Assert.Fail($"nginx stopped with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}\n{log}");
                }

                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    return proxy;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }

        public HttpClient ClientFrom(IPAddress from) => ReverseProxyTests.ClientFrom(from, _port, _certificate);

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            _certificate.Dispose();
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>Appends the <see cref="SeenPath"/> answer after the site's whole pipeline: reached only when no page answered.</summary>
    private sealed class SeenFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(SeenPath, seen => seen.Run(context => context.Response.WriteAsync($"{context.Connection.RemoteIpAddress} {context.Request.Scheme}")));
        };
    }
}
