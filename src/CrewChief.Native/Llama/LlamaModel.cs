using System.Runtime.InteropServices;
using System.Text;

namespace CrewChief.Native.Llama;

/// <summary>A loaded GGUF model and its vocabulary: tokenizing, detokenizing, chat templates, LoRA adapters.</summary>
public sealed unsafe class LlamaModel : IDisposable
{
    /// <summary>The owned llama_model.</summary>
    private readonly SafeLlamaModelHandle _handle;

    /// <summary>The model's llama_vocab (owned by the model).</summary>
    private readonly nint _vocab;

    private LlamaModel(SafeLlamaModelHandle handle, string path, int gpuLayers)
    {
        _handle = handle;
        Path = path;
        GpuLayers = gpuLayers;
        nint m = handle.DangerousGetHandle();
        _vocab = LlamaInterop.llama_model_get_vocab(m);
        VocabSize = LlamaInterop.llama_vocab_n_tokens(_vocab);
        LayerCount = LlamaInterop.llama_model_n_layer(m);
        TrainContextSize = LlamaInterop.llama_model_n_ctx_train(m);
        ParameterCount = LlamaInterop.llama_model_n_params(m);
        byte* buf = stackalloc byte[256];
        int n = LlamaInterop.llama_model_desc(m, buf, 256);
        Description = n > 0 ? Encoding.UTF8.GetString(buf, Math.Min(n, 255)) : "unknown";
        byte* template = LlamaInterop.llama_model_chat_template(m, null);
        EmbeddedChatTemplate = template is null ? null : LlamaLog.Utf8(template);
    }

    public string Path { get; }
    public int VocabSize { get; }
    public int LayerCount { get; }
    public int TrainContextSize { get; }
    public ulong ParameterCount { get; }

    /// <summary>llama.cpp's one-line summary, e.g. "llama 1B Q4_K - Medium".</summary>
    public string Description { get; }

    /// <summary>Layers requested on the GPU (0 when no GPU backend is present).</summary>
    public int GpuLayers { get; }

    /// <summary>tokenizer.chat_template from the GGUF metadata, or null when the file has none.</summary>
    public string? EmbeddedChatTemplate { get; }

    internal SafeLlamaModelHandle Handle => _handle;

    internal nint Vocab => _vocab;

    /// <summary>
    /// Loads a GGUF file. <paramref name="gpuLayers"/> (-1 = all) is applied only when a GPU backend found a
    /// device; otherwise everything stays on the CPU.
    /// </summary>
    public static bool TryLoad(string path, int gpuLayers, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LlamaModel? model, out string error)
    {
        model = null;
        if (!LlamaLibrary.TryInitialize(out error)) return false;
        if (!File.Exists(path))
        {
            error = $"model file {path} not found";
            return false;
        }
        int layers = LlamaLibrary.HasGpu ? (gpuLayers < 0 ? int.MaxValue : gpuLayers) : 0;
        llama_model_params p = LlamaInterop.llama_model_default_params();
        p.n_gpu_layers = layers;
        LlamaLog.Clear();
        byte[] pathUtf8 = LlamaLog.NullTerminated(path);
        nint handle;
        fixed (byte* pp = pathUtf8) handle = LlamaInterop.llama_model_load_from_file(pp, p);
        if (handle == 0)
        {
            error = $"cannot load model {path}: {LlamaLog.LastProblem ?? "llama.cpp gave no reason"}";
            return false;
        }
        model = new LlamaModel(new SafeLlamaModelHandle(handle), path, layers);
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Tokenizes UTF-8 text into <paramref name="tokens"/>. Returns the count, or minus the count needed when the
    /// span is too small. <paramref name="parseSpecial"/> turns "&lt;|im_start|&gt;" text into its control token.
    /// </summary>
    public int Tokenize(ReadOnlySpan<byte> utf8, Span<int> tokens, bool addSpecial, bool parseSpecial)
    {
        fixed (byte* t = utf8)
        fixed (int* o = tokens)
        {
            return LlamaInterop.llama_tokenize(_vocab, t, utf8.Length, o, tokens.Length, addSpecial ? (byte)1 : (byte)0, parseSpecial ? (byte)1 : (byte)0);
        }
    }

    /// <summary>Tokenizes a string into a new array (prompt set-up, not the per-token path).</summary>
    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        int[] tokens = new int[utf8.Length + 8];
        int n = Tokenize(utf8, tokens, addSpecial, parseSpecial);
        if (n < 0)
        {
            tokens = new int[-n];
            n = Tokenize(utf8, tokens, addSpecial, parseSpecial);
        }
        return tokens.AsSpan(0, n).ToArray();
    }

    /// <summary>
    /// Writes the UTF-8 bytes of one token (control tokens render as nothing). A piece may be part of a
    /// multi-byte character; the caller decodes bytes incrementally. Returns the byte count, or minus the size needed.
    /// </summary>
    public int TokenToPiece(int token, Span<byte> buffer)
    {
        fixed (byte* b = buffer) return LlamaInterop.llama_token_to_piece(_vocab, token, b, buffer.Length, 0, 0);
    }

    /// <summary>True for end-of-generation tokens (EOS, end-of-turn).</summary>
    public bool IsEndOfGeneration(int token) => LlamaInterop.llama_vocab_is_eog(_vocab, token) != 0;

    /// <summary>
    /// Renders messages with a chat template: a template text from a GGUF, or a built-in name such as "llama3"
    /// or "chatml". llama.cpp recognises templates by their markers, not by running Jinja. Returns null when it
    /// does not recognise the template.
    /// </summary>
    public static string? ApplyChatTemplate(string template, ReadOnlySpan<LlamaChatMessage> messages, bool addAssistant)
    {
        if (!LlamaLibrary.TryInitialize(out _)) return null;
        var pins = new List<GCHandle>(messages.Length * 2 + 1);
        try
        {
            byte[] templateUtf8 = LlamaLog.NullTerminated(template);
            pins.Add(GCHandle.Alloc(templateUtf8, GCHandleType.Pinned));
            var chat = new llama_chat_message[messages.Length];
            int total = 0;
            for (int i = 0; i < messages.Length; i++)
            {
                byte[] role = LlamaLog.NullTerminated(messages[i].Role);
                byte[] content = LlamaLog.NullTerminated(messages[i].Content);
                var rolePin = GCHandle.Alloc(role, GCHandleType.Pinned);
                pins.Add(rolePin);
                var contentPin = GCHandle.Alloc(content, GCHandleType.Pinned);
                pins.Add(contentPin);
                chat[i].role = (byte*)rolePin.AddrOfPinnedObject();
                chat[i].content = (byte*)contentPin.AddrOfPinnedObject();
                total += role.Length + content.Length;
            }
            byte[] buffer = new byte[2 * total + 256];
            fixed (llama_chat_message* c = chat)
            {
                byte* t = (byte*)pins[0].AddrOfPinnedObject();
                int n;
                fixed (byte* b = buffer) n = LlamaInterop.llama_chat_apply_template(t, c, (nuint)chat.Length, addAssistant ? (byte)1 : (byte)0, b, buffer.Length);
                if (n < 0) return null;
                if (n > buffer.Length)
                {
                    buffer = new byte[n];
                    fixed (byte* b = buffer) n = LlamaInterop.llama_chat_apply_template(t, c, (nuint)chat.Length, addAssistant ? (byte)1 : (byte)0, b, buffer.Length);
                }
                return Encoding.UTF8.GetString(buffer, 0, n);
            }
        }
        finally
        {
            foreach (var pin in pins) pin.Free();
        }
    }

    /// <summary>Loads a LoRA adapter (GGUF) made for this model.</summary>
    public bool TryLoadAdapter(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LlamaAdapter? adapter, out string error)
    {
        adapter = null;
        if (!File.Exists(path))
        {
            error = $"LoRA adapter {path} not found";
            return false;
        }
        LlamaLog.Clear();
        byte[] pathUtf8 = LlamaLog.NullTerminated(path);
        nint handle;
        fixed (byte* p = pathUtf8) handle = LlamaInterop.llama_adapter_lora_init(_handle.DangerousGetHandle(), p);
        if (handle == 0)
        {
            error = $"cannot load LoRA adapter {path}: {LlamaLog.LastProblem ?? "llama.cpp gave no reason"}";
            return false;
        }
        adapter = new LlamaAdapter(new SafeLlamaAdapterHandle(handle, _handle));
        error = string.Empty;
        return true;
    }

    public void Dispose() => _handle.Dispose();
}
