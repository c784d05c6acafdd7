using System.Runtime.InteropServices;

namespace CrewChief.Native.Llama;

/// <summary>Owns one llama_model. Contexts and adapters hold a reference so the model outlives them.</summary>
internal sealed class SafeLlamaModelHandle : SafeHandle
{
    public SafeLlamaModelHandle(nint handle) : base(0, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        LlamaInterop.llama_model_free(handle);
        return true;
    }
}
