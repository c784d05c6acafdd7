using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CrewChief.Native.Llama;

namespace CrewChief.Tests.Llm;

/// <summary>
/// The mirrored structs must match include/llama.h of llama.cpp v0.4.0 byte for byte. The expected sizes and
/// offsets were printed by a C program compiled with gcc against that header (x64); a mismatch here would be a
/// silent memory corruption at run time. Needs no native library.
/// </summary>
public sealed class LlamaStructLayoutTests
{
    private static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);

    [Fact]
    public void ModelParams_MatchesHeader()
    {
        Assert.Equal(80, Unsafe.SizeOf<llama_model_params>());
        Assert.Equal(16, Offset<llama_model_params>(nameof(llama_model_params.n_gpu_layers)));
        Assert.Equal(40, Offset<llama_model_params>(nameof(llama_model_params.tensor_split)));
        Assert.Equal(64, Offset<llama_model_params>(nameof(llama_model_params.kv_overrides)));
        Assert.Equal(72, Offset<llama_model_params>(nameof(llama_model_params.vocab_only)));
        Assert.Equal(77, Offset<llama_model_params>(nameof(llama_model_params.load_mtp)));
    }

    [Fact]
    public void ContextParams_MatchesHeader()
    {
        Assert.Equal(160, Unsafe.SizeOf<llama_context_params>());
        Assert.Equal(28, Offset<llama_context_params>(nameof(llama_context_params.n_threads)));
        Assert.Equal(52, Offset<llama_context_params>(nameof(llama_context_params.flash_attn_type)));
        Assert.Equal(88, Offset<llama_context_params>(nameof(llama_context_params.cb_eval)));
        Assert.Equal(104, Offset<llama_context_params>(nameof(llama_context_params.type_k)));
        Assert.Equal(112, Offset<llama_context_params>(nameof(llama_context_params.abort_callback)));
        Assert.Equal(120, Offset<llama_context_params>(nameof(llama_context_params.abort_callback_data)));
        Assert.Equal(128, Offset<llama_context_params>(nameof(llama_context_params.embeddings)));
        Assert.Equal(133, Offset<llama_context_params>(nameof(llama_context_params.kv_unified)));
        Assert.Equal(136, Offset<llama_context_params>(nameof(llama_context_params.samplers)));
        Assert.Equal(152, Offset<llama_context_params>(nameof(llama_context_params.ctx_other)));
    }

    [Fact]
    public void SmallStructs_MatchHeader()
    {
        Assert.Equal(56, Unsafe.SizeOf<llama_batch>());
        Assert.Equal(64, Unsafe.SizeOf<llama_model_quantize_params>());
        Assert.Equal(24, Offset<llama_model_quantize_params>(nameof(llama_model_quantize_params.imatrix)));
        Assert.Equal(56, Offset<llama_model_quantize_params>(nameof(llama_model_quantize_params.max_buf_size)));
        Assert.Equal(48, Unsafe.SizeOf<llama_perf_context_data>());
        Assert.Equal(16, Unsafe.SizeOf<llama_chat_message>());
        Assert.Equal(1, Unsafe.SizeOf<llama_sampler_chain_params>());
    }
}
