namespace CrewChief.Native.Onnx;

/// <summary>
/// The OrtApi entry points this binding uses, as typed unmanaged function pointers (the same idiom as OpenAL's):
/// bound once from the table GetApi returns (<see cref="OnnxRuntimeLibrary.TryInitialize"/>), so a call site reads
/// <c>OrtApi.Run(...)</c> and the compiler checks its arguments, instead of casting a table slot at every call.
/// Slot numbers live in <see cref="OrtApiTable"/>; the signatures follow onnxruntime_c_api.h (every function returns
/// an OrtStatus*, 0 on success, unless it is a Release or a getter of the status itself).
/// </summary>
internal static unsafe class OrtApi
{
    internal static delegate* unmanaged<nint, int> GetErrorCode;
    internal static delegate* unmanaged<nint, nint> GetErrorMessage;
    internal static delegate* unmanaged<int, byte*, nint*, nint> CreateEnv;
    internal static delegate* unmanaged<nint, nint> DisableTelemetryEvents;
    internal static delegate* unmanaged<nint, void*, nint, nint*, nint> CreateSession;
    internal static delegate* unmanaged<nint, byte*, nuint, nint, nint*, nint> CreateSessionFromArray;
    internal static delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint> Run;
    internal static delegate* unmanaged<nint*, nint> CreateSessionOptions;
    internal static delegate* unmanaged<nint, int, nint> SetSessionExecutionMode;
    internal static delegate* unmanaged<nint, int, nint> SetSessionGraphOptimizationLevel;
    internal static delegate* unmanaged<nint, int, nint> SetIntraOpNumThreads;
    internal static delegate* unmanaged<nint, int, nint> SetInterOpNumThreads;
    internal static delegate* unmanaged<nint, nuint*, nint> SessionGetInputCount;
    internal static delegate* unmanaged<nint, nuint*, nint> SessionGetOutputCount;
    internal static delegate* unmanaged<nint, nuint, nint, nint*, nint> SessionGetInputName;
    internal static delegate* unmanaged<nint, nuint, nint, nint*, nint> SessionGetOutputName;
    internal static delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue;
    internal static delegate* unmanaged<nint, void**, nint> GetTensorMutableData;
    internal static delegate* unmanaged<nint, int*, nint> GetTensorElementType;
    internal static delegate* unmanaged<nint, nuint*, nint> GetDimensionsCount;
    internal static delegate* unmanaged<nint, long*, nuint, nint> GetDimensions;
    internal static delegate* unmanaged<nint, nint*, nint> GetTensorTypeAndShape;
    internal static delegate* unmanaged<int, int, nint*, nint> CreateCpuMemoryInfo;
    internal static delegate* unmanaged<nint, nint, nint> AllocatorFree;
    internal static delegate* unmanaged<nint*, nint> GetAllocatorWithDefaultOptions;
    internal static delegate* unmanaged<nint, void> ReleaseEnv;
    internal static delegate* unmanaged<nint, void> ReleaseStatus;
    internal static delegate* unmanaged<nint, void> ReleaseMemoryInfo;
    internal static delegate* unmanaged<nint, void> ReleaseSession;
    internal static delegate* unmanaged<nint, void> ReleaseValue;
    internal static delegate* unmanaged<nint, void> ReleaseTensorTypeAndShapeInfo;
    internal static delegate* unmanaged<nint, void> ReleaseSessionOptions;
    internal static delegate* unmanaged<nint*, int*, nint> GetAvailableProviders;
    internal static delegate* unmanaged<nint, int, nint> ReleaseAvailableProviders;
    internal static delegate* unmanaged<nint, byte*, byte*, nint> AddSessionConfigEntry;
    internal static delegate* unmanaged<nint, OrtCudaProviderOptions*, nint> SessionOptionsAppendExecutionProvider_CUDA;

    /// <summary>Reads every entry point from <paramref name="table"/> (the OrtApi struct, an array of pointers).</summary>
    internal static void Bind(nint* table)
    {
        GetErrorCode = (delegate* unmanaged<nint, int>)table[OrtApiTable.GetErrorCode];
        GetErrorMessage = (delegate* unmanaged<nint, nint>)table[OrtApiTable.GetErrorMessage];
        CreateEnv = (delegate* unmanaged<int, byte*, nint*, nint>)table[OrtApiTable.CreateEnv];
        DisableTelemetryEvents = (delegate* unmanaged<nint, nint>)table[OrtApiTable.DisableTelemetryEvents];
        CreateSession = (delegate* unmanaged<nint, void*, nint, nint*, nint>)table[OrtApiTable.CreateSession];
        CreateSessionFromArray = (delegate* unmanaged<nint, byte*, nuint, nint, nint*, nint>)table[OrtApiTable.CreateSessionFromArray];
        Run = (delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)table[OrtApiTable.Run];
        CreateSessionOptions = (delegate* unmanaged<nint*, nint>)table[OrtApiTable.CreateSessionOptions];
        SetSessionExecutionMode = (delegate* unmanaged<nint, int, nint>)table[OrtApiTable.SetSessionExecutionMode];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<nint, int, nint>)table[OrtApiTable.SetSessionGraphOptimizationLevel];
        SetIntraOpNumThreads = (delegate* unmanaged<nint, int, nint>)table[OrtApiTable.SetIntraOpNumThreads];
        SetInterOpNumThreads = (delegate* unmanaged<nint, int, nint>)table[OrtApiTable.SetInterOpNumThreads];
        SessionGetInputCount = (delegate* unmanaged<nint, nuint*, nint>)table[OrtApiTable.SessionGetInputCount];
        SessionGetOutputCount = (delegate* unmanaged<nint, nuint*, nint>)table[OrtApiTable.SessionGetOutputCount];
        SessionGetInputName = (delegate* unmanaged<nint, nuint, nint, nint*, nint>)table[OrtApiTable.SessionGetInputName];
        SessionGetOutputName = (delegate* unmanaged<nint, nuint, nint, nint*, nint>)table[OrtApiTable.SessionGetOutputName];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)table[OrtApiTable.CreateTensorWithDataAsOrtValue];
        GetTensorMutableData = (delegate* unmanaged<nint, void**, nint>)table[OrtApiTable.GetTensorMutableData];
        GetTensorElementType = (delegate* unmanaged<nint, int*, nint>)table[OrtApiTable.GetTensorElementType];
        GetDimensionsCount = (delegate* unmanaged<nint, nuint*, nint>)table[OrtApiTable.GetDimensionsCount];
        GetDimensions = (delegate* unmanaged<nint, long*, nuint, nint>)table[OrtApiTable.GetDimensions];
        GetTensorTypeAndShape = (delegate* unmanaged<nint, nint*, nint>)table[OrtApiTable.GetTensorTypeAndShape];
        CreateCpuMemoryInfo = (delegate* unmanaged<int, int, nint*, nint>)table[OrtApiTable.CreateCpuMemoryInfo];
        AllocatorFree = (delegate* unmanaged<nint, nint, nint>)table[OrtApiTable.AllocatorFree];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<nint*, nint>)table[OrtApiTable.GetAllocatorWithDefaultOptions];
        ReleaseEnv = (delegate* unmanaged<nint, void>)table[OrtApiTable.ReleaseEnv];
        ReleaseStatus = (delegate* unmanaged<nint, void>)table[OrtApiTable.ReleaseStatus];
        ReleaseMemoryInfo = (delegate* unmanaged<nint, void>)table[OrtApiTable.ReleaseMemoryInfo];
        ReleaseSession = (delegate* unmanaged<nint, void>)table[OrtApiTable.ReleaseSession];
        ReleaseValue = (delegate* unmanaged<nint, void>)table[OrtApiTable.ReleaseValue];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<nint, void>)table[OrtApiTable.ReleaseTensorTypeAndShapeInfo];
        ReleaseSessionOptions = (delegate* unmanaged<nint, void>)table[OrtApiTable.ReleaseSessionOptions];
        GetAvailableProviders = (delegate* unmanaged<nint*, int*, nint>)table[OrtApiTable.GetAvailableProviders];
        ReleaseAvailableProviders = (delegate* unmanaged<nint, int, nint>)table[OrtApiTable.ReleaseAvailableProviders];
        AddSessionConfigEntry = (delegate* unmanaged<nint, byte*, byte*, nint>)table[OrtApiTable.AddSessionConfigEntry];
        SessionOptionsAppendExecutionProvider_CUDA = (delegate* unmanaged<nint, OrtCudaProviderOptions*, nint>)table[OrtApiTable.SessionOptionsAppendExecutionProvider_CUDA];
    }
}
