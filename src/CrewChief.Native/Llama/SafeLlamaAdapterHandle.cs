namespace CrewChief.Native.Llama;

/// <summary>Owns one LoRA adapter; keeps its model alive until the adapter is freed.</summary>
internal sealed class SafeLlamaAdapterHandle(nint handle, SafeLlamaModelHandle model) : SafeLlamaModelChildHandle(handle, model)
{
    protected override void Free(nint handle) => LlamaInterop.llama_adapter_lora_free(handle);
}
