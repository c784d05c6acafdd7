using System.Runtime.InteropServices;

namespace CrewChief.Native.Onnx;

/// <summary>An owned ONNX Runtime object, released through its OrtApi Release slot. One subclass per object kind.</summary>
public abstract unsafe class OrtHandle : SafeHandle
{
    private readonly int _releaseSlot;

    private protected OrtHandle(int releaseSlot) : base(0, ownsHandle: true) => _releaseSlot = releaseSlot;

    public override bool IsInvalid => handle == 0;

    internal nint Pointer => handle;

    internal void Adopt(nint pointer) => SetHandle(pointer);

    protected override bool ReleaseHandle()
    {
        ((delegate* unmanaged<nint, void>)OnnxRuntimeLibrary.Api[_releaseSlot])(handle);
        return true;
    }
}

/// <summary>OrtEnv: the process-wide runtime environment (logging, global state).</summary>
public sealed class OrtEnvHandle() : OrtHandle(OrtApiTable.ReleaseEnv);

/// <summary>OrtSessionOptions: threads, optimisation level, execution providers, before a session is created.</summary>
public sealed class OrtSessionOptionsHandle() : OrtHandle(OrtApiTable.ReleaseSessionOptions);

/// <summary>OrtSession: a loaded model ready to run.</summary>
public sealed class OrtSessionHandle() : OrtHandle(OrtApiTable.ReleaseSession);

/// <summary>OrtValue: a tensor, either wrapping caller memory (inputs) or owned by the runtime (outputs).</summary>
public sealed class OrtValueHandle() : OrtHandle(OrtApiTable.ReleaseValue);

/// <summary>OrtMemoryInfo: describes where tensor memory lives (here: CPU).</summary>
public sealed class OrtMemoryInfoHandle() : OrtHandle(OrtApiTable.ReleaseMemoryInfo);
