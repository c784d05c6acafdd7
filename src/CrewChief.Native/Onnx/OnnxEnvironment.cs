using System.Text;

namespace CrewChief.Native.Onnx;

/// <summary>
/// The one OrtEnv of the process and the CPU memory description every input tensor uses. ONNX Runtime wants a single
/// environment per process; sessions share it. Created on first use after <see cref="OnnxRuntimeLibrary.TryInitialize"/>.
/// </summary>
public static unsafe class OnnxEnvironment
{
    private static readonly Lock s_gate = new();
    private static OrtEnvHandle? s_env;
    private static OrtMemoryInfoHandle? s_cpu;

    internal static OrtEnvHandle Env
    {
        get
        {
            if (s_env is not null) return s_env;
            lock (s_gate)
            {
                if (s_env is null) Create();
                return s_env!;
            }
        }
    }

    internal static OrtMemoryInfoHandle CpuMemory
    {
        get
        {
            _ = Env;
            return s_cpu!;
        }
    }

    private static void Create()
    {
        OnnxRuntimeLibrary.EnsureInitialized();
        var env = new OrtEnvHandle();
        nint envPtr;
        // Fatal only: every real failure comes back to us as an OrtStatus and is reported in one line; the runtime's
        // own log lines (e.g. a missing CUDA provider, which we handle) would only repeat it in the user's console.
        fixed (byte* logId = "crewchief\0"u8)
            OnnxRuntimeLibrary.Check(OrtApi.CreateEnv(4, logId, &envPtr), "creating the ONNX Runtime environment");
        env.Adopt(envPtr);
        // Telemetry is a Windows ETW event stream; nothing we want to emit from a user's gaming PC.
        OnnxRuntimeLibrary.Check(OrtApi.DisableTelemetryEvents(envPtr), "disabling telemetry");

        var cpu = new OrtMemoryInfoHandle();
        nint info;
        // OrtArenaAllocator (1), OrtMemTypeDefault (0): the description only; our buffers are our own.
        OnnxRuntimeLibrary.Check(OrtApi.CreateCpuMemoryInfo(1, 0, &info), "describing CPU memory");
        cpu.Adopt(info);
        s_cpu = cpu;
        s_env = env;
    }

    /// <summary>A null-terminated UTF-8 copy of <paramref name="s"/> for C strings.</summary>
    internal static byte[] Utf8Z(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
