namespace CrewChief.Native.Onnx;

/// <summary>Element types callers may use for inputs (ONNX TensorProto numbering).</summary>
public enum OrtElementTypeCode
{
    Float = 1,
    Int64 = 7,
}
