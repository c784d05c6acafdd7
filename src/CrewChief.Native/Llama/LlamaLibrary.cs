using System.Runtime.InteropServices;

namespace CrewChief.Native.Llama;

/// <summary>
/// Loads the pinned llama.cpp build by exact path, loads its ggml backends, and checks that the build is the one
/// the structs in this folder mirror. Explicit and idempotent: the first failure is remembered and reported in
/// one line, nothing is loaded from a static constructor, and nothing else in this folder works before it.
/// </summary>
public static unsafe class LlamaLibrary
{
    /// <summary>The node-llama-cpp packages scripts/natives-llama.sh unpacks (one version for every platform).</summary>
    public const string PackageVersion = "3.21.1";

    /// <summary>The llama.cpp release those packages were built from; it is also in the library file names.</summary>
    public const string Release = "v0.4.0";

    /// <summary>What llama_version() of that release returns, up to a "-dev" style suffix.</summary>
    private const string ExpectedVersion = "0.4.0";

    // Symbols that only exist from this release on, or whose absence means a different API generation: a stale
    // or foreign build is refused here instead of crashing later on a struct that moved.
    private static readonly string[] s_requiredSymbols =
    [
        "llama_model_init_from_user", "llama_memory_seq_rm", "llama_sampler_init_grammar",
        "llama_adapter_lora_init", "llama_set_adapters_lora", "llama_chat_apply_template", "llama_model_quantize",
    ];

    /// <summary>Loaded and checked once; the first failure's line is what every later attempt gets.</summary>
    private static readonly NativeLoadOnce s_load = new();

    /// <summary>Folder the libraries were loaded from.</summary>
    public static string? Folder { get; private set; }

    /// <summary>llama_version() of the loaded build.</summary>
    public static string? NativeVersion { get; private set; }

    /// <summary>Whether a GPU backend (CUDA, Vulkan, ...) loaded and found a device: layers may be offloaded.</summary>
    public static bool HasGpu { get; private set; }

    /// <summary>Why a CUDA build runs on the CPU (e.g. "libcudart.so.13: cannot open shared object file"); null otherwise.</summary>
    public static string? GpuUnavailableReason { get; private set; }

    private static string GpuBackendFile =>
        OperatingSystem.IsWindows() ? "ggml-cuda.dll" : OperatingSystem.IsMacOS() ? "libggml-cuda.dylib" : "libggml-cuda.so";

    /// <summary>The ggml devices found, "name (description)" joined, for the log.</summary>
    public static string Devices { get; private set; } = string.Empty;

    /// <summary>llama_print_system_info(): the CPU features the chosen backend uses.</summary>
    public static string SystemInfo { get; private set; } = string.Empty;

    public static bool IsReady => s_load.IsLoaded;

    private static string LibraryFile(string stem) =>
        OperatingSystem.IsWindows() ? $"{stem}.{Release}.dll"
        : OperatingSystem.IsMacOS() ? $"lib{stem}.{Release}.dylib"
        : $"lib{stem}.{Release}.so";

    // ggml-base and the backends carry no release in their names.
    private static string UnversionedLibraryFile(string stem) =>
        OperatingSystem.IsWindows() ? $"{stem}.dll" : OperatingSystem.IsMacOS() ? $"lib{stem}.dylib" : $"lib{stem}.so";

    public static bool TryInitialize(out string error) =>
        s_load.TryLoad(static _ => TryLoad(out string? failure) ? null : failure ?? "llama.cpp could not be loaded.", 0, out error);

    private static bool TryLoad(out string? error)
    {
        // The CUDA build names its core libraries llama.cuda.<release> / ggml.cuda.<release>; it is preferred when
        // present because it also runs on the CPU when the CUDA backend cannot load.
        string llamaFile = LibraryFile("llama");
        string? llamaPath = null;
        string ggmlStem = "ggml";
        // The two flavours ship ggml-base and the CPU back-ends under the same names but built differently, so
        // each keeps its own folder: natives/<rid>/llama-cuda and natives/<rid>/llama (an older install may
        // still hold the CUDA files in llama/).
        foreach (var (flavor, subfolder) in (ReadOnlySpan<(string, string)>)[(".cuda", "llama-cuda"), (".cuda", "llama"), ("", "llama")])
        {
            string file = LibraryFile("llama" + flavor);
            llamaPath = NativeLocator.Find(file, subfolder) ?? (flavor.Length == 0 ? NativeLocator.Find(file) : null);
            if (llamaPath is null) continue;
            ggmlStem = "ggml" + flavor;
            break;
        }
        if (llamaPath is null)
        {
            error = $"llama.cpp not found: no {llamaFile} in {NativeLocator.Describe()} (run scripts/natives.sh)";
            return false;
        }
        string folder = Path.GetDirectoryName(llamaPath)!;
        string ggmlPath = Path.Combine(folder, LibraryFile(ggmlStem));

        // ggml first: libllama depends on it, and loading it by path makes that dependency resolve to this file.
        if (!TryLoadFile(ggmlPath, out nint ggml, out error)) return false;
        if (!TryLoadFile(llamaPath, out nint llama, out error)) return false;

        foreach (string symbol in s_requiredSymbols)
        {
            if (!NativeLibrary.TryGetExport(llama, symbol, out _))
            {
                error = $"{llamaPath} is not llama.cpp {Release}: it lacks {symbol} (run scripts/natives.sh)";
                return false;
            }
        }
        if (!NativeImportResolver.TryRegister(LlamaInterop.Llama, llama, out error)) return false;
        if (!NativeImportResolver.TryRegister(LlamaInterop.Ggml, ggml, out error)) return false;
        string ggmlBasePath = Path.Combine(folder, UnversionedLibraryFile("ggml-base"));
        if (!TryLoadFile(ggmlBasePath, out nint ggmlBase, out error)) return false;
        if (!NativeImportResolver.TryRegister(LlamaInterop.GgmlBase, ggmlBase, out error)) return false;

        string version = LlamaLog.Utf8(LlamaInterop.llama_version());
        if (!version.StartsWith(ExpectedVersion, StringComparison.Ordinal))
        {
            error = $"{llamaPath} is llama.cpp {version}, the binding is for {ExpectedVersion} (run scripts/natives.sh)";
            return false;
        }
        NativeVersion = version;

        LlamaInterop.llama_log_set(LlamaLog.Callback, null);
        LlamaInterop.llama_backend_init();

        // The CPU code lives in one of several libggml-cpu-<isa> variants (and CUDA in libggml-cuda): ggml scores
        // the files in the folder against this CPU and registers the best one.
        // ggml dlopens these itself, so a half-copied back-end would crash inside it: check every one first.
        if (NativeImage.FirstIncomplete(folder, "ggml-") is string incomplete)
        {
            error = $"llama.cpp back-end incomplete: {incomplete} (run scripts/natives.sh)";
            return false;
        }
        byte[] folderUtf8 = LlamaLog.NullTerminated(folder);
        LlamaLog.Clear();
        fixed (byte* p = folderUtf8) LlamaInterop.ggml_backend_load_all_from_path(p);
        string? backendProblem = LlamaLog.LastProblem;

        nuint count = LlamaInterop.ggml_backend_dev_count();
        if (count == 0)
        {
            error = $"no ggml backend loaded from {folder} ({LlamaLog.LastProblem ?? "ggml-cpu libraries missing?"}; run scripts/natives.sh)";
            return false;
        }
        var devices = new List<string>((int)count);
        bool gpu = false;
        for (nuint i = 0; i < count; i++)
        {
            nint dev = LlamaInterop.ggml_backend_dev_get(i);
            int type = LlamaInterop.ggml_backend_dev_type(dev);
            gpu |= type is 1 or 2; // GGML_BACKEND_DEVICE_TYPE_GPU, _IGPU
            devices.Add($"{LlamaLog.Utf8(LlamaInterop.ggml_backend_dev_name(dev))} ({LlamaLog.Utf8(LlamaInterop.ggml_backend_dev_description(dev))})");
        }
        HasGpu = gpu;
        if (!gpu && File.Exists(Path.Combine(folder, GpuBackendFile)))
            GpuUnavailableReason = WhyBackendFailed(Path.Combine(folder, GpuBackendFile)) ?? backendProblem ?? "the CUDA backend found no device";
        Devices = string.Join(", ", devices);
        SystemInfo = LlamaLog.Utf8(LlamaInterop.llama_print_system_info()).Trim();
        Folder = folder;
        error = null;
        return true;
    }

    // Release builds of ggml probe backends silently, so a CUDA backend that cannot load (no CUDA runtime) leaves
    // no trace; loading it once more ourselves yields the OS loader's reason.
    private static string? WhyBackendFailed(string path)
    {
        if (!NativeImage.TryValidate(path, out string? problem)) return problem;
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(path));
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            return LoaderReason(e);
        }
    }

    // .NET's message is a generic sentence followed by the OS loader's own lines (dlerror on Linux; on Windows the
    // Win32 error is in the first line). The last non-empty line is the one that names the missing piece.
    private static string LoaderReason(Exception e)
    {
        string[] lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? e.GetType().Name : lines[^1];
    }

    private static bool TryLoadFile(string path, out nint handle, out string? error)
    {
        if (!File.Exists(path))
        {
            handle = 0;
            error = $"llama.cpp incomplete: {path} is missing (run scripts/natives.sh)";
            return false;
        }
        if (!NativeImage.TryValidate(path, out string? problem))
        {
            handle = 0;
            error = $"cannot load {path}: {problem} (run scripts/natives.sh)";
            return false;
        }
        try
        {
            handle = NativeLibrary.Load(path);
            error = null;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            handle = 0;
            error = $"cannot load {path}: {LoaderReason(e)}";
            return false;
        }
    }
}
