using System.Buffers.Binary;

namespace CrewChief.Telemetry;

/// <summary>
/// irsdk_varHeader, 144 bytes: type, offset (into a var buffer), count, countAsTime + pad[3], name[32] at 16,
/// desc[64] at 48, unit[32] at 112. Strings are parsed once per session, never on the tick path.
/// </summary>
public readonly struct VarHeader
{
    public const int Size = 144;

    public IrsdkVarType Type { get; init; }
    public int Offset { get; init; }
    public int Count { get; init; }
    public bool CountAsTime { get; init; }
    public string Name { get; init; }
    public string Description { get; init; }
    public string Unit { get; init; }

    public int ElementSize => Type.ElementSize();

    /// <summary>Bytes the variable occupies in a var buffer (0 for an unknown type).</summary>
    public long ByteLength => (long)ElementSize * Count;

    public static VarHeader Read(ReadOnlySpan<byte> s)
    {
        if (s.Length < Size) throw new ArgumentException($"a var header needs {Size} bytes", nameof(s));
        return new VarHeader
        {
            Type = (IrsdkVarType)BinaryPrimitives.ReadInt32LittleEndian(s),
            Offset = BinaryPrimitives.ReadInt32LittleEndian(s[4..]),
            Count = BinaryPrimitives.ReadInt32LittleEndian(s[8..]),
            CountAsTime = s[12] != 0,
            Name = Windows1252.DecodeNulTerminated(s.Slice(16, 32)),
            Description = Windows1252.DecodeNulTerminated(s.Slice(48, 64)),
            Unit = Windows1252.DecodeNulTerminated(s.Slice(112, 32)),
        };
    }
}
