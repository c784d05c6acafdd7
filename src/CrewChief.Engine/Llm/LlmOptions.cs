namespace CrewChief.Llm;

/// <summary>How the in-process LLM is loaded and how long it may take.</summary>
public sealed record LlmOptions
{
    /// <summary>The GGUF model file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Layers to put on the GPU when a GPU backend and device exist; -1 = all, 0 = CPU only.</summary>
    public int GpuLayers { get; init; } = -1;

    /// <summary>Optional LoRA adapter (GGUF) applied on top of the model.</summary>
    public string? LoraPath { get; init; }

    public float LoraScale { get; init; } = 1f;

    /// <summary>KV cache size in tokens: system prompt + fact sheet + answer fit in well under 1024.</summary>
    public int ContextSize { get; init; } = 1024;

    /// <summary>CPU threads for llama.cpp. Few by default: the sim needs the rest of the CPU.</summary>
    public int Threads { get; init; } = Math.Clamp(Environment.ProcessorCount / 4, 1, 4);

    /// <summary>Wall time from the call to the end of generation; past it the deterministic callout is spoken.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Generated tokens at most; reaching it without the grammar completing counts as a fallback.</summary>
    public int MaxTokens { get; init; } = 96;

    /// <summary>GBNF grammar with a "root" rule; null = <see cref="CalloutGrammar.Gbnf"/>.</summary>
    public string? Grammar { get; init; }

    /// <summary>0 = greedy (deterministic). Above 0: top-k 40 and this temperature.</summary>
    public float Temperature { get; init; }

    public uint Seed { get; init; } = 1234;

    /// <summary>
    /// Folder where the decoded system prompt (its KV cache) is saved and found again on the next start, so a
    /// CPU-only machine skips seconds of prompt processing; null = always decode. Files are keyed by model file,
    /// template and prompt, and verified token by token when loaded.
    /// </summary>
    public string? PrefixCacheFolder { get; init; }

    /// <summary>System prompt; null = <see cref="CalloutPrompt.System"/>.</summary>
    public string? SystemPrompt { get; init; }
}
