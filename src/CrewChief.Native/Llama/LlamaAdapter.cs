namespace CrewChief.Native.Llama;

/// <summary>A loaded LoRA adapter; attach it to a context with <see cref="LlamaContext.TrySetAdapter"/>.</summary>
public sealed class LlamaAdapter : IDisposable
{
    internal LlamaAdapter(SafeLlamaAdapterHandle handle) => Handle = handle;

    internal SafeLlamaAdapterHandle Handle { get; }

    public void Dispose() => Handle.Dispose();
}
