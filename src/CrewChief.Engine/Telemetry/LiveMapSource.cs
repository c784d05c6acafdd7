using System.Diagnostics;

namespace CrewChief.Telemetry;

/// <summary>
/// Reads the live irsdk layout: YAML at 112, three rotating var buffers, sessionInfoLen = the YAML capacity. Each tick
/// copies the newest buffer (highest tickCount) and re-reads its tickCount: the sim may have started rewriting that
/// buffer mid-copy, so a changed count means a torn read and the copy is retried.
/// <para>
/// Two backings: iRacing's named map on Windows (<see cref="ForSim"/>: waits on the sim's data-valid event, reports
/// NotConnected while the sim is not running, retries opening about once a second and reconnects after a restart),
/// or any file with the live layout (tests, the demo race, dumps: polls for a new tickCount). A file is read with
/// positioned reads, never mapped (<see cref="LiveFile"/>): it may be truncated, overwritten, deleted or re-created
/// under the reader, and a short read is a message where a mapped page past the end would be SIGBUS. Its size is
/// checked every tick and its identity about once a second; on a change the file is re-opened and re-described.
/// </para>
/// <para>
/// A map whose tickCount stops moving for <see cref="FrozenAfterSeconds"/> is reported once as paused or frozen.
/// </para>
/// </summary>
public sealed class LiveMapSource : ITelemetrySource
{
    public const string SimMapName = @"Local\IRSDKMemMapFileName";
    public const string SimDataValidEventName = @"Local\IRSDKDataValidEvent";
    private const int ReopenIntervalMs = 1000;
    private const int MaxCopyAttempts = 8;
    /// <summary>No new tick for this long: the sim is paused, in a menu, or hung (said once per stall).</summary>
    public const double FrozenAfterSeconds = 3.0;

    /// <summary>File backing the map, or null for the sim's named map.</summary>
    private readonly string? _path;
    private readonly bool _parseInBackground;
    /// <summary>The sim's named map (Windows); null for a file-backed source.</summary>
    private MappedFile? _map;
    /// <summary>The file-backed map; null while it is gone (deleted, truncated) and being waited for.</summary>
    private LiveFile? _file;
    /// <summary>Bytes the adopted layout needs (YAML, var headers, every var buffer): a shorter file has shrunk.</summary>
    private long _extent;
    /// <summary>The first bytes of the map, re-read every tick: header and the var-buffer table (file-backed only).</summary>
    private readonly byte[] _head = new byte[IrsdkHeader.Size];
    private readonly byte[] _scratch = new byte[4];
    /// <summary>Stopwatch timestamp of the next identity check of a file-backed map.</summary>
    private long _nextIdentityCheck;
    /// <summary>Stopwatch timestamp of the last new tick (or of connecting).</summary>
    private long _lastNewTick;
    private bool _frozenNoted;
    /// <summary>Why the file was dropped (said once), or null while it is healthy.</summary>
    private string? _lostReason;
    /// <summary>Signalled by the sim after each tick (Windows only); null means poll.</summary>
    private EventWaitHandle? _dataValid;
    private IrsdkLayout? _layout;
    private FrameDecoder? _decoder;
    /// <summary>Private copy of the newest var buffer, decoded only once the copy is known not to be torn.</summary>
    private byte[] _copy = [];
    /// <summary>tickCount of the last buffer delivered; a different newest count means a new tick.</summary>
    private int _lastTick = int.MinValue;
    /// <summary>Stopwatch timestamp before which the named map is not reopened.</summary>
    private long _nextOpenAttempt;
    private SessionInfo? _sessionInfo;
    private int _sessionInfoVersion = -1;
    /// <summary>sessionInfoUpdate last handed to the parser (background parse may still be running).</summary>
    private int _requestedSessionInfoVersion = int.MinValue;
    private SessionInfoWorker? _worker;

    /// <summary>Called after each buffer copy, before the torn-read check (tests move the tickCount here).</summary>
    internal Action? AfterBufferCopy { get; set; }

    /// <summary>Opens a file-backed map with the live layout; bad files throw <see cref="InputException"/>.</summary>
    /// <param name="parseSessionInfoInBackground">Re-parse changed YAML on the thread pool (true) or inline.</param>
    public LiveMapSource(string path, bool parseSessionInfoInBackground = true)
    {
        _path = path;
        _parseInBackground = parseSessionInfoInBackground;
        Description = $"live map {System.IO.Path.GetFileName(path)}";
        _file = LiveFile.Open(path);
        try
        {
            byte[] data = _file.ReadAll();
            if (data.Length == 0) throw InputException.ForFile(path, "file is empty: not iRacing telemetry (was the recording cut off?)");
            var layout = IrsdkLayout.Describe(data, path);
            if (layout.Kind != IrsdkLayoutKind.Live)
                throw InputException.ForFile(path, "is an .ibt recording, not a live map; use 'crewchief replay' on it");
            Adopt(layout, data);
        }
        catch
        {
            _file.Dispose();
            _file = null;
            throw;
        }
    }

    private LiveMapSource()
    {
        _parseInBackground = true;
        Description = "iRacing (live)";
    }

    /// <summary>The running sim's map. Never throws for a missing sim: TryRead reports NotConnected until it appears.</summary>
    public static LiveMapSource ForSim() => new();

    public SessionInfo? SessionInfo => Volatile.Read(ref _sessionInfo);
    public int SessionInfoVersion => Volatile.Read(ref _sessionInfoVersion);
    public string Description { get; }
    /// <summary>Layout of the connected map, or null while not connected.</summary>
    public IrsdkLayout? Layout => _layout;
    public FrameDecoder? Decoder => _decoder;
    /// <summary>Copies discarded because the sim rewrote the buffer during the copy.</summary>
    public int TornReads { get; private set; }
    /// <summary>Connected, but no new tick for <see cref="FrozenAfterSeconds"/>: the sim is paused or frozen.</summary>
    public bool Frozen => _frozenNoted;
    /// <summary>Times a file-backed map was found shrunk, replaced or gone and re-opened.</summary>
    public int Reopens { get; private set; }
    /// <summary>Where the one-line notes (map lost, re-opened, frozen) go; stderr unless a test captures them.</summary>
    public TextWriter? Notes { get; set; } = Console.Error;

    public TelemetryReadStatus TryRead(TelemetryFrame frame, int timeoutMs)
    {
        ArgumentNullException.ThrowIfNull(frame);
        long deadline = Stopwatch.GetTimestamp() + (long)Math.Max(0, timeoutMs) * Stopwatch.Frequency / 1000;
        while (true)
        {
            if (!EnsureConnected())
            {
                // Spend the caller's timeout here so a reader loop polling a missing sim does not spin; the
                // reopen itself is rate-limited to once a second by _nextOpenAttempt.
                SleepUntil(deadline);
                return TelemetryReadStatus.NotConnected;
            }
            // The header is read afresh every pass: from the view for the sim's map, by a positioned read for a
            // file (whose size is checked first, so a file cut short is noticed before anything is read past it).
            if (!ReadHead(out var header))
            {
                SleepUntil(deadline);
                return TelemetryReadStatus.NotConnected;
            }
            if (!header.IsConnected)
            {
                Disconnect();
                SleepUntil(deadline);
                return TelemetryReadStatus.NotConnected;
            }
            if (LayoutChanged(header) && !Relayout()) return TelemetryReadStatus.NotConnected;
            if (header.SessionInfoUpdate != _requestedSessionInfoVersion) RequestSessionInfo(header);

            int copied = TryCopyNewest(out int tick);
            if (copied > 0)
            {
                _decoder!.Decode(_copy, frame);
                frame.TickCount = tick;
                frame.RecordIndex = -1;
                frame.SessionInfoUpdate = header.SessionInfoUpdate;
                _lastNewTick = Stopwatch.GetTimestamp();
                if (_frozenNoted)
                {
                    _frozenNoted = false;
                    Notes?.WriteLine($"crewchief: {Description}: ticks again.");
                }
                return TelemetryReadStatus.NewFrame;
            }
            if (copied < 0)
            {
                LoseFile("was cut short while being read");
                SleepUntil(deadline);
                return TelemetryReadStatus.NotConnected;
            }
            long now = Stopwatch.GetTimestamp();
            if (!_frozenNoted && now - _lastNewTick > (long)(FrozenAfterSeconds * Stopwatch.Frequency))
            {
                _frozenNoted = true;
                Notes?.WriteLine($"crewchief: {Description}: no new tick for {FrozenAfterSeconds:0} s: the sim is paused or frozen; waiting.");
            }
            if (now >= deadline) return TelemetryReadStatus.NoNewData;
            WaitForData(deadline);
        }
    }

    /// <summary>1: a whole new buffer is in <see cref="_copy"/>; 0: no new tick (or only torn copies); −1: the file came up short.</summary>
    private int TryCopyNewest(out int tick)
    {
        var layout = _layout!;
        int count = layout.Header.BufferCount;
        int length = layout.Header.BufferLength;
        for (int attempt = 0; attempt < MaxCopyAttempts; attempt++)
        {
            if (attempt > 0 && !ReadHeadBytes()) { tick = 0; return -1; }
            int newest = 0;
            tick = IrsdkHeader.ReadBufferTickCount(_head, 0);
            for (int i = 1; i < count; i++)
            {
                int t = IrsdkHeader.ReadBufferTickCount(_head, i);
                if (t > tick) { tick = t; newest = i; }
            }
            // Not "greater than": a restarted session counts from zero again.
            if (tick == _lastTick) return 0;
            if (Read(layout.Header.BufferOffset(newest), _copy.AsSpan(0, length)) < length) { tick = 0; return -1; }
            AfterBufferCopy?.Invoke();
            // Every load of the copy must complete before the tickCount is read again (ARM64 may reorder loads).
            Interlocked.MemoryBarrier();
            if (Read(IrsdkHeader.BufferTickCountOffset(newest), _scratch) < 4) { tick = 0; return -1; }
            if (BitConverter.ToInt32(_scratch) == tick)
            {
                _lastTick = tick;
                return 1;
            }
            TornReads++;
        }
        tick = 0;
        return 0;
    }

    /// <summary>
    /// Reads the header into <see cref="_head"/>. For a file, first checks that the file is still the one opened (about
    /// once a second) and still as long as the layout needs (every tick); a file that fails either is dropped.
    /// </summary>
    private bool ReadHead(out IrsdkHeader header)
    {
        header = default;
        if (_file is not null)
        {
            long now = Stopwatch.GetTimestamp();
            if (now >= _nextIdentityCheck)
            {
                _nextIdentityCheck = now + Stopwatch.Frequency;
                if (!_file.StillAtPath()) { LoseFile("was deleted or replaced"); return false; }
            }
            if (_file.Length < Math.Max(_extent, IrsdkHeader.Size)) { LoseFile("shrank (truncated or being rewritten)"); return false; }
        }
        if (!ReadHeadBytes())
        {
            LoseFile("was cut short while being read");
            return false;
        }
        header = IrsdkHeader.Read(_head);
        return true;
    }

    private bool ReadHeadBytes() => Read(0, _head) == _head.Length;

    /// <summary>Copies map bytes at <paramref name="offset"/>; returns how many there were (fewer past the end).</summary>
    private int Read(int offset, Span<byte> destination)
    {
        if (_file is not null) return _file.Read(offset, destination);
        if (_map is null || offset < 0) return 0;
        var span = _map.Span;
        if (offset >= span.Length) return 0;
        int n = Math.Min(destination.Length, span.Length - offset);
        span.Slice(offset, n).CopyTo(destination);
        return n;
    }

    /// <summary>Drops a file-backed map that shrank, vanished or was replaced; it is re-opened when it is whole again.</summary>
    private void LoseFile(string why)
    {
        if (_file is null) return;
        _file.Dispose();
        _file = null;
        _layout = null;
        _decoder = null;
        _lastTick = int.MinValue;
        _nextOpenAttempt = 0;
        if (_lostReason is null)
        {
            _lostReason = why;
            Notes?.WriteLine($"crewchief: {Description}: the file {why}; waiting for a whole map to re-open.");
        }
    }

    private bool EnsureConnected()
    {
        if (_map is not null || (_file is not null && _layout is not null)) return true;
        if (_path is not null) return TryReopenFile();
        if (!OperatingSystem.IsWindows()) return false;
        long now = Stopwatch.GetTimestamp();
        if (now < _nextOpenAttempt) return false;
        _nextOpenAttempt = now + ReopenIntervalMs * Stopwatch.Frequency / 1000;

        var map = MappedFile.TryOpenNamed(SimMapName);
        if (map is null) return false;
        var layout = IrsdkLayout.TryDescribe(map.Span, out _);
        // While the sim starts up the header can be half written: treat that as "not yet".
        if (layout is null || layout.Kind != IrsdkLayoutKind.Live || !layout.Header.IsConnected)
        {
            map.Dispose();
            return false;
        }
        try
        {
            _dataValid = EventWaitHandle.OpenExisting(SimDataValidEventName);
        }
        catch (WaitHandleCannotBeOpenedException) { _dataValid = null; }
        catch (UnauthorizedAccessException) { _dataValid = null; }
        _map = map;
        Adopt(layout, map.Span);
        return true;
    }

    /// <summary>A file-backed map that was lost: try it again (rate-limited) and adopt it once it is whole.</summary>
    private bool TryReopenFile()
    {
        long now = Stopwatch.GetTimestamp();
        if (now < _nextOpenAttempt) return false;
        _nextOpenAttempt = now + ReopenIntervalMs / 4 * Stopwatch.Frequency / 1000;
        var file = _file ?? LiveFile.TryOpen(_path!);
        if (file is null) return false;
        byte[] data = file.ReadAll();
        var layout = data.Length == 0 ? null : IrsdkLayout.TryDescribe(data, out _);
        // Being re-created or copied: not whole yet, or not a live map (yet).
        if (layout is null || layout.Kind != IrsdkLayoutKind.Live)
        {
            file.Dispose();
            _file = null;
            return false;
        }
        _file = file;
        Adopt(layout, data);
        Reopens++;
        if (_lostReason is not null) Notes?.WriteLine($"crewchief: {Description}: re-opened.");
        _lostReason = null;
        return true;
    }

    /// <summary>Drops the named map so that a restarted sim is picked up; a file-backed map stays open (its status bit
    /// says the writer stopped, not that the file went away).</summary>
    private void Disconnect()
    {
        if (_path is not null) return;
        _dataValid?.Dispose();
        _dataValid = null;
        _map?.Dispose();
        _map = null;
        _layout = null;
        _decoder = null;
        _lastTick = int.MinValue;
    }

    private bool LayoutChanged(in IrsdkHeader h)
    {
        var old = _layout!.Header;
        return h.VarCount != old.VarCount || h.VarHeaderOffset != old.VarHeaderOffset || h.BufferCount != old.BufferCount ||
               h.BufferLength != old.BufferLength || h.SessionInfoOffset != old.SessionInfoOffset ||
               h.SessionInfoLength != old.SessionInfoLength || h.BufferOffset(0) != old.BufferOffset(0) ||
               h.BufferOffset(h.BufferCount - 1) != old.BufferOffset(h.BufferCount - 1);
    }

    /// <summary>The sim started a new layout (new car, new build): resolve the variables again. Rare; may allocate.</summary>
    private bool Relayout()
    {
        ReadOnlySpan<byte> data = _file is not null ? _file.ReadAll() : _map!.Span;
        var layout = IrsdkLayout.TryDescribe(data, out _);
        if (layout is null || layout.Kind != IrsdkLayoutKind.Live)
        {
            if (_file is not null) LoseFile("no longer holds a whole live map");
            else Disconnect();
            return false;
        }
        Adopt(layout, data);
        return true;
    }

    private void Adopt(IrsdkLayout layout, ReadOnlySpan<byte> data)
    {
        _layout = layout;
        var h = layout.Header;
        long extent = (long)h.SessionInfoOffset + h.SessionInfoLength;
        extent = Math.Max(extent, (long)h.VarHeaderOffset + (long)VarHeader.Size * h.VarCount);
        for (int i = 0; i < h.BufferCount; i++) extent = Math.Max(extent, (long)h.BufferOffset(i) + h.BufferLength);
        _extent = extent;
        if (_copy.Length != layout.Header.BufferLength) _copy = new byte[layout.Header.BufferLength];
        _lastTick = int.MinValue;
        _lastNewTick = Stopwatch.GetTimestamp();
        _frozenNoted = false;
        // The first YAML of a connection is parsed inline so that SessionInfo is there with the first frame.
        var info = SessionInfoParser.Parse(IrsdkLayout.SessionInfoBytes(data, layout.Header));
        Publish(info, layout.Header.SessionInfoUpdate);
        _requestedSessionInfoVersion = layout.Header.SessionInfoUpdate;
        _decoder = new FrameDecoder(layout.Variables, layout.Header.BufferLength, Math.Max(0, info.PlayerCarIdx));
        _decoder.Plausibility.SourceName = Description;
        _worker = new SessionInfoWorker(this, layout.Header.SessionInfoLength);
    }

    /// <summary>
    /// The sim rewrote the YAML: copy it (checking the update counter did not move during the copy) and parse it,
    /// normally on the thread pool so the tick thread never spends a millisecond on text.
    /// </summary>
    private void RequestSessionInfo(in IrsdkHeader header)
    {
        int version = header.SessionInfoUpdate;
        var worker = _worker!;
        if (worker.InFlight) return;  // picked up on a later tick, once the current parse is done
        var h = _layout!.Header;
        int read = Read(h.SessionInfoOffset, worker.Buffer.AsSpan(0, Math.Min(worker.Buffer.Length, h.SessionInfoLength)));
        Interlocked.MemoryBarrier();
        if (Read(12, _scratch) < 4 || BitConverter.ToInt32(_scratch) != version) return;  // rewritten mid-copy: try next tick
        int nul = worker.Buffer.AsSpan(0, read).IndexOf((byte)0);
        worker.Length = nul >= 0 ? nul : read;
        worker.Version = version;
        _requestedSessionInfoVersion = version;
        if (_parseInBackground)
        {
            worker.InFlight = true;
            ThreadPool.UnsafeQueueUserWorkItem(worker, preferLocal: false);
        }
        else
        {
            worker.Execute();
        }
    }

    private void Publish(SessionInfo info, int version)
    {
        Volatile.Write(ref _sessionInfo, info);
        Volatile.Write(ref _sessionInfoVersion, version);
        if (_decoder is not null && info.PlayerCarIdx >= 0) _decoder.FallbackPlayerCarIdx = info.PlayerCarIdx;
    }

    private void WaitForData(long deadline)
    {
        long now = Stopwatch.GetTimestamp();
        if (now >= deadline) return;
        int ms = (int)Math.Max(1, (deadline - now) * 1000 / Stopwatch.Frequency);
        if (_dataValid is not null)
        {
            // The sim signals at its tick rate (60 Hz); a missed signal costs at most one tick of latency.
            _dataValid.WaitOne(Math.Min(ms, 100));
        }
        else
        {
            Thread.Sleep(1);
        }
    }

    private static void SleepUntil(long timestamp)
    {
        long now = Stopwatch.GetTimestamp();
        if (timestamp <= now) return;
        Thread.Sleep((int)Math.Max(1, (timestamp - now) * 1000 / Stopwatch.Frequency));
    }

    public void Dispose()
    {
        _dataValid?.Dispose();
        _dataValid = null;
        _map?.Dispose();
        _map = null;
        _file?.Dispose();
        _file = null;
    }

    /// <summary>One reusable YAML copy and its parse, so a changed session costs no per-update buffer.</summary>
    private sealed class SessionInfoWorker(LiveMapSource owner, int capacity) : IThreadPoolWorkItem
    {
        public readonly byte[] Buffer = new byte[Math.Max(0, capacity)];
        public int Length;
        public int Version;
        public volatile bool InFlight;

        public void Execute()
        {
            try
            {
                var info = SessionInfoParser.Parse(Buffer.AsSpan(0, Length));
                // A reconnect or new layout while this ran has already published a newer YAML: drop this one.
                if (ReferenceEquals(Volatile.Read(ref owner._worker), this)) owner.Publish(info, Version);
            }
            finally
            {
                InFlight = false;
            }
        }
    }
}
