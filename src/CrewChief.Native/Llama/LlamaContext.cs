using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CrewChief.Native.Llama;

/// <summary>
/// One inference context (KV cache + compute buffers) of a model, with its own reusable token batch and an abort
/// flag that llama.cpp polls between graph nodes, so a cancelled or late generation stops mid-batch. Single
/// owner thread; only <see cref="RequestAbort"/> may be called from another thread.
/// </summary>
public sealed unsafe class LlamaContext : IDisposable
{
    /// <summary>The owned llama_context.</summary>
    private readonly SafeLlamaContextHandle _handle;

    /// <summary>The context's memory (KV cache) object, owned by the context.</summary>
    private readonly nint _memory;

    /// <summary>Native int read by the abort callback: non-zero stops the running llama_decode.</summary>
    private int* _abortFlag;

    /// <summary>Batch from llama_batch_init, reused for every decode; capacity <see cref="BatchSize"/>.</summary>
    private llama_batch _batch;

    private LlamaContext(SafeLlamaContextHandle handle, int* abortFlag, int batchSize)
    {
        _handle = handle;
        _abortFlag = abortFlag;
        nint ctx = handle.DangerousGetHandle();
        _memory = LlamaInterop.llama_get_memory(ctx);
        ContextSize = (int)LlamaInterop.llama_n_ctx(ctx);
        BatchSize = Math.Min(batchSize, (int)LlamaInterop.llama_n_batch(ctx));
        _batch = LlamaInterop.llama_batch_init(BatchSize, 0, 1);
    }

    public int ContextSize { get; }

    public int BatchSize { get; }

    public static bool TryCreate(LlamaModel model, int contextSize, int batchSize, int threads,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LlamaContext? context, out string error)
    {
        context = null;
        llama_context_params p = LlamaInterop.llama_context_default_params();
        p.n_ctx = (uint)contextSize;
        p.n_batch = (uint)batchSize;
        p.n_ubatch = (uint)batchSize;
        p.n_seq_max = 1;
        p.n_threads = threads;
        p.n_threads_batch = threads;
        p.no_perf = 0;
        int* flag = (int*)NativeMemory.AllocZeroed(sizeof(int));
        p.abort_callback = (nint)(delegate* unmanaged[Cdecl]<void*, byte>)&ShouldAbort;
        p.abort_callback_data = (nint)flag;
        LlamaLog.Clear();
        nint handle = LlamaInterop.llama_init_from_model(model.Handle.DangerousGetHandle(), p);
        if (handle == 0)
        {
            NativeMemory.Free(flag);
            error = $"cannot create a llama.cpp context ({contextSize} tokens): {LlamaLog.LastProblem ?? "llama.cpp gave no reason"}";
            return false;
        }
        context = new LlamaContext(new SafeLlamaContextHandle(handle, model.Handle), flag, batchSize);
        error = string.Empty;
        return true;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte ShouldAbort(void* data) => Volatile.Read(ref *(int*)data) != 0 ? (byte)1 : (byte)0;

    /// <summary>Stops the decode in progress (if any) and every later one until <see cref="ClearAbort"/>. Any thread.</summary>
    public void RequestAbort()
    {
        int* flag = _abortFlag;
        if (flag is not null) Volatile.Write(ref *flag, 1);
    }

    public void ClearAbort() => Volatile.Write(ref *_abortFlag, 0);

    public bool AbortRequested => Volatile.Read(ref *_abortFlag) != 0;

    internal nint Pointer => _handle.DangerousGetHandle();

    /// <summary>
    /// Decodes <paramref name="tokens"/> into sequence <paramref name="seq"/> at positions from
    /// <paramref name="startPos"/>, in chunks of <see cref="BatchSize"/>. Logits are computed only for the last
    /// token, and only when <paramref name="logitsForLast"/> (a prompt prefix needs none).
    /// </summary>
    public LlamaDecodeStatus Decode(ReadOnlySpan<int> tokens, int startPos, int seq, bool logitsForLast)
    {
        nint ctx = _handle.DangerousGetHandle();
        int done = 0;
        while (done < tokens.Length)
        {
            int n = Math.Min(BatchSize, tokens.Length - done);
            for (int i = 0; i < n; i++)
            {
                _batch.token[i] = tokens[done + i];
                _batch.pos[i] = startPos + done + i;
                _batch.n_seq_id[i] = 1;
                _batch.seq_id[i][0] = seq;
                _batch.logits[i] = 0;
            }
            if (logitsForLast && done + n == tokens.Length) _batch.logits[n - 1] = 1;
            _batch.n_tokens = n;
            int rc = LlamaInterop.llama_decode(ctx, _batch);
            if (rc != 0)
            {
                return rc switch
                {
                    1 => LlamaDecodeStatus.ContextFull,
                    2 => LlamaDecodeStatus.Aborted,
                    _ => LlamaDecodeStatus.Failed,
                };
            }
            done += n;
        }
        return LlamaDecodeStatus.Ok;
    }

    /// <summary>Drops the cached tokens of <paramref name="seq"/> from position <paramref name="fromPos"/> on.</summary>
    public bool RemoveFrom(int seq, int fromPos) => LlamaInterop.llama_memory_seq_rm(_memory, seq, fromPos, -1) != 0;

    /// <summary>The last cached position of <paramref name="seq"/>, or -1 when it is empty.</summary>
    public int LastPosition(int seq) => LlamaInterop.llama_memory_seq_pos_max(_memory, seq);

    public void ClearMemory() => LlamaInterop.llama_memory_clear(_memory, 1);

    /// <summary>Writes the cached state of <paramref name="seq"/> and the tokens it stands for to a file.</summary>
    public bool TrySaveSequence(string path, int seq, ReadOnlySpan<int> tokens)
    {
        byte[] p = LlamaLog.NullTerminated(path);
        fixed (byte* pp = p)
        fixed (int* t = tokens)
            return LlamaInterop.llama_state_seq_save_file(_handle.DangerousGetHandle(), pp, seq, t, (nuint)tokens.Length) != 0;
    }

    /// <summary>
    /// Restores a sequence saved by <see cref="TrySaveSequence"/> into <paramref name="seq"/>; the tokens it was
    /// made from land in <paramref name="tokens"/>. Returns the token count, or -1 when the file does not fit.
    /// </summary>
    public int TryLoadSequence(string path, int seq, Span<int> tokens)
    {
        byte[] p = LlamaLog.NullTerminated(path);
        nuint count = 0;
        nuint read;
        LlamaLog.Clear();
        fixed (byte* pp = p)
        fixed (int* t = tokens)
            read = LlamaInterop.llama_state_seq_load_file(_handle.DangerousGetHandle(), pp, seq, t, (nuint)tokens.Length, &count);
        return read == 0 ? -1 : (int)count;
    }

    /// <summary>llama.cpp's own counters: tokens evaluated as prompt batches and as single generated tokens.</summary>
    public (int PromptTokens, int GeneratedTokens) NativeCounters
    {
        get
        {
            llama_perf_context_data d = LlamaInterop.llama_perf_context(_handle.DangerousGetHandle());
            return (d.n_p_eval, d.n_eval);
        }
    }

    /// <summary>Applies (or with null removes) a LoRA adapter at <paramref name="scale"/>.</summary>
    public bool TrySetAdapter(LlamaAdapter? adapter, float scale)
    {
        if (adapter is null) return LlamaInterop.llama_set_adapters_lora(_handle.DangerousGetHandle(), null, 0, null) == 0;
        nint a = adapter.Handle.DangerousGetHandle();
        return LlamaInterop.llama_set_adapters_lora(_handle.DangerousGetHandle(), &a, 1, &scale) == 0;
    }

    public void Dispose()
    {
        if (_abortFlag is null) return;
        LlamaInterop.llama_batch_free(_batch);
        _batch = default;
        _handle.Dispose();
        NativeMemory.Free(_abortFlag);
        _abortFlag = null;
    }
}
