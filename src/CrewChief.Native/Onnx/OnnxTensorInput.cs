using System.Buffers;
using System.Runtime.InteropServices;

namespace CrewChief.Native.Onnx;

/// <summary>
/// One input for <see cref="OnnxSession.Run"/>: caller memory the tensor wraps without copying. Managed memory in,
/// no pointers: the session pins it for the run and lets go when Run returns, so callers need no <c>unsafe</c>.
/// </summary>
public readonly struct OnnxTensorInput
{
    private readonly ReadOnlyMemory<long> _int64;
    private readonly ReadOnlyMemory<float> _float;
    private readonly ReadOnlyMemory<long> _shape;

    private OnnxTensorInput(int inputIndex, ReadOnlyMemory<long> int64, ReadOnlyMemory<float> @float, ReadOnlyMemory<long> shape, OrtElementTypeCode elementType)
    {
        InputIndex = inputIndex;
        _int64 = int64;
        _float = @float;
        _shape = shape;
        ElementType = elementType;
    }

    /// <summary>An int64 tensor of <paramref name="shape"/> over <paramref name="data"/>.</summary>
    public static OnnxTensorInput Int64(int inputIndex, ReadOnlyMemory<long> data, ReadOnlyMemory<long> shape) =>
        new(inputIndex, data, default, shape, OrtElementTypeCode.Int64);

    /// <summary>A float tensor of <paramref name="shape"/> over <paramref name="data"/>.</summary>
    public static OnnxTensorInput Float(int inputIndex, ReadOnlyMemory<float> data, ReadOnlyMemory<long> shape) =>
        new(inputIndex, default, data, shape, OrtElementTypeCode.Float);

    public int InputIndex { get; }
    public OrtElementTypeCode ElementType { get; }
    public int Rank => _shape.Length;
    internal nuint ByteLength => ElementType == OrtElementTypeCode.Float ? (nuint)(_float.Length * sizeof(float)) : (nuint)(_int64.Length * sizeof(long));

    /// <summary>Pins the data and the shape until the handles are disposed.</summary>
    internal (MemoryHandle Data, MemoryHandle Shape) Pin() =>
        (ElementType == OrtElementTypeCode.Float ? _float.Pin() : _int64.Pin(), _shape.Pin());
}
