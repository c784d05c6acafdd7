using CrewChief.Llm;
namespace CrewChief.Tools.Llm.Gguf;

/// <summary>Hyper-parameters of a random-weight Llama-architecture model.</summary>
/// <param name="VocabSize">At least the built-in vocabulary (about 700 tokens); the rest is filler words.</param>
/// <param name="ChatTemplate">tokenizer.chat_template, or null to leave it out (the engine then falls back).</param>
public sealed record RandomLlamaShape(
    int Layers,
    int Embedding,
    int FeedForward,
    int Heads,
    int KvHeads,
    int VocabSize,
    int ContextLength,
    GgmlType WeightType,
    string? ChatTemplate)
{
    /// <summary>A ChatML template text; llama.cpp recognises it by its &lt;|im_start|&gt; marker.</summary>
    public const string ChatMlTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>Tests: 2 layers, width 64, a few hundred tokens; loads and runs in milliseconds.</summary>
    public static RandomLlamaShape Tiny { get; } = new(2, 64, 128, 4, 2, 0, 1024, GgmlType.F32, ChatMlTemplate);

    /// <summary>
    /// Llama 3.2 1B's layer shapes (16 layers, d 2048, ff 8192, 32 heads, 8 KV heads). The vocabulary is cut from
    /// 128256 to 32000: it only changes the embedding/output matrices (a per-token cost in the last matmul and
    /// the sampler), which the benchmark notes.
    /// </summary>
    public static RandomLlamaShape Llama32OneB { get; } = new(16, 2048, 8192, 32, 8, 32000, 4096, GgmlType.F16, ChatMlTemplate);
}
