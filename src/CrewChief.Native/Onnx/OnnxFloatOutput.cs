namespace CrewChief.Native.Onnx;

/// <summary>A float tensor the runtime allocated for an output; its data is valid until disposed.</summary>
public sealed unsafe class OnnxFloatOutput : IDisposable
{
    private readonly OrtValueHandle _value;
    private readonly float* _data;

    /// <summary>The tensor's dimensions, outermost first.</summary>
    public long[] Shape { get; }

    public int ElementCount { get; }

    internal OnnxFloatOutput(OrtValueHandle value)
    {
        _value = value;
        OnnxRuntimeLibrary.EnsureInitialized();
        nint info;
        OnnxRuntimeLibrary.Check(OrtApi.GetTensorTypeAndShape(value.Pointer, &info), "reading the output shape");
        try
        {
            int type;
            OnnxRuntimeLibrary.Check(OrtApi.GetTensorElementType(info, &type), "reading the output element type");
            if (type != (int)OrtElementTypeCode.Float)
                throw new OnnxRuntimeException($"model output is element type {type}, expected float32 (1)");
            nuint rank;
            OnnxRuntimeLibrary.Check(OrtApi.GetDimensionsCount(info, &rank), "reading the output rank");
            Shape = new long[(int)rank];
            fixed (long* dims = Shape)
                OnnxRuntimeLibrary.Check(OrtApi.GetDimensions(info, dims, rank), "reading the output dimensions");
        }
        finally
        {
            OrtApi.ReleaseTensorTypeAndShapeInfo(info);
        }
        long count = 1;
        foreach (long d in Shape) count *= d;
        ElementCount = checked((int)count);
        void* data;
        OnnxRuntimeLibrary.Check(OrtApi.GetTensorMutableData(value.Pointer, &data), "reading the output data");
        _data = (float*)data;
    }

    public ReadOnlySpan<float> Data
    {
        get
        {
            ObjectDisposedException.ThrowIf(_value.IsClosed, this);
            return new ReadOnlySpan<float>(_data, ElementCount);
        }
    }

    public void Dispose() => _value.Dispose();
}
