using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using CrewChief.Events;
using CrewChief.Pipeline;

namespace CrewChief.Logging;

/// <summary>
/// The session log: one gzip JSONL file per session, written by its own thread. Producers only TryWrite into a
/// preallocated queue (<see cref="TapQueue{T}"/>), so the tick never waits on disk and never allocates for it; when
/// the writer falls behind, entries are dropped and counted rather than slowing the race. Dispose drains the channel and closes the gzip stream, so a Ctrl+C or a
/// closed window still leaves a complete, readable file.
/// </summary>
public sealed class SessionLog : IDisposable
{
    private readonly TapQueue<LogEntry> _queue = new(4096);
    private readonly Thread _thread;
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly Utf8JsonWriter _json;
    /// <summary>Entries the writer rejected (logged once, then counted).</summary>
    private long _skipped;
    private int _disposed;

    public string Path { get; }
    public long Dropped => _queue.Dropped;
    public long Written { get; private set; }

    public SessionLog(string directory, string sessionName)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputException.ForFile(directory, $"cannot create the log folder ({e.Message}); choose another with --log-dir.");
        }
        string stamp = DateTime.Now.ToString("yyyy-MM-dd_HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Path = System.IO.Path.Combine(directory, $"{stamp}_{Sanitise(sessionName)}.jsonl.gz");
        _file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        _gzip = new GZipStream(_file, CompressionLevel.Fastest);
        _json = new Utf8JsonWriter(_gzip, new JsonWriterOptions { SkipValidation = true });
        _thread = new Thread(WriterLoop) { Name = "crewchief-sessionlog", IsBackground = true, Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <summary>Writes the session header (once per session, and again when the session changes).</summary>
    public void WriteSession(SessionHeader header) => Enqueue(new LogEntry { Type = LogEntryType.Session, Header = header });

    public bool TryWriteSample(in LogSample sample) => Enqueue(new LogEntry { Type = LogEntryType.Sample, Sample = sample });

    public bool TryWriteEvent(in RaceEvent e) => Enqueue(new LogEntry { Type = LogEntryType.Event, Event = e });

    public bool TryWriteRecord(in RaceRecord r) => Enqueue(new LogEntry { Type = LogEntryType.Record, Record = r });

    public bool TryWriteUtterance(UtteranceRecord u) => Enqueue(new LogEntry { Type = LogEntryType.Utterance, Utterance = u });

    private bool Enqueue(in LogEntry entry)
    {
        if (Volatile.Read(ref _disposed) != 0) return false;
        return _queue.TryWrite(entry);
    }

    private void WriterLoop()
    {
        long lastFlush = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                // Wait with a timeout so data reaches the disk every few seconds even in a quiet stint.
                if (!_queue.Wait(2000)) Flush(ref lastFlush);
                while (_queue.TryRead(out var entry))
                {
                    if (TryWriteEntry(entry)) Written++;
                }
                if (_queue.IsCompleted) break;
                if (Stopwatch.GetElapsedTime(lastFlush).TotalSeconds >= 5) Flush(ref lastFlush);
            }
        }
        catch (Exception e)
        {
            // Nothing on this thread may end the process: an unhandled exception here would kill the race.
            Console.Error.WriteLine($"crewchief: session log {Path}: {e.Message}; logging stopped, the race goes on.");
        }
    }

    private void Flush(ref long lastFlush)
    {
        _json.Flush();
        _gzip.Flush();
        _file.Flush();
        lastFlush = Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Writes one line; an entry that cannot be written (a value the writer rejects) is skipped with one note, so a
    /// corrupt sample never ends the log. I/O failures still end it (caught by the loop): the disk is gone.
    /// </summary>
    private bool TryWriteEntry(in LogEntry entry)
    {
        try
        {
            // NaN is the strategy's "not known yet" (no gap before a lap, no fuel rate): logged as null, no note.
            WriteEntry(entry);
            return true;
        }
        catch (Exception e) when (e is not IOException and not ObjectDisposedException)
        {
            // The writer may hold a half-written object: drop it and start a clean line.
            _json.Reset();
            if (Interlocked.Increment(ref _skipped) == 1)
                Console.Error.WriteLine($"crewchief: note: session log {Path}: skipped an entry that could not be written ({e.Message}); logging goes on.");
            return false;
        }
    }

    private void WriteEntry(in LogEntry entry)
    {
        switch (entry.Type)
        {
            case LogEntryType.Session: SessionLogJson.WriteSession(_json, entry.Header!); break;
            case LogEntryType.Sample: SessionLogJson.WriteSample(_json, entry.Sample); break;
            case LogEntryType.Event: SessionLogJson.WriteEvent(_json, entry.Event); break;
            case LogEntryType.Utterance: SessionLogJson.WriteUtterance(_json, entry.Utterance!); break;
            case LogEntryType.Record: SessionLogJson.WriteRecord(_json, entry.Record); break;
        }
        _json.Flush();
        _json.Reset();
        _gzip.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _queue.Complete();
        _thread.Join();
        _queue.Dispose();
        try
        {
            // Closing the gzip stream writes its trailer: a log read by gzip to its end needs it.
            _json.Dispose();
            _gzip.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"crewchief: session log {Path}: {e.Message}; the log may be incomplete.");
        }
        finally
        {
            _file.Dispose();
        }
    }

    private static string Sanitise(string name)
    {
        Span<char> buf = stackalloc char[Math.Min(name.Length, 48)];
        int n = 0;
        foreach (char c in name)
        {
            if (n == buf.Length) break;
            buf[n++] = char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-';
        }
        return n == 0 ? "session" : new string(buf[..n]);
    }

    private enum LogEntryType : byte { Session, Sample, Event, Utterance, Record }

    private struct LogEntry
    {
        public LogEntryType Type;
        public LogSample Sample;
        public RaceEvent Event;
        public SessionHeader? Header;
        public UtteranceRecord? Utterance;
        public RaceRecord Record;
    }
}

/// <summary>What stays constant for a session: written once at its start.</summary>
public sealed record SessionHeader(string Track, string TrackType, string Car, string CarClass, IReadOnlyList<string> CarTraits, string SessionType);
