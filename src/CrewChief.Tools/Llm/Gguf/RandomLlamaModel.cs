using CrewChief.Llm;
namespace CrewChief.Tools.Llm.Gguf;

/// <summary>
/// Writes a Llama-architecture GGUF with random weights and a small SentencePiece ("llama") vocabulary: the
/// control tokens, 256 byte-fallback tokens (so any text tokenizes), the characters and racing words a callout
/// uses (with every prefix, because SentencePiece builds a word by merging adjacent pieces), then filler.
/// It produces nonsense, but it drives the real loader, tokenizer, chat template, KV cache, grammar sampler and
/// decode loop, so tests and benchmarks need no downloaded weights.
/// </summary>
public static class RandomLlamaModel
{
    public const int UnknownToken = 0;
    public const int BosToken = 1;
    public const int EosToken = 2;
    public const int ImStartToken = 3;
    public const int ImEndToken = 4;

    // GGUF token types (tokenizer.ggml.token_type).
    private const int TokenNormal = 1;
    private const int TokenUnknown = 2;
    private const int TokenControl = 3;
    private const int TokenByte = 6;

    private const string SpaceMark = "\u2581";

    private static readonly string[] s_words =
    [
        "the", "a", "to", "you", "your", "is", "are", "and", "of", "in", "on", "for", "at", "with", "now", "this", "that",
        "lap", "laps", "gap", "ahead", "behind", "car", "cars", "seconds", "second", "tenths", "fuel", "litres", "box",
        "pit", "tyres", "tyre", "front", "rear", "left", "right", "clear", "push", "hold", "position", "place", "leader",
        "closing", "pulling", "away", "pace", "best", "time", "go", "to", "finish", "save", "one", "two", "three", "four",
        "five", "last", "final", "flag", "yellow", "green", "blue", "good", "job", "keep", "it", "up", "down", "per",
        "still", "there", "inside", "outside", "defend", "attack", "mate", "quick", "slow", "in", "out", "window", "open",
    ];

    public static void Write(string path, RandomLlamaShape shape, ulong seed = 42)
    {
        if (shape.Embedding % shape.Heads != 0 || shape.Heads % shape.KvHeads != 0)
            throw new ArgumentException("embedding must divide by heads, heads by KV heads", nameof(shape));
        var (tokens, scores, types) = BuildVocabulary(shape.VocabSize);
        int vocab = tokens.Count;
        int headDim = shape.Embedding / shape.Heads;
        int kvDim = headDim * shape.KvHeads;

        using var w = new GgufWriter();
        w.Add("general.architecture", "llama");
        w.Add("general.name", "crewchief-random-llama");
        w.Add("general.file_type", shape.WeightType == GgmlType.F16 ? 1u : 0u);
        w.Add("llama.context_length", (uint)shape.ContextLength);
        w.Add("llama.embedding_length", (uint)shape.Embedding);
        w.Add("llama.block_count", (uint)shape.Layers);
        w.Add("llama.feed_forward_length", (uint)shape.FeedForward);
        w.Add("llama.attention.head_count", (uint)shape.Heads);
        w.Add("llama.attention.head_count_kv", (uint)shape.KvHeads);
        w.Add("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        w.Add("llama.rope.dimension_count", (uint)headDim);
        w.Add("llama.rope.freq_base", 10000f);
        w.Add("llama.vocab_size", (uint)vocab);
        w.Add("tokenizer.ggml.model", "llama");
        w.Add("tokenizer.ggml.tokens", tokens);
        w.Add("tokenizer.ggml.scores", scores);
        w.Add("tokenizer.ggml.token_type", types);
        w.Add("tokenizer.ggml.bos_token_id", (uint)BosToken);
        w.Add("tokenizer.ggml.eos_token_id", (uint)EosToken);
        w.Add("tokenizer.ggml.unknown_token_id", (uint)UnknownToken);
        w.Add("tokenizer.ggml.eot_token_id", (uint)ImEndToken);
        w.Add("tokenizer.ggml.add_bos_token", true);
        w.Add("tokenizer.ggml.add_eos_token", false);
        // Without this SentencePiece puts a space before every separately tokenized piece of a prompt.
        w.Add("tokenizer.ggml.add_space_prefix", false);
        if (shape.ChatTemplate is not null) w.Add("tokenizer.chat_template", shape.ChatTemplate);

        var random = new WeightRandom(seed);
        GgmlType wt = shape.WeightType;
        AddMatrix(w, "token_embd.weight", shape.Embedding, vocab, wt, random);
        AddOnes(w, "output_norm.weight", shape.Embedding);
        AddMatrix(w, "output.weight", shape.Embedding, vocab, wt, random);
        for (int i = 0; i < shape.Layers; i++)
        {
            string b = $"blk.{i}.";
            AddOnes(w, b + "attn_norm.weight", shape.Embedding);
            AddMatrix(w, b + "attn_q.weight", shape.Embedding, shape.Embedding, wt, random);
            AddMatrix(w, b + "attn_k.weight", shape.Embedding, kvDim, wt, random);
            AddMatrix(w, b + "attn_v.weight", shape.Embedding, kvDim, wt, random);
            AddMatrix(w, b + "attn_output.weight", shape.Embedding, shape.Embedding, wt, random);
            AddOnes(w, b + "ffn_norm.weight", shape.Embedding);
            AddMatrix(w, b + "ffn_gate.weight", shape.Embedding, shape.FeedForward, wt, random);
            AddMatrix(w, b + "ffn_down.weight", shape.FeedForward, shape.Embedding, wt, random);
            AddMatrix(w, b + "ffn_up.weight", shape.Embedding, shape.FeedForward, wt, random);
        }
        w.WriteTo(path);
    }

    /// <summary>
    /// Writes a random LoRA adapter for a model of <paramref name="shape"/>: rank-<paramref name="rank"/> A/B pairs
    /// on every layer's attn_q and attn_v (A is [row length, rank], B is [rank, rows], as llama.cpp expects).
    /// </summary>
    public static void WriteLora(string path, RandomLlamaShape shape, int rank = 4, ulong seed = 7)
    {
        int kvDim = shape.Embedding / shape.Heads * shape.KvHeads;
        using var w = new GgufWriter();
        w.Add("general.architecture", "llama");
        w.Add("general.type", "adapter");
        w.Add("adapter.type", "lora");
        w.Add("adapter.lora.alpha", (float)rank);
        var random = new WeightRandom(seed);
        for (int i = 0; i < shape.Layers; i++)
        {
            foreach (var (name, rows) in (ReadOnlySpan<(string, int)>)[("attn_q", shape.Embedding), ("attn_v", kvDim)])
            {
                AddMatrix(w, $"blk.{i}.{name}.weight.lora_a", shape.Embedding, rank, GgmlType.F32, random);
                AddMatrix(w, $"blk.{i}.{name}.weight.lora_b", rank, rows, GgmlType.F32, random);
            }
        }
        w.WriteTo(path);
    }

    private static (List<string> Tokens, List<float> Scores, List<int> Types) BuildVocabulary(int requested)
    {
        var tokens = new List<string>();
        var scores = new List<float>();
        var types = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string piece, float score, int type)
        {
            if (!seen.Add(piece)) return;
            tokens.Add(piece);
            scores.Add(score);
            types.Add(type);
        }
        Add("<unk>", 0, TokenUnknown);
        Add("<s>", 0, TokenControl);
        Add("</s>", 0, TokenControl);
        Add("<|im_start|>", 0, TokenControl);
        Add("<|im_end|>", 0, TokenControl);
        for (int b = 0; b < 256; b++) Add($"<0x{b:X2}>", 0, TokenByte);
        // Longer pieces score higher so SentencePiece prefers whole words over letters.
        Add(SpaceMark, -10, TokenNormal);
        const string chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'-%:;";
        foreach (char c in chars)
        {
            Add(c.ToString(), -9, TokenNormal);
            Add(SpaceMark + c, -8, TokenNormal);
        }
        foreach (string word in s_words)
        {
            for (int n = 2; n <= word.Length; n++)
            {
                Add(word[..n], n - 8, TokenNormal);
                Add(SpaceMark + word[..n], n - 7, TokenNormal);
            }
        }
        for (int i = 0; tokens.Count < requested; i++) Add($"{SpaceMark}w{i}", -20, TokenNormal);
        return (tokens, scores, types);
    }

    private static void AddOnes(GgufWriter w, string name, int n) =>
        w.AddTensor(name, [n], GgmlType.F32, s => GgufWriter.WriteFloats(s, n, static () => 1f));

    private static void AddMatrix(GgufWriter w, string name, int rowLength, int rows, GgmlType type, WeightRandom random)
    {
        long count = (long)rowLength * rows;
        if (type == GgmlType.F32)
            w.AddTensor(name, [rowLength, rows], type, s => GgufWriter.WriteFloats(s, count, random.NextWeight));
        else
            w.AddTensor(name, [rowLength, rows], type, s => random.WriteHalfWeights(s, count));
    }
}
