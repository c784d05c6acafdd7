using System.Runtime.InteropServices;

namespace CrewChief.Native.Llama;

/// <summary>Owns one llama_context; keeps its model alive until the context is freed.</summary>
internal sealed class SafeLlamaContextHandle : SafeHandle
{
    /// <summary>The model this context was made from (ref-counted by DangerousAddRef).</summary>
    private readonly SafeLlamaModelHandle _model;

    public SafeLlamaContextHandle(nint handle, SafeLlamaModelHandle model) : base(0, ownsHandle: true)
    {
        bool added = false;
        model.DangerousAddRef(ref added);
        _model = model;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        LlamaInterop.llama_free(handle);
        _model.DangerousRelease();
        return true;
    }
}
