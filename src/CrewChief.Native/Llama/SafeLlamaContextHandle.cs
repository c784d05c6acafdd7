namespace CrewChief.Native.Llama;

/// <summary>Owns one llama_context; keeps its model alive until the context is freed.</summary>
internal sealed class SafeLlamaContextHandle(nint handle, SafeLlamaModelHandle model) : SafeLlamaModelChildHandle(handle, model)
{
    protected override void Free(nint handle) => LlamaInterop.llama_free(handle);
}
