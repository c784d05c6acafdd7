using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CrewChief.Pipeline;

namespace CrewChief.Dashboard;

/// <summary>
/// The live race page, served from inside the exe: a small HTTP/1.1 server on one socket. GET / and /overlay
/// return the embedded page; /events is a server-sent-event stream at ~10 Hz; /state one JSON snapshot. It reads
/// only what the tick already copied into <see cref="DashboardState"/> (and the transcript tap), on its own
/// threads, so a slow or stuck browser can never reach the tick: a client that cannot take a message within half
/// a second is dropped.
/// </summary>
public sealed class DashboardServer : IDisposable
{
    private const int WriteTimeoutMs = 500;

    private readonly DashboardState _state;
    private readonly TranscriptFeed _transcript;
    private readonly TcpListener _listener;
    private readonly Thread _acceptThread;
    private readonly Thread _pushThread;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Client> _clients = [];
    private readonly Lock _clientsGate = new();
    private readonly TimeSpan _period;
    private long _messages;

    public string Url { get; }
    public int Port { get; }
    /// <summary>Messages pushed so far, all clients together (tests, status).</summary>
    public long Messages => Interlocked.Read(ref _messages);
    public int ClientCount { get { lock (_clientsGate) return _clients.Count; } }

    private DashboardServer(DashboardState state, TranscriptFeed transcript, DashboardOptions options, TcpListener listener)
    {
        _state = state;
        _transcript = transcript;
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        string host = options.Bind is "0.0.0.0" or "::" ? "127.0.0.1" : options.Bind;
        Url = $"http://{(host.Contains(':') ? "[" + host + "]" : host)}:{Port}/";
        _period = TimeSpan.FromSeconds(1 / Math.Clamp(options.Hz, 1, 60));
        _acceptThread = new Thread(AcceptLoop) { Name = "crewchief-dashboard-accept", IsBackground = true };
        _pushThread = new Thread(PushLoop) { Name = "crewchief-dashboard-push", IsBackground = true, Priority = ThreadPriority.BelowNormal };
        _acceptThread.Start();
        _pushThread.Start();
    }

    /// <summary>Starts listening; false with one line (address in use, bad address) when it cannot.</summary>
    public static bool TryStart(DashboardState state, TranscriptFeed transcript, DashboardOptions options,
        out DashboardServer? server, out string error)
    {
        server = null;
        if (!IPAddress.TryParse(options.Bind, out var address))
        {
            error = $"dashboard.bind '{options.Bind}' is not an IP address; use 127.0.0.1 (this machine) or 0.0.0.0 (the network).";
            return false;
        }
        var listener = new TcpListener(address, options.Port);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            listener.Dispose();
            error = $"cannot listen on {options.Bind}:{options.Port} ({e.Message}); pick another port with dashboard.port or --dashboard-port.";
            return false;
        }
        server = new DashboardServer(state, transcript, options, listener);
        error = "";
        return true;
    }

    private void AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = _listener.AcceptSocket();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.server.Serve(s.socket), (server: this, socket), preferLocal: false);
        }
    }

    private void Serve(Socket socket)
    {
        var stream = new NetworkStream(socket, ownsSocket: true) { ReadTimeout = 2000, WriteTimeout = WriteTimeoutMs };
        bool keep = false;
        try
        {
            string? path = ReadRequestPath(stream);
            if (path is null) { Respond(stream, 400, "text/plain", "bad request\n"u8); return; }
            int q = path.IndexOf('?');
            if (q >= 0) path = path[..q];
            switch (path)
            {
                case "/":
                case "/index.html":
                    Respond(stream, 200, "text/html; charset=utf-8", DashboardPage.Html(overlay: false));
                    break;
                case "/overlay":
                    Respond(stream, 200, "text/html; charset=utf-8", DashboardPage.Html(overlay: true));
                    break;
                case "/state":
                    Respond(stream, 200, "application/json", Message(0, out _));
                    break;
                case "/events":
                    stream.Write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\nAccess-Control-Allow-Origin: *\r\n\r\nretry: 1000\n\n"u8);
                    lock (_clientsGate) _clients.Add(new Client(stream));
                    keep = true;
                    break;
                default:
                    Respond(stream, 404, "text/plain", "not found\n"u8);
                    break;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            if (!keep) stream.Dispose();
        }
    }

    private static string? ReadRequestPath(NetworkStream stream)
    {
        byte[] buf = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int n = 0;
            while (n < buf.Length)
            {
                int r = stream.Read(buf, n, buf.Length - n);
                if (r <= 0) return null;
                n += r;
                if (buf.AsSpan(0, n).IndexOf("\r\n\r\n"u8) >= 0) break;
            }
            var line = buf.AsSpan(0, n);
            int eol = line.IndexOf("\r\n"u8);
            if (eol < 0) return null;
            string request = Encoding.ASCII.GetString(line[..eol]);
            string[] parts = request.Split(' ');
            return parts.Length == 3 && parts[0] == "GET" && parts[1].StartsWith('/') ? parts[1] : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    private static void Respond(NetworkStream stream, int status, string contentType, ReadOnlySpan<byte> body)
    {
        string reason = status switch { 200 => "OK", 404 => "Not Found", _ => "Bad Request" };
        stream.Write(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n"));
        stream.Write(body);
    }

    /// <summary>{"state": ..., "transcript": [entries newer than <paramref name="since"/>]} as UTF-8.</summary>
    private byte[] Message(long since, out long newest)
    {
        var entries = new List<TranscriptEntry>();
        _transcript.CopySince(since, entries);
        newest = entries.Count > 0 ? entries[^1].Seq : since;
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WritePropertyName("state");
            DashboardJson.WriteState(w, _state);
            w.WritePropertyName("transcript");
            DashboardJson.WriteTranscript(w, entries);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void PushLoop()
    {
        var token = _stop.Token;
        var snapshot = new List<Client>();
        while (!token.WaitHandle.WaitOne(_period))
        {
            snapshot.Clear();
            lock (_clientsGate) snapshot.AddRange(_clients);
            foreach (var c in snapshot)
            {
                try
                {
                    byte[] json = Message(c.LastSeq, out long newest);
                    c.Stream.Write("data: "u8);
                    c.Stream.Write(json);
                    c.Stream.Write("\n\n"u8);
                    c.LastSeq = newest;
                    Interlocked.Increment(ref _messages);
                }
                catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
                {
                    // Gone or too slow: drop it; the browser's EventSource reconnects by itself.
                    lock (_clientsGate) _clients.Remove(c);
                    c.Stream.Dispose();
                }
            }
        }
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _listener.Stop();
        lock (_clientsGate)
        {
            foreach (var c in _clients) c.Stream.Dispose();
            _clients.Clear();
        }
        _acceptThread.Join(1000);
        _pushThread.Join(1000);
        _stop.Dispose();
    }

    private sealed class Client(NetworkStream stream)
    {
        public NetworkStream Stream { get; } = stream;
        public long LastSeq { get; set; }
    }
}
