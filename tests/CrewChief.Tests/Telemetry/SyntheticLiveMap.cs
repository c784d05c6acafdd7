using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Text;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Telemetry;

/// <summary>
/// A small file with the live irsdk layout (YAML at 112, var headers, three var buffers) that a test can rewrite
/// through its own writable mapping while a <see cref="LiveMapSource"/> reads the same file.
/// </summary>
internal sealed class SyntheticLiveMap : IDisposable
{
    public const int YamlCapacity = 4096;
    public const int BufferLength = 16 + 4 + 4 + 4 + 4 + 64 * 4;
    public const int BufferCount = 3;
    private const int VarCount = 7;
    private const int VarHeaderOffset = 112 + YamlCapacity;
    private const int FirstBufferOffset = VarHeaderOffset + VarCount * VarHeader.Size;
    private const int Length = FirstBufferOffset + BufferCount * BufferLength;

    // Var buffer layout: SessionTime double @0, Lap int @8, Speed float @12, FuelLevel float @16,
    // CarLeftRight bitfield @20, PlayerTrackSurface int @24, CarIdxLapDistPct float[64] @28.
    private static readonly (string Name, IrsdkVarType Type, int Offset, int Count)[] s_vars =
    [
        ("SessionTime", IrsdkVarType.Double, 0, 1),
        ("Lap", IrsdkVarType.Int, 8, 1),
        ("Speed", IrsdkVarType.Float, 12, 1),
        ("FuelLevel", IrsdkVarType.Float, 16, 1),
        ("CarLeftRight", IrsdkVarType.Bitfield, 20, 1),
        ("PlayerTrackSurface", IrsdkVarType.Int, 24, 1),
        ("CarIdxLapDistPct", IrsdkVarType.Float, 28, 64),
    ];

    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;

    public string Path { get; }

    public SyntheticLiveMap(string yaml, int sessionInfoUpdate = 1)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"crewchief-live-{Guid.NewGuid():N}.bin");
        var bytes = new byte[Length];
        var s = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s[0..], 2);                // ver
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], 1);                // status: connected
        BinaryPrimitives.WriteInt32LittleEndian(s[8..], 60);               // tickRate
        BinaryPrimitives.WriteInt32LittleEndian(s[12..], sessionInfoUpdate);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], YamlCapacity);    // live: capacity, not text length
        BinaryPrimitives.WriteInt32LittleEndian(s[20..], 112);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], VarCount);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], VarHeaderOffset);
        BinaryPrimitives.WriteInt32LittleEndian(s[32..], BufferCount);
        BinaryPrimitives.WriteInt32LittleEndian(s[36..], BufferLength);
        for (int i = 0; i < BufferCount; i++)
            BinaryPrimitives.WriteInt32LittleEndian(s[(48 + 16 * i + 4)..], FirstBufferOffset + i * BufferLength);
        for (int v = 0; v < s_vars.Length; v++)
        {
            var h = s.Slice(VarHeaderOffset + v * VarHeader.Size, VarHeader.Size);
            BinaryPrimitives.WriteInt32LittleEndian(h, (int)s_vars[v].Type);
            BinaryPrimitives.WriteInt32LittleEndian(h[4..], s_vars[v].Offset);
            BinaryPrimitives.WriteInt32LittleEndian(h[8..], s_vars[v].Count);
            Encoding.ASCII.GetBytes(s_vars[v].Name).CopyTo(h[16..]);
        }
        File.WriteAllBytes(Path, bytes);
        _map = MemoryMappedFile.CreateFromFile(Path, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
        _view = _map.CreateViewAccessor(0, Length, MemoryMappedFileAccess.ReadWrite);
        WriteYaml(yaml, sessionInfoUpdate);
    }

    public void WriteYaml(string yaml, int sessionInfoUpdate)
    {
        var text = new byte[YamlCapacity];
        Encoding.Latin1.GetBytes(yaml).CopyTo(text, 0);
        _view.WriteArray(112, text, 0, text.Length);
        _view.Write(12, sessionInfoUpdate);
    }

    public void SetStatus(int status) => _view.Write(4, status);

    public int TickCount(int buffer) => _view.ReadInt32(48 + 16 * buffer);

    public void SetTickCount(int buffer, int tick) => _view.Write(48 + 16 * buffer, tick);

    /// <summary>Writes one tick's values into <paramref name="buffer"/> and then publishes its tickCount.</summary>
    public void WriteTick(int buffer, int tick, double sessionTime, int lap, float speed, float fuel, int carLeftRight = 1, int surface = 3)
    {
        WriteValues(buffer, sessionTime, lap, speed, fuel, carLeftRight, surface);
        SetTickCount(buffer, tick);
    }

    public void WriteValues(int buffer, double sessionTime, int lap, float speed, float fuel, int carLeftRight = 1, int surface = 3)
    {
        long b = FirstBufferOffset + (long)buffer * BufferLength;
        _view.Write(b, sessionTime);
        _view.Write(b + 8, lap);
        _view.Write(b + 12, speed);
        _view.Write(b + 16, fuel);
        _view.Write(b + 20, carLeftRight);
        _view.Write(b + 24, surface);
        for (int car = 0; car < 64; car++) _view.Write(b + 28 + car * 4, car < 3 ? 0.25f * car + 0.1f : -1f);
    }

    public void Dispose()
    {
        _view.Dispose();
        _map.Dispose();
        try { File.Delete(Path); } catch (IOException) { }
    }
}
