namespace CrewChief.Native.Onnx;

/// <summary>
/// One input for <see cref="OnnxSession.Run"/>: caller memory the tensor wraps without copying. The memory must stay
/// pinned until Run returns (callers pass pointers from <c>fixed</c> blocks or pinned arrays).
/// </summary>
public readonly unsafe struct OnnxTensorInput(int inputIndex, void* data, nuint byteLength, long* shape, int rank, OrtElementTypeCode elementType)
{
    public int InputIndex { get; } = inputIndex;
    public void* Data { get; } = data;
    public nuint ByteLength { get; } = byteLength;
    public long* Shape { get; } = shape;
    public int Rank { get; } = rank;
    public OrtElementTypeCode ElementType { get; } = elementType;
}
