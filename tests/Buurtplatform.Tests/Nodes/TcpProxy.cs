using System.Net;
using System.Net.Sockets;

namespace Buurtplatform.Tests.Nodes;

/// <summary>
/// A loopback TCP relay to PostgreSQL that a test can cut (every open connection reset, new ones refused:
/// what a node sees when the database server goes down or the network to it breaks) and restore on the same port.
/// </summary>
public sealed class TcpProxy : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public TcpProxy(string host, int port)
    {
        (_host, _port) = (host, port);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _stop.Token);
    }

    /// <summary>Refuses new connections and resets the open ones.</summary>
    public void Stop()
    {
        _stop.Cancel();
        _listener?.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                try
                {
                    client.Client?.LingerState = new LingerOption(true, 0); // RST, as a dead server's host answers
                }
                catch (ObjectDisposedException)
                {
                    // Already closed by its relay.
                }

                client.Dispose();
            }

            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_host, _port, ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            lock (_open)
                _open.AddRange([inbound, outbound]);
            _ = RelayAsync(inbound, outbound);
        }
    }

    private static async Task RelayAsync(TcpClient a, TcpClient b)
    {
        try
        {
            await Task.WhenAny(a.GetStream().CopyToAsync(b.GetStream()), b.GetStream().CopyToAsync(a.GetStream()));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // One side went: close both below.
        }
        finally
        {
            a.Dispose();
            b.Dispose();
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }
}
