namespace CrewChief.Native.Llama;

/// <summary>Re-encodes a GGUF model to a smaller weight format with llama.cpp's own quantizer.</summary>
public static unsafe class LlamaQuantizer
{
    /// <summary>llama_ftype LLAMA_FTYPE_MOSTLY_Q4_K_M: 4-bit K-quants, some tensors at 6 bits.</summary>
    public const int Q4KM = 15;

    public static bool TryQuantize(string input, string output, int fileType, int threads, out string error)
    {
        if (!LlamaLibrary.TryInitialize(out error)) return false;
        llama_model_quantize_params p = LlamaInterop.llama_model_quantize_default_params();
        p.ftype = fileType;
        p.nthread = threads;
        LlamaLog.Clear();
        byte[] i = LlamaLog.NullTerminated(input);
        byte[] o = LlamaLog.NullTerminated(output);
        uint rc;
        fixed (byte* pi = i)
        fixed (byte* po = o)
            rc = LlamaInterop.llama_model_quantize(pi, po, &p);
        if (rc != 0)
        {
            error = $"quantizing {input} failed: {LlamaLog.LastProblem ?? "llama.cpp gave no reason"}";
            return false;
        }
        error = string.Empty;
        return true;
    }
}
