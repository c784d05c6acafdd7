using System.Runtime.InteropServices;

namespace CrewChief.Native.Onnx;

/// <summary>
/// OrtCUDAProviderOptions (the V1 struct). Newer headers appended the tunable-op fields; they are present here and
/// zero so a runtime that reads them reads defaults rather than stack garbage.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OrtCudaProviderOptions
{
    public int DeviceId;
    /// <summary>OrtCudnnConvAlgoSearch: 1 = heuristic. Exhaustive (0) would benchmark every new sentence length on first sight.</summary>
    public int CudnnConvAlgoSearch;
    public nuint GpuMemLimit;
    public int ArenaExtendStrategy;
    public int DoCopyInDefaultStream;
    public int HasUserComputeStream;
    public nint UserComputeStream;
    public nint DefaultMemoryArenaCfg;
    public int TunableOpEnable;
    public int TunableOpTuningEnable;
    public int TunableOpMaxTuningDurationMs;
    public int Reserved;
}
