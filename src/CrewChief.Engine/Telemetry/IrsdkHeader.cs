using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CrewChief.Telemetry;

/// <summary>
/// irsdk_header: the 112 bytes at the start of both an .ibt file and the live memory map. Little-endian int32s:
/// ver, status, tickRate, sessionInfoUpdate, sessionInfoLen, sessionInfoOffset, numVars, varHeaderOffset, numBuf,
/// bufLen, pad[2], then four varBuf entries {tickCount, bufOffset, pad[2]} at 48 + 16·i.
/// </summary>
public readonly struct IrsdkHeader
{
    public const int Size = 112;
    public const int MaxBuffers = 4;
    private const int VarBufBase = 48;
    private const int VarBufStride = 16;

    public int Version { get; init; }
    public int Status { get; init; }
    public int TickRate { get; init; }
    public int SessionInfoUpdate { get; init; }
    /// <summary>Text length in an .ibt; in the live map the capacity of the YAML area, not the text length.</summary>
    public int SessionInfoLength { get; init; }
    public int SessionInfoOffset { get; init; }
    public int VarCount { get; init; }
    public int VarHeaderOffset { get; init; }
    public int BufferCount { get; init; }
    public int BufferLength { get; init; }
    private readonly int _tick0, _tick1, _tick2, _tick3;
    private readonly int _offset0, _offset1, _offset2, _offset3;

    /// <summary>irsdk_StatusField.stConnected: the sim is running and writing this map.</summary>
    public bool IsConnected => (Status & 1) != 0;

    public int BufferTickCount(int index) => index switch { 0 => _tick0, 1 => _tick1, 2 => _tick2, 3 => _tick3, _ => throw new ArgumentOutOfRangeException(nameof(index)) };

    public int BufferOffset(int index) => index switch { 0 => _offset0, 1 => _offset1, 2 => _offset2, 3 => _offset3, _ => throw new ArgumentOutOfRangeException(nameof(index)) };

    private IrsdkHeader(ReadOnlySpan<byte> s)
    {
        Version = I32(s, 0);
        Status = I32(s, 4);
        TickRate = I32(s, 8);
        SessionInfoUpdate = I32(s, 12);
        SessionInfoLength = I32(s, 16);
        SessionInfoOffset = I32(s, 20);
        VarCount = I32(s, 24);
        VarHeaderOffset = I32(s, 28);
        BufferCount = I32(s, 32);
        BufferLength = I32(s, 36);
        _tick0 = I32(s, VarBufBase); _offset0 = I32(s, VarBufBase + 4);
        _tick1 = I32(s, VarBufBase + VarBufStride); _offset1 = I32(s, VarBufBase + VarBufStride + 4);
        _tick2 = I32(s, VarBufBase + 2 * VarBufStride); _offset2 = I32(s, VarBufBase + 2 * VarBufStride + 4);
        _tick3 = I32(s, VarBufBase + 3 * VarBufStride); _offset3 = I32(s, VarBufBase + 3 * VarBufStride + 4);
    }

    /// <summary>Reads the header fields without judging them; <paramref name="data"/> must hold at least 112 bytes.</summary>
    public static IrsdkHeader Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < Size) throw new ArgumentException($"an irsdk header needs {Size} bytes, got {data.Length}", nameof(data));
        return new IrsdkHeader(data);
    }

    /// <summary>
    /// Reads the header at the start of <paramref name="data"/> (the whole file or map) and checks that every
    /// region it points at lies inside <paramref name="data"/>. On failure <paramref name="problem"/> says what is wrong
    /// in words a user can act on.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out IrsdkHeader header, out string? problem) =>
        TryParse(data, data.Length, out header, out problem);

    /// <summary>
    /// As above for a file read in parts: <paramref name="data"/> holds at least the header, <paramref name="length"/>
    /// is the whole file's length, which the regions are checked against.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, long length, out IrsdkHeader header, out string? problem)
    {
        header = default;
        if (data.Length < Size)
        {
            problem = $"too short for iRacing telemetry ({Math.Min(data.Length, length)} bytes; the header alone is {Size}): the file is truncated or not an .ibt";
            return false;
        }
        header = new IrsdkHeader(data);
        problem = header.Check(length);
        return problem is null;
    }

    /// <summary>The newest var buffer (highest tickCount) among the first <see cref="BufferCount"/>.</summary>
    public int NewestBuffer()
    {
        int best = 0;
        for (int i = 1; i < BufferCount && i < MaxBuffers; i++)
            if (BufferTickCount(i) > BufferTickCount(best)) best = i;
        return best;
    }

    /// <summary>
    /// Reads one varBuf tickCount straight from the map (the torn-read check re-reads only this). A volatile read:
    /// the sim writes the map concurrently, and the buffer copy must not be reordered before this load.
    /// </summary>
    public static int ReadBufferTickCount(ReadOnlySpan<byte> data, int index)
    {
        int offset = VarBufBase + VarBufStride * index;
        if ((uint)(offset + 4) > (uint)data.Length) throw new ArgumentOutOfRangeException(nameof(index));
        return Volatile.Read(ref Unsafe.As<byte, int>(ref Unsafe.Add(ref MemoryMarshal.GetReference(data), offset)));
    }

    /// <summary>Offset of var buffer <paramref name="index"/>'s tickCount in the header.</summary>
    public static int BufferTickCountOffset(int index) => VarBufBase + VarBufStride * index;

    public static int ReadSessionInfoUpdate(ReadOnlySpan<byte> data) => I32(data, 12);

    public static int ReadStatus(ReadOnlySpan<byte> data) => I32(data, 4);

    private string? Check(long length)
    {
        // Real files have ver 1 (2015) or 2; anything far outside means this is not irsdk data at all.
        if (Version < 1 || Version > 16)
            return $"not iRacing telemetry (header version {Version}; expected 1 or 2): wrong file type or damaged header";
        if (TickRate < 1 || TickRate > 10_000)
            return $"implausible tick rate {TickRate} Hz in the header: the file is damaged";
        if (VarCount < 1 || VarCount > 100_000)
            return $"implausible variable count {VarCount} in the header: the file is damaged";
        if (BufferCount < 1 || BufferCount > MaxBuffers)
            return $"implausible var buffer count {BufferCount} in the header (1 to {MaxBuffers}): the file is damaged";
        if (BufferLength < 1 || BufferLength > 16 * 1024 * 1024)
            return $"implausible var buffer length {BufferLength} in the header: the file is damaged";
        if (Region("variable table", "varHeaderOffset", VarHeaderOffset, "numVars", VarCount, (long)VarCount * VarHeader.Size, length) is string vars)
            return vars;
        if (Region("session info", "sessionInfoOffset", SessionInfoOffset, "sessionInfoLen", SessionInfoLength, SessionInfoLength, length) is string yaml)
            return yaml;
        for (int i = 0; i < BufferCount; i++)
        {
            if (Region($"var buffer {i}", $"varBuf[{i}].bufOffset", BufferOffset(i), "bufLen", BufferLength, BufferLength, length) is string buffer)
                return buffer;
        }
        return null;
    }

    /// <summary>
    /// A region the header points at must lie inside the file. A start or size that no file of this length can hold
    /// is a corrupted header field (named, with its value); a region that starts inside the file but runs past its
    /// end is what a cut-off copy looks like.
    /// </summary>
    private static string? Region(string what, string offsetField, long offset, string sizeField, long sizeValue, long bytes, long length)
    {
        // A cut-off copy keeps its header, so its offsets can point a little past the new end; a flipped high byte
        // points megabytes past it. Twice the file plus 1 MiB separates the two for any real recording.
        long farBeyond = 2 * length + (1 << 20);
        if (offset < Size || offset > farBeyond)
            return $"corrupted header field {offsetField} = {offset} (the file has {length} bytes): the file is damaged";
        if (sizeValue < 0 || bytes > farBeyond)
            return $"corrupted header field {sizeField} = {sizeValue} (the file has {length} bytes): the file is damaged";
        if (offset + bytes > length)
            return $"{what} ({bytes} bytes at {offset}) runs past the end ({length} bytes): the file is truncated";
        return null;
    }

    private static int I32(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadInt32LittleEndian(s.Slice(offset, 4));
}
