using System.Runtime.InteropServices;
using System.Text;

namespace CrewChief.Native.PocketSphinx;

/// <summary>
/// CMU PocketSphinx, the offline recogniser behind the two-way radio. Two API generations are in the wild and both
/// are bound, chosen by which exports the loaded library has:
/// <list type="bullet">
/// <item>5.x (pip wheels, Debian 13+): ps_config_init / ps_config_set_str / ps_add_jsgf_string / ps_activate_search,
/// logging off through err_set_loglevel.</item>
/// <item>"5prealpha" (Debian 12's libpocketsphinx3 0.8+5prealpha): the configuration is a sphinxbase cmd_ln_t built
/// with cmd_ln_parse_r (the non-variadic one: cmd_ln_init is C varargs and cannot be called through a function
/// pointer portably), search by ps_set_jsgf_string / ps_set_search, logging off with "-logfn /dev/null".
/// sphinxbase is its own library (libsphinxbase.so.3), loaded beside it.</item>
/// </list>
/// Bound with function pointers from the loaded library's exports, like espeak-ng: the library name differs per OS
/// and generation, and no DllImport resolver competes with the other engines. Everything after load is per decoder
/// (<see cref="PocketSphinxDecoder"/>), which is single-threaded by contract.
/// </summary>
public static unsafe class PocketSphinxLibrary
{
    private static readonly Lock s_gate = new();
    private static string? s_error;
    private static bool s_ready;

    // Both generations.
    internal static delegate* unmanaged[Cdecl]<nint, nint> s_init;
    internal static delegate* unmanaged[Cdecl]<nint, int> s_free;
    internal static delegate* unmanaged[Cdecl]<nint, int> s_startUtt;
    internal static delegate* unmanaged[Cdecl]<nint, short*, nuint, int, int, int> s_processRaw;
    internal static delegate* unmanaged[Cdecl]<nint, int> s_endUtt;
    internal static delegate* unmanaged[Cdecl]<nint, int*, byte*> s_getHyp;

    // 5.x.
    internal static delegate* unmanaged[Cdecl]<nint, nint> s_configInit;
    internal static delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint> s_configSetStr;
    internal static delegate* unmanaged[Cdecl]<nint, int> s_configFree;
    internal static delegate* unmanaged[Cdecl]<nint, byte*, byte*, int> s_addJsgfString;
    internal static delegate* unmanaged[Cdecl]<nint, byte*, int> s_activateSearch;
    internal static delegate* unmanaged[Cdecl]<int, int> s_setLogLevel;

    // 5prealpha + sphinxbase.
    internal static delegate* unmanaged[Cdecl]<nint> s_args;
    internal static delegate* unmanaged[Cdecl]<nint, nint, int, byte**, int, nint> s_cmdLnParse;
    internal static delegate* unmanaged[Cdecl]<nint, int> s_cmdLnFree;
    internal static delegate* unmanaged[Cdecl]<nint, byte*, byte*, int> s_setJsgfString;
    internal static delegate* unmanaged[Cdecl]<nint, byte*, int> s_setSearch;

    /// <summary>True for the 5.x API, false for 5prealpha; meaningful once initialised.</summary>
    public static bool IsModernApi { get; private set; }

    /// <summary>The file the library was loaded from.</summary>
    public static string? LoadedFrom { get; private set; }

    public static bool IsInitialized => s_ready;

    /// <summary>Loads PocketSphinx once; <paramref name="error"/> is one line with the loader's reason and the fix.</summary>
    public static bool TryInitialize(out string error)
    {
        lock (s_gate)
        {
            if (s_ready) { error = ""; return true; }
            if (s_error is not null) { error = s_error; return false; }
            s_error = Load();
            s_ready = s_error is null;
            error = s_error ?? "";
            return s_ready;
        }
    }

    private static string[] Candidates =>
        OperatingSystem.IsWindows() ? ["pocketsphinx.dll"]
        : OperatingSystem.IsMacOS() ? ["libpocketsphinx.5.dylib", "libpocketsphinx.3.dylib", "libpocketsphinx.dylib"]
        : ["libpocketsphinx.so.5", "libpocketsphinx.so.3", "libpocketsphinx.so"];

    private static string? Load()
    {
        nint lib = 0;
        string lastError = "";
        foreach (string name in Candidates)
        {
            string attempt = NativeLocator.Find(name) ?? name;
            try
            {
                lib = NativeLibrary.Load(attempt);
                LoadedFrom = attempt;
                break;
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                lastError = OneLine(e.Message);
            }
        }
        if (lib == 0)
        {
            string hint = OperatingSystem.IsWindows() ? "put pocketsphinx.dll beside the exe" : "install libpocketsphinx3 and pocketsphinx-en-us (scripts/setup.sh)";
            return $"PocketSphinx not found (tried {string.Join(", ", Candidates)}): {lastError}; {hint}.";
        }

        string? missing = null;
        s_init = (delegate* unmanaged[Cdecl]<nint, nint>)Export(lib, "ps_init", ref missing);
        s_free = (delegate* unmanaged[Cdecl]<nint, int>)Export(lib, "ps_free", ref missing);
        s_startUtt = (delegate* unmanaged[Cdecl]<nint, int>)Export(lib, "ps_start_utt", ref missing);
        s_processRaw = (delegate* unmanaged[Cdecl]<nint, short*, nuint, int, int, int>)Export(lib, "ps_process_raw", ref missing);
        s_endUtt = (delegate* unmanaged[Cdecl]<nint, int>)Export(lib, "ps_end_utt", ref missing);
        s_getHyp = (delegate* unmanaged[Cdecl]<nint, int*, byte*>)Export(lib, "ps_get_hyp", ref missing);
        if (missing is not null) return $"{LoadedFrom} is not PocketSphinx: it has no export '{missing}'.";

        if (NativeLibrary.TryGetExport(lib, "ps_config_init", out nint configInit))
        {
            IsModernApi = true;
            s_configInit = (delegate* unmanaged[Cdecl]<nint, nint>)configInit;
            s_configSetStr = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint>)Export(lib, "ps_config_set_str", ref missing);
            s_configFree = (delegate* unmanaged[Cdecl]<nint, int>)Export(lib, "ps_config_free", ref missing);
            s_addJsgfString = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, int>)Export(lib, "ps_add_jsgf_string", ref missing);
            s_activateSearch = (delegate* unmanaged[Cdecl]<nint, byte*, int>)Export(lib, "ps_activate_search", ref missing);
            if (NativeLibrary.TryGetExport(lib, "err_set_loglevel", out nint logLevel)) s_setLogLevel = (delegate* unmanaged[Cdecl]<int, int>)logLevel;
            return missing is null ? null : $"{LoadedFrom}: PocketSphinx 5 without '{missing}'.";
        }

        s_args = (delegate* unmanaged[Cdecl]<nint>)Export(lib, "ps_args", ref missing);
        s_setJsgfString = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, int>)Export(lib, "ps_set_jsgf_string", ref missing);
        s_setSearch = (delegate* unmanaged[Cdecl]<nint, byte*, int>)Export(lib, "ps_set_search", ref missing);
        if (missing is not null) return $"{LoadedFrom}: PocketSphinx 5prealpha without '{missing}'.";
        // cmd_ln_* live in sphinxbase; the pocketsphinx library may re-export them, else sphinxbase is loaded too.
        nint baseLib = lib;
        if (!NativeLibrary.TryGetExport(lib, "cmd_ln_parse_r", out _))
        {
            string sb = OperatingSystem.IsWindows() ? "sphinxbase.dll" : OperatingSystem.IsMacOS() ? "libsphinxbase.3.dylib" : "libsphinxbase.so.3";
            try
            {
                baseLib = NativeLibrary.Load(NativeLocator.Find(sb) ?? sb);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                return $"PocketSphinx 5prealpha needs sphinxbase ({sb}): {OneLine(e.Message)}; install libsphinxbase3.";
            }
        }
        s_cmdLnParse = (delegate* unmanaged[Cdecl]<nint, nint, int, byte**, int, nint>)Export(baseLib, "cmd_ln_parse_r", ref missing);
        s_cmdLnFree = (delegate* unmanaged[Cdecl]<nint, int>)Export(baseLib, "cmd_ln_free_r", ref missing);
        return missing is null ? null : $"sphinxbase lacks '{missing}'.";
    }

    private static nint Export(nint lib, string name, ref string? missing)
    {
        if (NativeLibrary.TryGetExport(lib, name, out nint address)) return address;
        missing ??= name;
        return 0;
    }

    internal static string OneLine(string message)
    {
        const string Marker = "environment variable:";
        int at = message.IndexOf(Marker, StringComparison.Ordinal);
        string core = at >= 0 ? message[(at + Marker.Length)..] : message;
        return string.Join("; ", core.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    internal static byte[] Utf8Z(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
