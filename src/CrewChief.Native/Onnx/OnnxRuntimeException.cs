namespace CrewChief.Native.Onnx;

/// <summary>A failed ONNX Runtime call: the runtime's own message, prefixed by what was being done.</summary>
public sealed class OnnxRuntimeException(string message) : Exception(message);
