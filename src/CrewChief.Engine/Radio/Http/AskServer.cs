using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrewChief.Radio.Http;

/// <summary>
/// The radio over HTTP for buttons and tools (Stream Deck, SimHub): `POST /ask` with `{"intent":"fuel"}` or
/// `{"text":"how's my fuel"}` answers with `{"text","intent","answer","spoken","known","source","answer_ms"}`; `GET /intents`
/// lists the intent names. Bound to 127.0.0.1 only (nothing off the machine can ask), off unless a port is set.
/// A tiny HTTP/1.1 server of its own on a socket: one request per connection, bodies up to 4 KiB, JSON read and
/// written with Utf8JsonReader/Writer (trim- and AOT-clean, no reflection). Questions are a few a minute, so one
/// accept thread handling each request in turn is plenty; a slow client gets a 2 s read timeout.
/// </summary>
public sealed class AskServer : IDisposable
{
    private const int MaxRequest = 8192;
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly RadioStation _station;
    private readonly TcpListener _listener;
    private readonly Thread _thread;
    private volatile bool _stopping;

    private AskServer(RadioStation station, TcpListener listener)
    {
        _station = station;
        _listener = listener;
        _thread = new Thread(Run) { Name = "crewchief-radio-http", IsBackground = true };
    }

    /// <summary>The port it listens on (the one asked for, or the one the OS gave for port 0).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/>; null with one line when the port is taken.</summary>
    public static AskServer? TryStart(RadioStation station, int port, out string error)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            error = $"radio HTTP: cannot listen on 127.0.0.1:{port} ({e.Message}); pick another [radio] http_port in crewchief.toml.";
            return null;
        }
        var server = new AskServer(station, listener);
        server._thread.Start();
        error = "";
        return server;
    }

    private void Run()
    {
        while (!_stopping)
        {
            TcpClient client;
            try
            {
                client = _listener.AcceptTcpClient();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using (client)
            {
                try
                {
                    client.ReceiveTimeout = 2000;
                    client.SendTimeout = 2000;
                    Serve(client.GetStream());
                }
                catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
                {
                    // A client that went away mid-request: nothing to answer.
                }
            }
        }
    }

    private void Serve(NetworkStream stream)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxRequest);
        try
        {
            int length = 0, headerEnd = -1;
            while (headerEnd < 0 && length < MaxRequest)
            {
                int n = stream.Read(buffer, length, MaxRequest - length);
                if (n == 0) return;
                length += n;
                headerEnd = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            }
            if (headerEnd < 0) { Respond(stream, 431, Error("request headers too large")); return; }
            string head = Encoding.ASCII.GetString(buffer, 0, headerEnd);
            string[] lines = head.Split("\r\n");
            string[] start = lines[0].Split(' ');
            if (start.Length < 2) { Respond(stream, 400, Error("bad request line")); return; }
            string method = start[0], path = start[1];
            int contentLength = 0;
            foreach (string line in lines.AsSpan(1))
            {
                int colon = line.IndexOf(':');
                if (colon > 0 && line.AsSpan(0, colon).Trim().Equals("content-length", StringComparison.OrdinalIgnoreCase)
                    && !int.TryParse(line.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out contentLength))
                {
                    Respond(stream, 400, Error("bad Content-Length"));
                    return;
                }
            }
            int bodyStart = headerEnd + 4;
            if (contentLength < 0 || bodyStart + contentLength > MaxRequest) { Respond(stream, 413, Error("body too large (4 KiB at most)")); return; }
            while (length < bodyStart + contentLength)
            {
                int n = stream.Read(buffer, length, bodyStart + contentLength - length);
                if (n == 0) break;
                length += n;
            }
            ReadOnlySpan<byte> body = buffer.AsSpan(bodyStart, Math.Min(contentLength, length - bodyStart));

            if (method == "GET" && path == "/intents") { Respond(stream, 200, Intents()); return; }
            if (path != "/ask") { Respond(stream, 404, Error("not found; POST /ask {\"intent\":\"fuel\"} or {\"text\":\"how's my fuel\"}")); return; }
            if (method != "POST") { Respond(stream, 405, Error("use POST")); return; }
            if (!TryReadQuestion(body, out string? intentName, out string? text))
            {
                Respond(stream, 400, Error("the body must be a JSON object with \"intent\" or \"text\""));
                return;
            }
            RadioExchange x;
            if (intentName is not null)
            {
                if (!RadioIntents.TryParse(intentName, out var intent)) { Respond(stream, 400, Error($"unknown intent '{intentName}'; GET /intents lists them")); return; }
                x = _station.AskIntent(intent);
            }
            else
            {
                x = _station.AskText(text!);
            }
            Respond(stream, 200, Answer(x));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads {"intent": "..."} or {"text": "..."}; other members are ignored.</summary>
    internal static bool TryReadQuestion(ReadOnlySpan<byte> json, out string? intent, out string? text)
    {
        intent = null;
        text = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isIntent = reader.ValueTextEquals("intent"u8), isText = reader.ValueTextEquals("text"u8);
                if (!reader.Read()) return false;
                if (reader.TokenType == JsonTokenType.String)
                {
                    if (isIntent) intent = reader.GetString();
                    else if (isText) text = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        return intent is { Length: > 0 } || text is { Length: > 0 };
    }

    private static byte[] Answer(RadioExchange x) => Json(w =>
    {
        w.WriteString("text", x.Heard);
        w.WriteString("intent", x.Intent.Name());
        w.WriteString("answer", x.Answer.Text);
        w.WriteString("spoken", x.Answer.Spoken);
        w.WriteBoolean("known", x.Answer.Known);
        w.WriteString("source", x.Answer.Source);
        w.WriteNumber("answer_ms", Math.Round(x.AnswerMs, 3));
    });

    private static byte[] Intents() => Json(w =>
    {
        w.WriteStartArray("intents");
        for (int i = 1; i < RadioIntents.Count; i++) w.WriteStringValue(((RadioIntent)i).Name());
        w.WriteEndArray();
    });

    private static byte[] Error(string message) => Json(w => w.WriteString("error", message));

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(output, s_json))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        return output.WrittenSpan.ToArray();
    }

    private static void Respond(NetworkStream stream, int status, byte[] body)
    {
        string reason = status switch { 200 => "OK", 400 => "Bad Request", 404 => "Not Found", 405 => "Method Not Allowed", 413 => "Payload Too Large", _ => "Error" };
        string head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        stream.Write(Encoding.ASCII.GetBytes(head));
        stream.Write(body);
        stream.Flush();
    }

    public void Dispose()
    {
        _stopping = true;
        _listener.Stop();
        if (_thread.IsAlive) _thread.Join(2000);
    }
}
