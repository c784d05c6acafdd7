using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using CrewChief.Native.Memory;
using static CrewChief.Telemetry.IrsdkLiveLayout;

namespace CrewChief.Telemetry;

/// <summary>
/// Publishes telemetry in iRacing's live memory-map layout: the 112-byte irsdk_header, the session-info YAML at
/// 112 (a fixed-capacity area), 144-byte var headers, then 3 rotating data buffers. Used by the built-in demo race
/// so the engine's real live reader can attach to it unchanged. One writer thread; any number of readers in any
/// process. <see cref="WriteFrame"/> allocates nothing: every offset is resolved in the constructor, and the
/// mapped memory is reached through spans over a <see cref="MappedRegion"/> (the pointer stays in the interop corner).
/// </summary>
public sealed class IrsdkWriter : IDisposable
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
    /// <summary>irsdk_header.status and sessionInfoUpdate: fields readers poll, written with release semantics.</summary>
    private const int StatusOffset = 4;
    private const int SessionInfoUpdateOffset = 12;

    /// <summary>The mapped memory; owned (disposed with <see cref="_view"/>) when this writer created the map.</summary>
    private readonly MappedRegion _region;
    private readonly long _length;
    private readonly int _sessionInfoCapacity;
    /// <summary>Offsets of the 3 data buffers from the start of <see cref="_region"/>.</summary>
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

    /// <summary>Lays the map out over a caller-owned region of at least <see cref="RequiredLength"/> bytes (the
    /// caller disposes it after this writer).</summary>
    public IrsdkWriter(MappedRegion region, int sessionInfoCapacity = DefaultSessionInfoCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessionInfoCapacity, 4096);
        long need = RequiredLength(sessionInfoCapacity);
        ArgumentNullException.ThrowIfNull(region);
        if (region.Length < need) throw new ArgumentOutOfRangeException(nameof(region), $"the live layout needs {need} bytes, got {region.Length}");
        if (!region.CanWrite) throw new ArgumentException("the region is read-only", nameof(region));
        _region = region;
        _length = region.Length;
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
        _region = MappedRegion.Acquire(_view, _length);
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

    /// <summary>irsdk_header.varBuf[buffer].tickCount.</summary>
    private static int TickCountOffset(int buffer) => 48 + 16 * buffer;

    private static int AlignUp(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private Span<byte> Bytes(long offset, int length) => _region.Slice(offset, length);

    private void LayOut()
    {
        Bytes(0, (int)Math.Min(_length, int.MaxValue)).Clear();
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
        _region.VolatileWriteInt32(StatusOffset, StatusConnected);
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
        _region.VolatileWriteInt32(SessionInfoUpdateOffset, _sessionInfoUpdate);
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
        int tickSlot = TickCountOffset(index);
        _region.InterlockedExchangeInt32(tickSlot, 0);
        Span<byte> b = Bytes(_bufOffsets[index], BufLen);

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
        PutArray(b, Var.CarIdxTrackSurface, f.CarIdxTrackSurface);
        Span<byte> pits = b.Slice(Offsets[(int)Var.CarIdxOnPitRoad], TelemetryFrame.MaxCars);
        for (int i = 0; i < pits.Length; i++) pits[i] = f.CarIdxOnPitRoad[i] ? (byte)1 : (byte)0;
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
        _region.VolatileWriteInt32(tickSlot, tick);
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
        if (!_disposed) _region.VolatileWriteInt32(StatusOffset, 0);
    }

    // irsdk is little-endian (x86 Windows); the array copies below are native order, which is the same on every
    // platform this runs on (x64, arm64).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(Span<byte> b, Var v, double value) => BinaryPrimitives.WriteDoubleLittleEndian(b[Offsets[(int)v]..], value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(Span<byte> b, Var v, float value) => BinaryPrimitives.WriteSingleLittleEndian(b[Offsets[(int)v]..], value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(Span<byte> b, Var v, int value) => BinaryPrimitives.WriteInt32LittleEndian(b[Offsets[(int)v]..], value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(Span<byte> b, Var v, bool value) => b[Offsets[(int)v]] = value ? (byte)1 : (byte)0;

    /// <summary>One 64-car array in a single copy (int, float and the int-backed <see cref="TrackSurface"/>).</summary>
    private static void PutArray<T>(Span<byte> b, Var v, T[] values) where T : unmanaged =>
        MemoryMarshal.AsBytes(values.AsSpan(0, TelemetryFrame.MaxCars)).CopyTo(b[Offsets[(int)v]..]);

    public void Dispose()
    {
        if (_disposed) return;
        SetDisconnected();
        _disposed = true;
        if (_view is not null)
        {
            _region.Dispose();
            _view.Flush();
            _view.Dispose();
        }
        _map?.Dispose();
        _dataValid?.Dispose();
    }
}
