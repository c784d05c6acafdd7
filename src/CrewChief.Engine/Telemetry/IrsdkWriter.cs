using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.Versioning;
using System.Text;
using static CrewChief.Telemetry.IrsdkLiveLayout;

namespace CrewChief.Telemetry;

/// <summary>
/// Publishes telemetry in iRacing's live memory-map layout: the 112-byte irsdk_header, the session-info YAML at
/// 112 (a fixed-capacity area), 144-byte var headers, then 3 rotating data buffers. Used by the built-in demo race
/// so the engine's real live reader can attach to it unchanged. One writer thread; any number of readers in any
/// process. <see cref="WriteFrame"/> allocates nothing: every offset is resolved in the constructor.
/// </summary>
public sealed unsafe class IrsdkWriter : IDisposable
{
    public const int HeaderSize = 112;
    public const int VarHeaderSize = 144;
    public const int BufferCount = 3;
    /// <summary>Capacity current iRacing builds give the YAML area (older builds used 128 KiB).</summary>
    public const int DefaultSessionInfoCapacity = 512 * 1024;
    /// <summary>The name iRacing gives its map on Windows.</summary>
    public const string IRacingMapName = @"Local\IRSDKMemMapFileName";
    /// <summary>The event iRacing signals after each tick; Windows readers wait on it instead of polling.</summary>
    public const string IRacingDataValidEventName = @"Local\IRSDKDataValidEvent";

    private const int StatusConnected = 1;
    private const int TickRate = 60;
    private const int BufferAlignment = 64;

    /// <summary>Start of the mapped region; owned by <see cref="_view"/> when this writer created the map.</summary>
    private readonly byte* _base;
    private readonly long _length;
    private readonly int _sessionInfoCapacity;
    /// <summary>Offsets of the 3 data buffers from <see cref="_base"/>.</summary>
    private readonly int[] _bufOffsets = new int[BufferCount];
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    /// <summary>Signalled after every frame when this writer publishes the named map (Windows).</summary>
    private readonly EventWaitHandle? _dataValid;
    /// <summary>Index of the buffer written last (-1 before the first frame).</summary>
    private int _lastBuffer = -1;
    private int _tickCount;
    private int _sessionInfoUpdate;
    private bool _disposed;

    /// <summary>Lays the map out over caller-owned memory of at least <see cref="RequiredLength"/> bytes.</summary>
    public IrsdkWriter(byte* region, long length, int sessionInfoCapacity = DefaultSessionInfoCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessionInfoCapacity, 4096);
        long need = RequiredLength(sessionInfoCapacity);
        if (region is null) throw new ArgumentNullException(nameof(region));
        if (length < need) throw new ArgumentOutOfRangeException(nameof(length), $"the live layout needs {need} bytes, got {length}");
        _base = region;
        _length = length;
        _sessionInfoCapacity = sessionInfoCapacity;
        LayOut();
    }

    private readonly bool _publishPitsOpen;

    private IrsdkWriter(MemoryMappedFile map, string? filePath, int sessionInfoCapacity, EventWaitHandle? dataValid = null, bool publishPitsOpen = true)
    {
        _publishPitsOpen = publishPitsOpen;
        _map = map;
        _dataValid = dataValid;
        _sessionInfoCapacity = sessionInfoCapacity;
        _length = RequiredLength(sessionInfoCapacity);
        FilePath = filePath;
        _view = map.CreateViewAccessor(0, _length, MemoryMappedFileAccess.ReadWrite);
        byte* p = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _base = p + _view.PointerOffset;
        LayOut();
    }

    /// <summary>Creates (or truncates) a file-backed map at <paramref name="path"/>: works on every OS, and a reader
    /// maps the same file.</summary>
    /// <param name="publishPitsOpen">False for a source that cannot know whether the pits are open (race timing):
    /// the variable is then left out of the header, as a sim that lacks it would, so no reader takes a made-up value.</param>
    public static IrsdkWriter CreateFile(string path, int sessionInfoCapacity = DefaultSessionInfoCapacity, bool publishPitsOpen = true)
    {
        long length = RequiredLength(sessionInfoCapacity);
        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            stream.SetLength(length);
            var map = MemoryMappedFile.CreateFromFile(stream, null, length, MemoryMappedFileAccess.ReadWrite,
                HandleInheritability.None, leaveOpen: false);
            return new IrsdkWriter(map, Path.GetFullPath(path), sessionInfoCapacity, publishPitsOpen: publishPitsOpen);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Creates the named, page-file-backed map iRacing itself publishes, and its data-valid event
    /// (Windows only). Fails if the sim (or another writer) already owns the name: never run it beside iRacing.</summary>
    [SupportedOSPlatform("windows")]
    public static IrsdkWriter CreateNamed(string mapName = IRacingMapName, string eventName = IRacingDataValidEventName,
        int sessionInfoCapacity = DefaultSessionInfoCapacity)
    {
        var map = MemoryMappedFile.CreateNew(mapName, RequiredLength(sessionInfoCapacity), MemoryMappedFileAccess.ReadWrite);
        try
        {
            var dataValid = new EventWaitHandle(false, EventResetMode.ManualReset, eventName);
            return new IrsdkWriter(map, null, sessionInfoCapacity, dataValid);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>Bytes the whole layout needs for a given YAML capacity.</summary>
    public static long RequiredLength(int sessionInfoCapacity = DefaultSessionInfoCapacity)
    {
        int stride = AlignUp(BufLen, BufferAlignment);
        return FirstBufferOffset(sessionInfoCapacity) + (long)stride * BufferCount;
    }

    /// <summary>Path of the backing file, or null for a named or caller-owned map.</summary>
    public string? FilePath { get; }

    /// <summary>Bytes laid out (the map may be larger).</summary>
    public long Length => _length;

    /// <summary>tickCount of the newest buffer (0 before the first frame).</summary>
    public int TickCount => _tickCount;

    /// <summary>irsdk_header.sessionInfoUpdate: bumped on every <see cref="WriteSessionInfo"/>.</summary>
    public int SessionInfoUpdate => _sessionInfoUpdate;

    public static int VariableCount => Count;

    /// <summary>irsdk_header.bufLen.</summary>
    public static int BufferLength => BufLen;

    private static int FirstBufferOffset(int sessionInfoCapacity) =>
        AlignUp(HeaderSize + sessionInfoCapacity + Count * VarHeaderSize, BufferAlignment);

    private static int AlignUp(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private Span<byte> Bytes(long offset, int length) => new(_base + offset, length);

    private void LayOut()
    {
        new Span<byte>(_base, (int)Math.Min(_length, int.MaxValue)).Clear();
        int varHeaderOffset = HeaderSize + _sessionInfoCapacity;
        int first = FirstBufferOffset(_sessionInfoCapacity);
        int stride = AlignUp(BufLen, BufferAlignment);

        Span<byte> h = Bytes(0, HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(h[0..], 2);                   // ver
        BinaryPrimitives.WriteInt32LittleEndian(h[8..], TickRate);
        BinaryPrimitives.WriteInt32LittleEndian(h[12..], 0);                  // sessionInfoUpdate
        BinaryPrimitives.WriteInt32LittleEndian(h[16..], _sessionInfoCapacity); // sessionInfoLen: capacity, not text length
        BinaryPrimitives.WriteInt32LittleEndian(h[20..], HeaderSize);         // sessionInfoOffset
        BinaryPrimitives.WriteInt32LittleEndian(h[24..], Count);              // numVars
        BinaryPrimitives.WriteInt32LittleEndian(h[28..], varHeaderOffset);
        BinaryPrimitives.WriteInt32LittleEndian(h[32..], BufferCount);        // numBuf
        BinaryPrimitives.WriteInt32LittleEndian(h[36..], BufLen);
        for (int i = 0; i < BufferCount; i++)
        {
            _bufOffsets[i] = first + i * stride;
            BinaryPrimitives.WriteInt32LittleEndian(h[(48 + 16 * i)..], 0);  // tickCount
            BinaryPrimitives.WriteInt32LittleEndian(h[(52 + 16 * i)..], _bufOffsets[i]);
        }

        for (int v = 0; v < Count; v++)
        {
            Span<byte> vh = Bytes(varHeaderOffset + (long)v * VarHeaderSize, VarHeaderSize);
            Spec spec = Specs[v];
            BinaryPrimitives.WriteInt32LittleEndian(vh[0..], spec.Type);
            BinaryPrimitives.WriteInt32LittleEndian(vh[4..], Offsets[v]);
            BinaryPrimitives.WriteInt32LittleEndian(vh[8..], spec.Count);
            vh[12] = 0;                                                        // countAsTime
            WriteCString(vh.Slice(16, 32), v == (int)Var.PitsOpen && !_publishPitsOpen ? "" : spec.Name);
            WriteCString(vh.Slice(48, 64), spec.Desc);
            WriteCString(vh.Slice(112, 32), spec.Unit);
        }

        // Status last: a reader that sees "connected" sees a complete layout.
        Volatile.Write(ref *(int*)(_base + 4), StatusConnected);
    }

    private static void WriteCString(Span<byte> field, string text)
    {
        int n = Encoding.Latin1.GetBytes(text.AsSpan(0, Math.Min(text.Length, field.Length - 1)), field);
        field[n..].Clear();
    }

    /// <summary>
    /// Replaces the session-info YAML (iRacing's text is Windows-1252; this writes Latin-1, identical for the
    /// characters the demo uses) and bumps sessionInfoUpdate after the text is complete. Off the tick path: the
    /// sim calls it only when the YAML changes.
    /// </summary>
    public void WriteSessionInfo(string yaml)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int max = _sessionInfoCapacity - 1; // keep a NUL terminator
        if (Encoding.Latin1.GetByteCount(yaml) > max)
            throw new InvalidOperationException($"session info is {yaml.Length} bytes, the map holds {max}");
        Span<byte> area = Bytes(HeaderSize, _sessionInfoCapacity);
        int n = Encoding.Latin1.GetBytes(yaml, area);
        area[n..].Clear();
        _sessionInfoUpdate++;
        Volatile.Write(ref *(int*)(_base + 12), _sessionInfoUpdate);
    }

    /// <summary>
    /// Writes <paramref name="f"/> into the oldest of the 3 buffers and returns its new tickCount. The buffer's
    /// tickCount is zeroed (with a full fence) before the data and set last: a reader that copied a buffer and then
    /// finds its tickCount changed knows the copy may be torn, even if it re-checks while the write is in progress.
    /// </summary>
    public int WriteFrame(TelemetryFrame f)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int index = (_lastBuffer + 1) % BufferCount;
        int* tickSlot = (int*)(_base + 48 + 16 * index);
        Interlocked.Exchange(ref *tickSlot, 0);
        byte* b = _base + _bufOffsets[index];

        Put(b, Var.SessionTime, f.SessionTime);
        Put(b, Var.SessionTick, f.SessionTick);
        Put(b, Var.SessionNum, f.SessionNum);
        Put(b, Var.SessionState, (int)f.SessionState);
        Put(b, Var.SessionUniqueID, 1);
        Put(b, Var.SessionFlags, (int)f.SessionFlags);
        Put(b, Var.SessionTimeRemain, f.SessionTimeRemain);
        Put(b, Var.SessionLapsRemain, f.SessionLapsRemainEx);
        Put(b, Var.SessionLapsRemainEx, f.SessionLapsRemainEx);
        Put(b, Var.DisplayUnits, 1);
        Put(b, Var.IsOnTrack, f.IsOnTrack);
        Put(b, Var.PlayerCarPosition, f.PlayerCarPosition);
        Put(b, Var.PlayerCarClassPosition, f.PlayerCarClassPosition);
        int playerIdx = (uint)f.PlayerCarIdx < TelemetryFrame.MaxCars ? f.PlayerCarIdx : 0;
        Put(b, Var.PlayerCarClass, f.CarIdxClass[playerIdx]);
        Put(b, Var.PlayerTrackSurface, (int)f.PlayerTrackSurface);
        Put(b, Var.PlayerCarIdx, f.PlayerCarIdx);
        Put(b, Var.PlayerCarTeamIncidentCount, f.PlayerCarMyIncidentCount);
        Put(b, Var.PlayerCarMyIncidentCount, f.PlayerCarMyIncidentCount);
        Put(b, Var.PlayerCarDriverIncidentCount, f.PlayerCarMyIncidentCount);

        PutArray(b, Var.CarIdxLap, f.CarIdxLap);
        PutArray(b, Var.CarIdxLapCompleted, f.CarIdxLapCompleted);
        PutArray(b, Var.CarIdxLapDistPct, f.CarIdxLapDistPct);
        byte* surfaces = b + Offsets[(int)Var.CarIdxTrackSurface];
        for (int i = 0; i < TelemetryFrame.MaxCars; i++) Unsafe.WriteUnaligned(surfaces + 4 * i, (int)f.CarIdxTrackSurface[i]);
        byte* pits = b + Offsets[(int)Var.CarIdxOnPitRoad];
        for (int i = 0; i < TelemetryFrame.MaxCars; i++) pits[i] = f.CarIdxOnPitRoad[i] ? (byte)1 : (byte)0;
        PutArray(b, Var.CarIdxPosition, f.CarIdxPosition);
        PutArray(b, Var.CarIdxClassPosition, f.CarIdxClassPosition);
        PutArray(b, Var.CarIdxClass, f.CarIdxClass);
        PutArray(b, Var.CarIdxF2Time, f.CarIdxF2Time);
        PutArray(b, Var.CarIdxEstTime, f.CarIdxEstTime);
        PutArray(b, Var.CarIdxLastLapTime, f.CarIdxLastLapTime);
        PutArray(b, Var.CarIdxBestLapTime, f.CarIdxBestLapTime);

        Put(b, Var.OnPitRoad, f.OnPitRoad);
        Put(b, Var.SteeringWheelAngle, f.SteeringWheelAngle);
        Put(b, Var.Throttle, f.Throttle);
        Put(b, Var.Brake, f.Brake);
        Put(b, Var.Gear, f.Gear);
        Put(b, Var.RPM, f.Rpm);
        Put(b, Var.Lap, f.Lap);
        Put(b, Var.LapCompleted, f.LapCompleted);
        Put(b, Var.LapDist, f.LapDist);
        Put(b, Var.LapDistPct, f.LapDistPct);
        Put(b, Var.LapBestLapTime, f.LapBestLapTime);
        Put(b, Var.LapLastLapTime, f.LapLastLapTime);
        Put(b, Var.LapCurrentLapTime, f.LapCurrentLapTime);
        Put(b, Var.LapDeltaToBestLap, f.LapDeltaToBestLap);
        Put(b, Var.LapDeltaToBestLap_OK, f.LapBestLapTime > 0);
        Put(b, Var.Speed, f.Speed);
        Put(b, Var.TrackTemp, f.TrackTemp);
        Put(b, Var.TrackTempCrew, f.TrackTemp);
        Put(b, Var.AirTemp, f.AirTemp);
        Put(b, Var.CarLeftRight, (int)f.CarLeftRight);
        Put(b, Var.IsOnTrackCar, f.IsOnTrackCar);
        Put(b, Var.VertAccel, f.VertAccel);
        Put(b, Var.LatAccel, f.LatAccel);
        Put(b, Var.LongAccel, f.LongAccel);
        Put(b, Var.EngineWarnings, (int)f.EngineWarnings);
        Put(b, Var.FuelLevel, f.FuelLevel);
        Put(b, Var.FuelLevelPct, f.FuelLevelPct);
        Put(b, Var.FuelUsePerHour, f.FuelUsePerHour);
        Put(b, Var.dcPitSpeedLimiterToggle, (f.EngineWarnings & EngineWarnings.PitSpeedLimiter) != 0);
        Put(b, Var.PitsOpen, f.PitsOpen);
        for (var v = Var.RRtempCL; v <= Var.LFwearR; v++)
        {
            int slot = TyreSlot(v, out bool isWear);
            Put(b, v, isWear ? f.TyreWear[slot] : f.TyreTemp[slot]);
        }

        int tick = ++_tickCount;
        Volatile.Write(ref *tickSlot, tick);
        _lastBuffer = index;
        if (_dataValid is not null)
        {
            // PulseEvent semantics: a manual-reset event releases every thread already waiting when it is set.
            _dataValid.Set();
            _dataValid.Reset();
        }
        return tick;
    }

    /// <summary>Marks the map disconnected (status 0), as iRacing does when the sim closes.</summary>
    public void SetDisconnected()
    {
        if (!_disposed) Volatile.Write(ref *(int*)(_base + 4), 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(byte* b, Var v, double value) => Unsafe.WriteUnaligned(b + Offsets[(int)v], value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(byte* b, Var v, float value) => Unsafe.WriteUnaligned(b + Offsets[(int)v], value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(byte* b, Var v, int value) => Unsafe.WriteUnaligned(b + Offsets[(int)v], value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(byte* b, Var v, bool value) => b[Offsets[(int)v]] = value ? (byte)1 : (byte)0;

    private static void PutArray(byte* b, Var v, int[] values)
    {
        byte* p = b + Offsets[(int)v];
        for (int i = 0; i < TelemetryFrame.MaxCars; i++) Unsafe.WriteUnaligned(p + 4 * i, values[i]);
    }

    private static void PutArray(byte* b, Var v, float[] values)
    {
        byte* p = b + Offsets[(int)v];
        for (int i = 0; i < TelemetryFrame.MaxCars; i++) Unsafe.WriteUnaligned(p + 4 * i, values[i]);
    }

    public void Dispose()
    {
        if (_disposed) return;
        SetDisconnected();
        _disposed = true;
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Flush();
            _view.Dispose();
        }
        _map?.Dispose();
        _dataValid?.Dispose();
    }
}
