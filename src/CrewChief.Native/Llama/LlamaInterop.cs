using System.Runtime.InteropServices;

namespace CrewChief.Native.Llama;

/// <summary>
/// The llama.cpp and ggml entry points CrewChief uses, by their C names. Private to the interop corner: the
/// engine goes through <see cref="LlamaModel"/>, <see cref="LlamaContext"/>, <see cref="LlamaSampler"/>.
/// Nothing here may be called before <see cref="LlamaLibrary.TryInitialize"/> succeeded.
/// </summary>
internal static unsafe partial class LlamaInterop
{
    /// <summary>The names the resolver maps to the exact files LlamaLibrary loaded.</summary>
    public const string Llama = "crewchief-llama";
    public const string Ggml = "crewchief-ggml";
    /// <summary>ggml-base: the device accessors live there. On Linux dlsym on libggml also finds them through its
    /// dependency, but Windows' GetProcAddress looks only at the DLL's own exports.</summary>
    public const string GgmlBase = "crewchief-ggml-base";

    // Library, backends, logging
    [LibraryImport(Llama)] public static partial byte* llama_version();
    [LibraryImport(Llama)] public static partial byte* llama_print_system_info();
    [LibraryImport(Llama)] public static partial void llama_backend_init();
    [LibraryImport(Llama)] public static partial void llama_log_set(delegate* unmanaged[Cdecl]<int, byte*, void*, void> callback, void* userData);
    [LibraryImport(Llama)] public static partial byte llama_supports_gpu_offload();
    [LibraryImport(Ggml)] public static partial void ggml_backend_load_all_from_path(byte* dirPath);
    [LibraryImport(Ggml)] public static partial nuint ggml_backend_dev_count();
    [LibraryImport(Ggml)] public static partial nint ggml_backend_dev_get(nuint index);
    [LibraryImport(GgmlBase)] public static partial int ggml_backend_dev_type(nint device);
    [LibraryImport(GgmlBase)] public static partial byte* ggml_backend_dev_name(nint device);
    [LibraryImport(GgmlBase)] public static partial byte* ggml_backend_dev_description(nint device);

    // Model
    [LibraryImport(Llama)] public static partial llama_model_params llama_model_default_params();
    [LibraryImport(Llama)] public static partial nint llama_model_load_from_file(byte* path, llama_model_params parameters);
    [LibraryImport(Llama)] public static partial void llama_model_free(nint model);
    [LibraryImport(Llama)] public static partial nint llama_model_get_vocab(nint model);
    [LibraryImport(Llama)] public static partial int llama_model_n_layer(nint model);
    [LibraryImport(Llama)] public static partial int llama_model_n_ctx_train(nint model);
    [LibraryImport(Llama)] public static partial ulong llama_model_n_params(nint model);
    [LibraryImport(Llama)] public static partial int llama_model_desc(nint model, byte* buf, nuint bufSize);
    [LibraryImport(Llama)] public static partial byte* llama_model_chat_template(nint model, byte* name);
    [LibraryImport(Llama)] public static partial llama_model_quantize_params llama_model_quantize_default_params();
    [LibraryImport(Llama)] public static partial uint llama_model_quantize(byte* input, byte* output, llama_model_quantize_params* parameters);

    // LoRA
    [LibraryImport(Llama)] public static partial nint llama_adapter_lora_init(nint model, byte* path);
    [LibraryImport(Llama)] public static partial void llama_adapter_lora_free(nint adapter);
    [LibraryImport(Llama)] public static partial int llama_set_adapters_lora(nint context, nint* adapters, nuint count, float* scales);

    // Context, memory, decoding
    [LibraryImport(Llama)] public static partial llama_context_params llama_context_default_params();
    [LibraryImport(Llama)] public static partial nint llama_init_from_model(nint model, llama_context_params parameters);
    [LibraryImport(Llama)] public static partial void llama_free(nint context);
    [LibraryImport(Llama)] public static partial uint llama_n_ctx(nint context);
    [LibraryImport(Llama)] public static partial uint llama_n_batch(nint context);
    [LibraryImport(Llama)] public static partial nint llama_get_memory(nint context);
    [LibraryImport(Llama)] public static partial void llama_memory_clear(nint memory, byte data);
    [LibraryImport(Llama)] public static partial byte llama_memory_seq_rm(nint memory, int seqId, int p0, int p1);
    [LibraryImport(Llama)] public static partial int llama_memory_seq_pos_max(nint memory, int seqId);
    [LibraryImport(Llama)] public static partial nuint llama_state_seq_save_file(nint context, byte* path, int seqId, int* tokens, nuint count);
    [LibraryImport(Llama)] public static partial nuint llama_state_seq_load_file(nint context, byte* path, int seqId, int* tokensOut, nuint capacity, nuint* countOut);
    [LibraryImport(Llama)] public static partial llama_batch llama_batch_init(int nTokens, int embd, int nSeqMax);
    [LibraryImport(Llama)] public static partial void llama_batch_free(llama_batch batch);
    [LibraryImport(Llama)] public static partial int llama_decode(nint context, llama_batch batch);
    [LibraryImport(Llama)] public static partial llama_perf_context_data llama_perf_context(nint context);

    // Vocab, tokens, chat templates
    [LibraryImport(Llama)] public static partial int llama_vocab_n_tokens(nint vocab);
    [LibraryImport(Llama)] public static partial byte llama_vocab_is_eog(nint vocab, int token);
    [LibraryImport(Llama)] public static partial int llama_tokenize(nint vocab, byte* text, int textLen, int* tokens, int maxTokens, byte addSpecial, byte parseSpecial);
    [LibraryImport(Llama)] public static partial int llama_token_to_piece(nint vocab, int token, byte* buf, int length, int lstrip, byte special);
    [LibraryImport(Llama)] public static partial int llama_chat_apply_template(byte* template, llama_chat_message* chat, nuint count, byte addAssistant, byte* buf, int length);

    // Sampling
    [LibraryImport(Llama)] public static partial llama_sampler_chain_params llama_sampler_chain_default_params();
    [LibraryImport(Llama)] public static partial nint llama_sampler_chain_init(llama_sampler_chain_params parameters);
    [LibraryImport(Llama)] public static partial void llama_sampler_chain_add(nint chain, nint sampler);
    [LibraryImport(Llama)] public static partial nint llama_sampler_init_grammar(nint vocab, byte* grammar, byte* root);
    [LibraryImport(Llama)] public static partial nint llama_sampler_init_greedy();
    [LibraryImport(Llama)] public static partial nint llama_sampler_init_temp(float t);
    [LibraryImport(Llama)] public static partial nint llama_sampler_init_top_k(int k);
    [LibraryImport(Llama)] public static partial nint llama_sampler_init_dist(uint seed);
    [LibraryImport(Llama)] public static partial int llama_sampler_sample(nint sampler, nint context, int index);
    [LibraryImport(Llama)] public static partial void llama_sampler_reset(nint sampler);
    [LibraryImport(Llama)] public static partial void llama_sampler_free(nint sampler);
}
