using System.Runtime.InteropServices;

namespace CrewChief.Native.Llama;

/// <summary>
/// Owns one LoRA adapter. llama.cpp frees adapters still attached when their model is freed, so the adapter
/// holds a reference on the model: it is always freed first, never twice.
/// </summary>
internal sealed class SafeLlamaAdapterHandle : SafeHandle
{
    /// <summary>The model the adapter was loaded for (ref-counted by DangerousAddRef).</summary>
    private readonly SafeLlamaModelHandle _model;

    public SafeLlamaAdapterHandle(nint handle, SafeLlamaModelHandle model) : base(0, ownsHandle: true)
    {
        bool added = false;
        model.DangerousAddRef(ref added);
        _model = model;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        LlamaInterop.llama_adapter_lora_free(handle);
        _model.DangerousRelease();
        return true;
    }
}
