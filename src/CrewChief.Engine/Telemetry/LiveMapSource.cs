using System.Diagnostics;

namespace CrewChief.Telemetry;

/// <summary>
/// Reads the live irsdk layout: YAML at 112, three rotating var buffers, sessionInfoLen = the YAML capacity. Each tick
/// copies the newest buffer (highest tickCount) and re-reads its tickCount: the sim may have started rewriting that
/// buffer mid-copy, so a changed count means a torn read and the copy is retried.
/// <para>
/// Two backings: iRacing's named map on Windows (<see cref="ForSim"/>: waits on the sim's data-valid event, reports
/// NotConnected while the sim is not running, retries opening about once a second and reconnects after a restart),
/// or any file with the live layout (tests, the demo race, dumps: polls for a new tickCount).
/// </para>
/// </summary>
public sealed class LiveMapSource : ITelemetrySource
{
    public const string SimMapName = @"Local\IRSDKMemMapFileName";
    public const string SimDataValidEventName = @"Local\IRSDKDataValidEvent";
    private const int ReopenIntervalMs = 1000;
    private const int MaxCopyAttempts = 8;

    /// <summary>File backing the map, or null for the sim's named map.</summary>
    private readonly string? _path;
    private readonly bool _parseInBackground;
    private MappedFile? _map;
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
        _map = MappedFile.OpenFile(path);
        try
        {
            var layout = IrsdkLayout.Describe(_map.Span, path);
            if (layout.Kind != IrsdkLayoutKind.Live)
                throw InputException.ForFile(path, "is an .ibt recording, not a live map; use 'crewchief replay' on it");
            Adopt(layout);
        }
        catch
        {
            _map.Dispose();
            throw;
        }
        Description = $"live map {System.IO.Path.GetFileName(path)}";
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
            var data = _map!.Span;
            var header = IrsdkHeader.Read(data);
            if (!header.IsConnected)
            {
                Disconnect();
                SleepUntil(deadline);
                return TelemetryReadStatus.NotConnected;
            }
            if (LayoutChanged(header) && !Relayout(data)) return TelemetryReadStatus.NotConnected;
            if (header.SessionInfoUpdate != _requestedSessionInfoVersion) RequestSessionInfo(data, header.SessionInfoUpdate);

            if (TryCopyNewest(data, out int tick))
            {
                _decoder!.Decode(_copy, frame);
                frame.TickCount = tick;
                frame.RecordIndex = -1;
                frame.SessionInfoUpdate = header.SessionInfoUpdate;
                return TelemetryReadStatus.NewFrame;
            }
            if (Stopwatch.GetTimestamp() >= deadline) return TelemetryReadStatus.NoNewData;
            WaitForData(deadline);
        }
    }

    private bool TryCopyNewest(ReadOnlySpan<byte> data, out int tick)
    {
        var layout = _layout!;
        int count = layout.Header.BufferCount;
        int length = layout.Header.BufferLength;
        for (int attempt = 0; attempt < MaxCopyAttempts; attempt++)
        {
            int newest = 0;
            tick = IrsdkHeader.ReadBufferTickCount(data, 0);
            for (int i = 1; i < count; i++)
            {
                int t = IrsdkHeader.ReadBufferTickCount(data, i);
                if (t > tick) { tick = t; newest = i; }
            }
            // Not "greater than": a restarted session counts from zero again.
            if (tick == _lastTick) return false;
            data.Slice(layout.Header.BufferOffset(newest), length).CopyTo(_copy);
            AfterBufferCopy?.Invoke();
            // Every load of the copy must complete before the tickCount is read again (ARM64 may reorder loads).
            Interlocked.MemoryBarrier();
            if (IrsdkHeader.ReadBufferTickCount(data, newest) == tick)
            {
                _lastTick = tick;
                return true;
            }
            TornReads++;
        }
        tick = 0;
        return false;
    }

    private bool EnsureConnected()
    {
        if (_map is not null) return true;
        if (_path is not null || !OperatingSystem.IsWindows()) return false;
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
        Adopt(layout);
        return true;
    }

    /// <summary>Drops the named map so that a restarted sim is picked up; a file-backed map stays open.</summary>
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
    private bool Relayout(ReadOnlySpan<byte> data)
    {
        var layout = IrsdkLayout.TryDescribe(data, out _);
        if (layout is null || layout.Kind != IrsdkLayoutKind.Live)
        {
            Disconnect();
            return false;
        }
        Adopt(layout);
        return true;
    }

    private void Adopt(IrsdkLayout layout)
    {
        _layout = layout;
        if (_copy.Length != layout.Header.BufferLength) _copy = new byte[layout.Header.BufferLength];
        _lastTick = int.MinValue;
        // The first YAML of a connection is parsed inline so that SessionInfo is there with the first frame.
        var data = _map!.Span;
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
    private void RequestSessionInfo(ReadOnlySpan<byte> data, int version)
    {
        var worker = _worker!;
        if (worker.InFlight) return;  // picked up on a later tick, once the current parse is done
        var text = IrsdkLayout.SessionInfoBytes(data, _layout!.Header);
        text.CopyTo(worker.Buffer);
        Interlocked.MemoryBarrier();
        if (IrsdkHeader.ReadSessionInfoUpdate(data) != version) return;  // rewritten mid-copy: try next tick
        worker.Length = text.Length;
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
