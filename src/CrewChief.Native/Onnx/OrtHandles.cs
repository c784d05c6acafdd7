using System.Runtime.InteropServices;

namespace CrewChief.Native.Onnx;

/// <summary>An owned ONNX Runtime object, released through its OrtApi Release function. One subclass per object kind.</summary>
public abstract unsafe class OrtHandle : SafeHandle
{
    private protected OrtHandle() : base(0, ownsHandle: true)
    {
    }

    /// <summary>The Release entry point for this kind of object.</summary>
    private protected abstract delegate* unmanaged<nint, void> Release { get; }

    public override bool IsInvalid => handle == 0;

    internal nint Pointer => handle;

    internal void Adopt(nint pointer) => SetHandle(pointer);

    protected override bool ReleaseHandle()
    {
        Release(handle);
        return true;
    }
}

/// <summary>OrtEnv: the process-wide runtime environment (logging, global state).</summary>
public sealed unsafe class OrtEnvHandle : OrtHandle
{
    private protected override delegate* unmanaged<nint, void> Release => OrtApi.ReleaseEnv;
}

/// <summary>OrtSessionOptions: threads, optimisation level, execution providers, before a session is created.</summary>
public sealed unsafe class OrtSessionOptionsHandle : OrtHandle
{
    private protected override delegate* unmanaged<nint, void> Release => OrtApi.ReleaseSessionOptions;
}

/// <summary>OrtSession: a loaded model ready to run.</summary>
public sealed unsafe class OrtSessionHandle : OrtHandle
{
    private protected override delegate* unmanaged<nint, void> Release => OrtApi.ReleaseSession;
}

/// <summary>OrtValue: a tensor, either wrapping caller memory (inputs) or owned by the runtime (outputs).</summary>
public sealed unsafe class OrtValueHandle : OrtHandle
{
    private protected override delegate* unmanaged<nint, void> Release => OrtApi.ReleaseValue;
}

/// <summary>OrtMemoryInfo: describes where tensor memory lives (here: CPU).</summary>
public sealed unsafe class OrtMemoryInfoHandle : OrtHandle
{
    private protected override delegate* unmanaged<nint, void> Release => OrtApi.ReleaseMemoryInfo;
}
