namespace CrewChief.Native.Onnx;

/// <summary>How a session runs. Defaults suit a TTS voice sharing a gaming PC: few threads, no spinning.</summary>
public sealed record OnnxSessionSettings
{
    /// <summary>Threads inside one operator (the convolutions). 0 lets the runtime pick (one per core).</summary>
    public int IntraOpThreads { get; init; } = 2;

    /// <summary>
    /// Whether idle pool threads spin waiting for work. Spinning shaves microseconds off each operator but burns a
    /// core the sim wants, so it is off unless asked.
    /// </summary>
    public bool AllowSpinning { get; init; }

    /// <summary>Try the CUDA execution provider first; falls back to CPU (with <see cref="OnnxSession.ProviderNote"/>) when it cannot load.</summary>
    public bool UseCuda { get; init; }

    public int CudaDeviceId { get; init; }
}
