using System.Runtime.InteropServices;

namespace CrewChief.Native.Onnx;

/// <summary>
/// The ONNX Runtime shared library, loaded by exact path (natives/&lt;rid&gt;/onnxruntime/ in a checkout, beside the
/// exe when published) and bound through its C API table: OrtGetApiBase → GetApi(version) → function pointers read
/// once by slot (<see cref="OrtApiTable"/>) into typed pointers (<see cref="OrtApi"/>). No import resolver is installed, so nothing here competes with the other
/// engines for the assembly's one DllImportResolver. Call <see cref="TryInitialize"/> once, before anything else.
/// </summary>
public static unsafe class OnnxRuntimeLibrary
{
    /// <summary>The runtime version the natives script pins; another version is accepted if at least <see cref="MinimumVersion"/>.</summary>
    public const string PinnedVersion = "1.30.0";

    /// <summary>Oldest runtime accepted: every slot used is older, and 1.16 is the first whose CPU kernels Piper exports need at opset 15.</summary>
    public static readonly Version MinimumVersion = new(1, 16);

    private static readonly NativeLoadOnce s_load = new();
    /// <summary>The loaded library, or 0 before a successful <see cref="TryInitialize"/>.</summary>
    private static nint s_library;
    /// <summary>The OrtApi table (array of function pointers) returned by GetApi.</summary>
    private static nint* s_api;

    public static bool IsInitialized => s_api != null;

    /// <summary>The version string the loaded runtime reports (e.g. "1.30.0"), or null before initialisation.</summary>
    public static string? Version { get; private set; }

    /// <summary>Path the runtime was loaded from.</summary>
    public static string? LoadedFrom { get; private set; }

    /// <summary>Throws unless <see cref="TryInitialize"/> succeeded: the <see cref="OrtApi"/> pointers are bound only then.</summary>
    internal static void EnsureInitialized()
    {
        if (s_api == null) throw new InvalidOperationException("ONNX Runtime is not initialised; call OnnxRuntimeLibrary.TryInitialize first.");
    }

    /// <summary>File name of the runtime on this OS.</summary>
    public static string FileName => OperatingSystem.IsWindows() ? "onnxruntime.dll"
        : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib" : "libonnxruntime.so.1";

    /// <summary>
    /// Loads and binds the runtime. <paramref name="explicitPath"/> overrides the search (tests, --ort-lib). On failure
    /// <paramref name="error"/> is one line naming the file and the loader's own reason.
    /// </summary>
    public static bool TryInitialize(out string error, string? explicitPath = null) =>
        s_load.TryLoad(static path => Load(path), explicitPath, out error);

    private static string? Load(string? explicitPath)
    {
        string? path = explicitPath ?? NativeLocator.Find(FileName, "onnxruntime") ?? NativeLocator.Find(FileName);
        if (path is null)
            return $"ONNX Runtime ({FileName}) not found in {NativeLocator.Describe()}; run scripts/natives.sh (or put it beside the exe).";
        // A partial copy (interrupted download or cp) would SIGBUS inside the loader: check the image first, and
        // the provider libraries the runtime may dlopen later from the same folder.
        if (!NativeImage.TryValidate(path, out string? problem))
            return $"cannot load {path}: {problem} (run scripts/natives.sh)";
        if (Path.GetDirectoryName(path) is { Length: > 0 } folder && NativeImage.FirstIncomplete(folder, "onnxruntime_providers") is string provider)
            return $"ONNX Runtime incomplete: {provider} (run scripts/natives.sh)";
        nint lib;
        try
        {
            lib = NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            return $"cannot load {path}: {OneLine(e.Message)}";
        }
        catch (BadImageFormatException e)
        {
            return $"cannot load {path} (wrong architecture?): {OneLine(e.Message)}";
        }
        if (!NativeLibrary.TryGetExport(lib, "OrtGetApiBase", out nint getApiBase))
            return $"{path} has no OrtGetApiBase export; it is not an ONNX Runtime library.";

        // OrtApiBase is two function pointers: GetApi(uint32_t version), GetVersionString(void).
        nint* apiBase = ((delegate* unmanaged<nint*>)getApiBase)();
        if (apiBase == null) return $"{path}: OrtGetApiBase returned null.";
        string version = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)apiBase[1])()) ?? "";
        if (!System.Version.TryParse(version, out var parsed) || parsed < MinimumVersion)
            return $"{path} is ONNX Runtime '{version}'; need {MinimumVersion} or newer (pinned {PinnedVersion}). Run scripts/natives.sh.";
        nint* api = ((delegate* unmanaged<uint, nint*>)apiBase[0])(OrtApiTable.ApiVersion);
        if (api == null) return $"{path} (ONNX Runtime {version}) does not serve C API version {OrtApiTable.ApiVersion}.";

        OrtApi.Bind(api);
        s_library = lib;
        s_api = api;
        Version = version;
        LoadedFrom = path;
        return null;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();

    /// <summary>Turns a non-null OrtStatus into an exception (releasing the status); a null status is success.</summary>
    internal static void Check(nint status, string doing)
    {
        if (status == 0) return;
        Throw(status, doing);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Throw(nint status, string doing)
    {
        string message = Marshal.PtrToStringUTF8(OrtApi.GetErrorMessage(status)) ?? "(no message)";
        int code = OrtApi.GetErrorCode(status);
        OrtApi.ReleaseStatus(status);
        throw new OnnxRuntimeException($"{doing}: {OneLine(message)} (ORT error {code})");
    }

    /// <summary>Names of the execution providers this runtime build contains (e.g. CPUExecutionProvider).</summary>
    public static string[] AvailableProviders()
    {
        nint list;
        int count;
        Check(OrtApi.GetAvailableProviders(&list, &count), "listing execution providers");
        var names = new string[count];
        for (int i = 0; i < count; i++) names[i] = Marshal.PtrToStringUTF8(((nint*)list)[i]) ?? "";
        Check(OrtApi.ReleaseAvailableProviders(list, count), "releasing the provider list");
        return names;
    }
}
