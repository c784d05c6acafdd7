using System.Runtime.InteropServices;

namespace CrewChief.Native.Onnx;

/// <summary>
/// A loaded ONNX model. Input/output names are read once at load and kept as native UTF-8 strings, so a run passes
/// pointers and allocates nothing on our side but the output wrapper. Run may be called from one thread at a time
/// per caller convention (ONNX Runtime itself allows concurrent runs; the speech stage never needs them).
/// </summary>
public sealed unsafe class OnnxSession : IDisposable
{
    private readonly OrtSessionHandle _session;
    /// <summary>Null-terminated UTF-8 input names then output names, in one native block freed on dispose.</summary>
    private readonly nint* _namePointers;
    private readonly int _inputCount;
    private readonly int _outputCount;

    public IReadOnlyList<string> InputNames { get; }
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>True when the CUDA execution provider was attached.</summary>
    public bool UsesCuda { get; }

    /// <summary>One line when the settings asked for something that could not be had (CUDA missing → CPU), else null.</summary>
    public string? ProviderNote { get; }

    private OnnxSession(OrtSessionHandle session, bool usesCuda, string? providerNote)
    {
        _session = session;
        UsesCuda = usesCuda;
        ProviderNote = providerNote;
        OnnxRuntimeLibrary.EnsureInitialized();
        nuint inputs, outputs;
        OnnxRuntimeLibrary.Check(OrtApi.SessionGetInputCount(session.Pointer, &inputs), "counting model inputs");
        OnnxRuntimeLibrary.Check(OrtApi.SessionGetOutputCount(session.Pointer, &outputs), "counting model outputs");
        _inputCount = (int)inputs;
        _outputCount = (int)outputs;
        _namePointers = (nint*)NativeMemory.AllocZeroed((nuint)(_inputCount + _outputCount), (nuint)sizeof(nint));
        InputNames = ReadNames(OrtApi.SessionGetInputName, _inputCount, 0);
        OutputNames = ReadNames(OrtApi.SessionGetOutputName, _outputCount, _inputCount);
    }

    private string[] ReadNames(delegate* unmanaged<nint, nuint, nint, nint*, nint> getName, int count, int offset)
    {
        OnnxRuntimeLibrary.EnsureInitialized();
        nint allocator;
        OnnxRuntimeLibrary.Check(OrtApi.GetAllocatorWithDefaultOptions(&allocator), "getting the default allocator");
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            nint name;
            OnnxRuntimeLibrary.Check(getName(_session.Pointer, (nuint)i, allocator, &name), "reading a tensor name");
            names[i] = Marshal.PtrToStringUTF8(name) ?? "";
            OnnxRuntimeLibrary.Check(OrtApi.AllocatorFree(allocator, name), "freeing a tensor name");
            _namePointers[offset + i] = Marshal.StringToCoTaskMemUTF8(names[i]);
        }
        return names;
    }

    /// <summary>Loads a model file. Throws <see cref="OnnxRuntimeException"/> with the runtime's message on failure.</summary>
    public static OnnxSession Open(string modelPath, OnnxSessionSettings settings)
    {
        using var options = CreateOptions(settings, out bool cuda, out string? note);
        var session = new OrtSessionHandle();
        OnnxRuntimeLibrary.EnsureInitialized();
        nint ptr;
        nint status;
        // ORTCHAR_T is wchar_t on Windows (UTF-16, what a .NET string already is) and char (UTF-8) elsewhere.
        if (OperatingSystem.IsWindows())
        {
            fixed (char* path = modelPath)
                status = OrtApi.CreateSession(OnnxEnvironment.Env.Pointer, path, options.Pointer, &ptr);
        }
        else
        {
            fixed (byte* path = OnnxEnvironment.Utf8Z(modelPath))
                status = OrtApi.CreateSession(OnnxEnvironment.Env.Pointer, path, options.Pointer, &ptr);
        }
        OnnxRuntimeLibrary.Check(status, $"loading {modelPath}");
        session.Adopt(ptr);
        return new OnnxSession(session, cuda, note);
    }

    /// <summary>Loads a model from memory (generated models in tests and benchmarks).</summary>
    public static OnnxSession FromBytes(ReadOnlySpan<byte> model, OnnxSessionSettings settings)
    {
        using var options = CreateOptions(settings, out bool cuda, out string? note);
        var session = new OrtSessionHandle();
        nint ptr;
        fixed (byte* data = model)
            OnnxRuntimeLibrary.Check(OrtApi.CreateSessionFromArray(
                OnnxEnvironment.Env.Pointer, data, (nuint)model.Length, options.Pointer, &ptr), "loading an in-memory model");
        session.Adopt(ptr);
        return new OnnxSession(session, cuda, note);
    }

    private static OrtSessionOptionsHandle CreateOptions(OnnxSessionSettings settings, out bool cuda, out string? note)
    {
        OnnxRuntimeLibrary.EnsureInitialized();
        // The environment must exist first: execution providers log through the logger it registers.
        _ = OnnxEnvironment.Env;
        var options = new OrtSessionOptionsHandle();
        nint ptr;
        OnnxRuntimeLibrary.Check(OrtApi.CreateSessionOptions(&ptr), "creating session options");
        options.Adopt(ptr);
        OnnxRuntimeLibrary.Check(OrtApi.SetIntraOpNumThreads(ptr, settings.IntraOpThreads), "setting intra-op threads");
        // A VITS graph is one chain; a second pool for parallel branches would only add idle threads.
        OnnxRuntimeLibrary.Check(OrtApi.SetInterOpNumThreads(ptr, 1), "setting inter-op threads");
        OnnxRuntimeLibrary.Check(OrtApi.SetSessionExecutionMode(ptr, 0), "setting sequential execution");
        OnnxRuntimeLibrary.Check(OrtApi.SetSessionGraphOptimizationLevel(ptr, 99), "setting graph optimisation");
        fixed (byte* key = "session.intra_op.allow_spinning\0"u8)
        fixed (byte* value = settings.AllowSpinning ? "1\0"u8 : "0\0"u8)
            OnnxRuntimeLibrary.Check(OrtApi.AddSessionConfigEntry(ptr, key, value), "setting thread spinning");

        cuda = false;
        note = null;
        if (settings.UseCuda)
        {
            var cudaOptions = new OrtCudaProviderOptions
            {
                DeviceId = settings.CudaDeviceId,
                CudnnConvAlgoSearch = 1,
                GpuMemLimit = nuint.MaxValue,
                DoCopyInDefaultStream = 1,
            };
            nint status = OrtApi.SessionOptionsAppendExecutionProvider_CUDA(ptr, &cudaOptions);
            if (status == 0)
            {
                cuda = true;
            }
            else
            {
                try { OnnxRuntimeLibrary.Check(status, "CUDA execution provider unavailable"); }
                catch (OnnxRuntimeException e) { note = e.Message + "; running on CPU."; }
            }
        }
        return options;
    }

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> and returns output <paramref name="outputIndex"/> as a float tensor.
    /// Every model input must be given exactly once.
    /// </summary>
    public OnnxFloatOutput Run(ReadOnlySpan<OnnxTensorInput> inputs, int outputIndex = 0)
    {
        ObjectDisposedException.ThrowIf(_session.IsClosed, this);
        if ((uint)outputIndex >= (uint)_outputCount) throw new ArgumentOutOfRangeException(nameof(outputIndex));
        OnnxRuntimeLibrary.EnsureInitialized();
        int n = inputs.Length;
        nint* names = stackalloc nint[n];
        nint* values = stackalloc nint[n];
        for (int i = 0; i < n; i++) values[i] = 0;
        // The caller's memory stays pinned while ONNX Runtime holds tensors over it.
        var pins = new System.Buffers.MemoryHandle[2 * n];
        nint output = 0;
        try
        {
            nint memory = OnnxEnvironment.CpuMemory.Pointer;
            for (int i = 0; i < n; i++)
            {
                ref readonly OnnxTensorInput input = ref inputs[i];
                if ((uint)input.InputIndex >= (uint)_inputCount) throw new ArgumentOutOfRangeException(nameof(inputs), "input index out of range");
                names[i] = _namePointers[input.InputIndex];
                (pins[2 * i], pins[(2 * i) + 1]) = input.Pin();
                nint value;
                OnnxRuntimeLibrary.Check(OrtApi.CreateTensorWithDataAsOrtValue(
                    memory, pins[2 * i].Pointer, input.ByteLength, (long*)pins[(2 * i) + 1].Pointer, (nuint)input.Rank, (int)input.ElementType, &value), "wrapping an input tensor");
                values[i] = value;
            }
            nint outputName = _namePointers[_inputCount + outputIndex];
            OnnxRuntimeLibrary.Check(OrtApi.Run(
                _session.Pointer, 0, names, values, (nuint)n, &outputName, 1, &output), "running the model");
            var handle = new OrtValueHandle();
            handle.Adopt(output);
            output = 0;
            try
            {
                return new OnnxFloatOutput(handle);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }
        finally
        {
            for (int i = 0; i < n; i++)
            {
                if (values[i] != 0) OrtApi.ReleaseValue(values[i]);
            }
            if (output != 0) OrtApi.ReleaseValue(output);
            foreach (var pin in pins) pin.Dispose();
        }
    }

    public void Dispose()
    {
        if (_session.IsClosed) return;
        _session.Dispose();
        for (int i = 0; i < _inputCount + _outputCount; i++) Marshal.FreeCoTaskMem(_namePointers[i]);
        NativeMemory.Free(_namePointers);
    }
}
