using System.Runtime.InteropServices;

namespace CrewChief.Native.Llama;

/// <summary>Owns one sampler chain (the chain owns the samplers added to it).</summary>
internal sealed class SafeLlamaSamplerHandle : SafeHandle
{
    public SafeLlamaSamplerHandle(nint handle) : base(0, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        LlamaInterop.llama_sampler_free(handle);
        return true;
    }
}
