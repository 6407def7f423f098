using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Buurtplatform.Tests.Infrastructure;

namespace Buurtplatform.Tests.Mail;

/// <summary>
/// A real SMTP server for a test: Debian's python3-aiosmtpd with the handler in smtp_sink.py, on a
/// free loopback port, writing what it receives to a folder. It can be stopped and started again
/// on the same port, to play an outage. <see cref="CreateWithSignIn"/> makes one that takes mail only
/// after AUTH, and with STARTTLS only inside TLS (smtp_auth_sink.py).
/// </summary>
public sealed class SmtpSink : IDisposable
{
    // The Debian interpreter: a python3 earlier on PATH (pyenv) does not see Debian's aiosmtpd.
    private const string Python = "/usr/bin/python3";
    private Process? _process;
    private (string User, string Password)? _signIn;

    private SmtpSink(int port, string folder, string[] rules)
    {
        Port = port;
        Folder = folder;
        Rules = rules;
    }

    /// <summary>The server's self-signed certificate when it offers STARTTLS; null otherwise.</summary>
    public X509Certificate2? Certificate { get; private set; }

    /// <summary>Each AUTH the server saw: <c>"PLAIN tls=yes user=NAME ok=yes"</c> (see smtp_auth_sink.py).</summary>
    public string[] AuthAttempts =>
        File.Exists(Path.Combine(Folder, "auth-attempts.txt")) ? File.ReadAllLines(Path.Combine(Folder, "auth-attempts.txt")) : [];

    public int Port { get; }

    public string Folder { get; }

    /// <summary>The replies of the test's choice, in force from the next <see cref="StartAsync"/>.</summary>
    public string[] Rules { get; set; }

    public List<ReceivedMail> Messages => MailFiles.Read(Folder);

    /// <summary>
    /// Skips (or, under scripts/test.sh, fails) when aiosmtpd is not installed. Each rule makes the server
    /// answer one address with a reply of the test's choice: <c>"RCPT onbekend@example.nl 550 5.1.1 User unknown"</c>
    /// (stages MAIL, RCPT, DATA; see smtp_sink.py).
    /// </summary>
    public static SmtpSink Create(params string[] rules)
    {
        TestEnvironment.Require(File.Exists(Python) && Directory.Exists("/usr/lib/python3/dist-packages/aiosmtpd"), "Debian's python3-aiosmtpd (/usr/bin/python3 -m aiosmtpd)");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new SmtpSink(port, Directory.CreateTempSubdirectory("bp-smtp-").FullName, rules);
    }

    /// <summary>
    /// A server that refuses mail until the client signs in as <paramref name="user"/> with <paramref name="password"/>.
    /// With <paramref name="startTls"/> it requires STARTTLS first, with a fresh self-signed certificate
    /// (<see cref="Certificate"/>, PEM files in its folder); without, it offers AUTH in clear text.
    /// </summary>
    public static SmtpSink CreateWithSignIn(string user, string password, bool startTls)
    {
        var sink = Create();
        sink._signIn = (user, password);
        if (startTls)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=smtp.buurtplatform.test", key, HashAlgorithmName.SHA256);
            var now = DateTimeOffset.UtcNow;
            sink.Certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
            File.WriteAllText(Path.Combine(sink.Folder, "cert.pem"), sink.Certificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(sink.Folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        }

        return sink;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var arguments = _signIn is not { } signIn
            ? new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "smtp_sink.FolderSink", Folder }.Concat(Rules)
            : new[] { "-m", "smtp_auth_sink", Port.ToString(CultureInfo.InvariantCulture), Folder, signIn.User, signIn.Password }
                .Concat(Certificate is null ? [] : [Path.Combine(Folder, "cert.pem"), Path.Combine(Folder, "key.pem")]);
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        start.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Mail");
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"aiosmtpd exited with {(_process.HasExited ? _process.ExitCode : 0)}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Fail($"aiosmtpd did not listen on port {Port} within 20 seconds");
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Waits until <paramref name="count"/> messages have arrived (bounded), for the background worker.</summary>
    public async Task<List<ReceivedMail>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Messages.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        return Messages;
    }

    public void Dispose()
    {
        Stop();
        Certificate?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
