namespace CrewChief.Native.Llama;

/// <summary>
/// A sampler chain: an optional GBNF grammar first (it masks every token that would break the grammar, and once
/// the grammar is complete only end-of-generation remains), then greedy or temperature sampling.
/// </summary>
public sealed unsafe class LlamaSampler : IDisposable
{
    /// <summary>The owned chain; it owns the samplers added to it.</summary>
    private readonly SafeLlamaSamplerHandle _chain;

    private LlamaSampler(SafeLlamaSamplerHandle chain) => _chain = chain;

    /// <param name="grammar">GBNF text with a "root" rule, or null for unconstrained text.</param>
    /// <param name="temperature">0 or less = greedy (deterministic).</param>
    public static bool TryCreate(LlamaModel model, string? grammar, float temperature, uint seed,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LlamaSampler? sampler, out string error)
    {
        sampler = null;
        var chain = new SafeLlamaSamplerHandle(LlamaInterop.llama_sampler_chain_init(LlamaInterop.llama_sampler_chain_default_params()));
        nint c = chain.DangerousGetHandle();
        if (grammar is not null)
        {
            LlamaLog.Clear();
            byte[] g = LlamaLog.NullTerminated(grammar);
            byte[] root = "root\0"u8.ToArray();
            nint gs;
            fixed (byte* pg = g)
            fixed (byte* pr = root)
                gs = LlamaInterop.llama_sampler_init_grammar(model.Vocab, pg, pr);
            if (gs == 0)
            {
                chain.Dispose();
                error = $"grammar rejected by llama.cpp: {LlamaLog.LastProblem ?? "parse error"}";
                return false;
            }
            LlamaInterop.llama_sampler_chain_add(c, gs);
        }
        if (temperature <= 0)
        {
            LlamaInterop.llama_sampler_chain_add(c, LlamaInterop.llama_sampler_init_greedy());
        }
        else
        {
            LlamaInterop.llama_sampler_chain_add(c, LlamaInterop.llama_sampler_init_top_k(40));
            LlamaInterop.llama_sampler_chain_add(c, LlamaInterop.llama_sampler_init_temp(temperature));
            LlamaInterop.llama_sampler_chain_add(c, LlamaInterop.llama_sampler_init_dist(seed));
        }
        sampler = new LlamaSampler(chain);
        error = string.Empty;
        return true;
    }

    /// <summary>Samples (and accepts into the grammar) the next token from the last decoded logits.</summary>
    public int Sample(LlamaContext context) => LlamaInterop.llama_sampler_sample(_chain.DangerousGetHandle(), context.Pointer, -1);

    /// <summary>Back to the grammar's start, for the next generation.</summary>
    public void Reset() => LlamaInterop.llama_sampler_reset(_chain.DangerousGetHandle());

    public void Dispose() => _chain.Dispose();
}
