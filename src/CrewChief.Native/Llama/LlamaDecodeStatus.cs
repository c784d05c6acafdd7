namespace CrewChief.Native.Llama;

/// <summary>Outcome of <see cref="LlamaContext.Decode"/>.</summary>
public enum LlamaDecodeStatus
{
    Ok,
    /// <summary>The abort flag was raised (cancellation or deadline) while the batch was computing.</summary>
    Aborted,
    /// <summary>No room left in the KV cache.</summary>
    ContextFull,
    Failed,
}
