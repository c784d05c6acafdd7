using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CrewChief.Telemetry;

/// <summary>
/// A variable resolved to its place in a var buffer. Count 0 means the source lacks it. Offsets are checked against
/// the buffer length when the slot is made, so the readers below read without bounds checks.
/// </summary>
internal readonly struct VarSlot
{
    public readonly int Offset;
    public readonly int Count;
    public readonly IrsdkVarType Type;

    private VarSlot(int offset, int count, IrsdkVarType type) { Offset = offset; Count = count; Type = type; }

    public bool Present => Count > 0;

    public static readonly VarSlot Missing;

    /// <summary>Resolves <paramref name="name"/>; absent, unknown-typed or out-of-buffer variables resolve to Missing.</summary>
    public static VarSlot Resolve(VarTable vars, string name, int bufferLength)
    {
        if (!vars.TryGet(name, out var h)) return Missing;
        int size = h.ElementSize;
        if (size == 0 || h.Count < 1 || h.Offset < 0 || (long)h.Offset + (long)size * h.Count > bufferLength) return Missing;
        return new VarSlot(h.Offset, h.Count, h.Type);
    }

    /// <summary>The first of two names that exists (iRacing renamed a few channels between builds).</summary>
    public static VarSlot Resolve(VarTable vars, string name, string fallback, int bufferLength)
    {
        var slot = Resolve(vars, name, bufferLength);
        return slot.Present ? slot : Resolve(vars, fallback, bufferLength);
    }

    // Scalars read element 0 of an array-valued variable (LatAccel is declared count 6 at 360 Hz in some builds),
    // as irsdk's own getters do with a default index.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ReadFloat(ref byte buffer) => Count == 0 ? 0f : FloatAt(ref Unsafe.Add(ref buffer, Offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ReadFloat(ref byte buffer, int index) =>
        Count == 0 ? 0f : FloatAt(ref Unsafe.Add(ref buffer, Offset + index * Type.ElementSize()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt(ref byte buffer, int missing = 0) => Count == 0 ? missing : IntAt(ref Unsafe.Add(ref buffer, Offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadIntAt(ref byte buffer, int index) =>
        Count == 0 ? 0 : IntAt(ref Unsafe.Add(ref buffer, Offset + index * Type.ElementSize()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBool(ref byte buffer) => Count != 0 && BoolAt(ref Unsafe.Add(ref buffer, Offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBool(ref byte buffer, int index) =>
        Count != 0 && BoolAt(ref Unsafe.Add(ref buffer, Offset + index * Type.ElementSize()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ReadDouble(ref byte buffer)
    {
        if (Count == 0) return 0d;
        ref byte p = ref Unsafe.Add(ref buffer, Offset);
        return Type switch
        {
            IrsdkVarType.Double => Unsafe.ReadUnaligned<double>(ref p),
            IrsdkVarType.Float => Unsafe.ReadUnaligned<float>(ref p),
            IrsdkVarType.Int => Unsafe.ReadUnaligned<int>(ref p),
            IrsdkVarType.Bitfield => Unsafe.ReadUnaligned<uint>(ref p),
            _ => p,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float FloatAt(ref byte p) => Type switch
    {
        IrsdkVarType.Float => Unsafe.ReadUnaligned<float>(ref p),
        IrsdkVarType.Double => (float)Unsafe.ReadUnaligned<double>(ref p),
        IrsdkVarType.Int => Unsafe.ReadUnaligned<int>(ref p),
        IrsdkVarType.Bitfield => Unsafe.ReadUnaligned<uint>(ref p),
        _ => p,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int IntAt(ref byte p) => Type switch
    {
        IrsdkVarType.Int or IrsdkVarType.Bitfield => Unsafe.ReadUnaligned<int>(ref p),
        IrsdkVarType.Float => (int)Unsafe.ReadUnaligned<float>(ref p),
        IrsdkVarType.Double => (int)Unsafe.ReadUnaligned<double>(ref p),
        _ => p,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool BoolAt(ref byte p) => Type switch
    {
        IrsdkVarType.Bool or IrsdkVarType.Char => p != 0,
        IrsdkVarType.Int or IrsdkVarType.Bitfield => Unsafe.ReadUnaligned<int>(ref p) != 0,
        IrsdkVarType.Float => Unsafe.ReadUnaligned<float>(ref p) != 0f,
        _ => Unsafe.ReadUnaligned<double>(ref p) != 0d,
    };

    public void ReadFloats(ref byte buffer, float[] destination)
    {
        int n = Math.Min(Count, destination.Length);
        if (Type == IrsdkVarType.Float)
        {
            // Same representation: one block copy (the map is little-endian, as is every CPU iRacing runs on).
            Unsafe.CopyBlockUnaligned(ref Unsafe.As<float, byte>(ref MemoryMarshal.GetArrayDataReference(destination)),
                ref Unsafe.Add(ref buffer, Offset), (uint)(n * sizeof(float)));
        }
        else
        {
            for (int i = 0; i < n; i++) destination[i] = ReadFloat(ref buffer, i);
        }
        if (n < destination.Length) Array.Clear(destination, n, destination.Length - n);
    }

    public void ReadInts(ref byte buffer, Span<int> destination)
    {
        int n = Math.Min(Count, destination.Length);
        if (Type is IrsdkVarType.Int or IrsdkVarType.Bitfield)
        {
            Unsafe.CopyBlockUnaligned(ref Unsafe.As<int, byte>(ref MemoryMarshal.GetReference(destination)),
                ref Unsafe.Add(ref buffer, Offset), (uint)(n * sizeof(int)));
        }
        else
        {
            for (int i = 0; i < n; i++) destination[i] = ReadIntAt(ref buffer, i);
        }
        if (n < destination.Length) destination[n..].Clear();
    }

    public void ReadBools(ref byte buffer, bool[] destination)
    {
        int n = Math.Min(Count, destination.Length);
        for (int i = 0; i < n; i++) destination[i] = ReadBool(ref buffer, i);
        if (n < destination.Length) Array.Clear(destination, n, destination.Length - n);
    }
}
