using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace CrewChief.Native.OpenAl;

/// <summary>
/// OpenAL Soft entry points as unmanaged function pointers, resolved once by <see cref="TryInitialize"/>.
/// </summary>
/// <remarks>
/// Why function pointers and not <c>[LibraryImport]</c>: the library has a different file name per OS (and two on
/// Windows: soft_oal.dll from the OpenAL Soft zip, OpenAL32.dll from the router installer), and a LibraryImport
/// name is a constant. Mapping it would need <c>NativeLibrary.SetDllImportResolver</c>, which is one per assembly
/// and this assembly is shared with the llama.cpp, ONNX Runtime and espeak-ng bindings. Exports resolved with
/// <c>NativeLibrary.GetExport</c> into <c>delegate* unmanaged[Cdecl]</c> are the same AOT guarantee (no runtime
/// marshalling, blittable arguments only, bool as byte) and let the loader error be reported as it happened.
/// The ALC_SOFT_loopback and ALC_EXT_thread_local_context functions must come from alcGetProcAddress anyway.
/// Cdecl is spelled out: al.h declares every entry point __cdecl on Windows, where the default would be stdcall on x86.
/// Every call must be made on the thread that owns the device (the playback thread); nothing here locks.
/// </remarks>
internal static unsafe partial class OpenAl
{
    /// <summary>File names tried, in order, per OS: the one place that knows them.</summary>
    internal static string[] LibraryCandidates { get; } =
        OperatingSystem.IsWindows() ? ["soft_oal.dll", "OpenAL32.dll"]
        : OperatingSystem.IsMacOS() ? ["libopenal.1.dylib", "libopenal.dylib", "/System/Library/Frameworks/OpenAL.framework/OpenAL"]
        : ["libopenal.so.1", "libopenal.so"];

    private static readonly Lock s_initLock = new();
    private static nint s_library;
    private static string? s_initError;

    /// <summary>The path or name the library was loaded from, once initialised.</summary>
    internal static string? LoadedFrom { get; private set; }

    internal static bool IsInitialized => s_library != 0;

    // ALC core.
    internal static delegate* unmanaged[Cdecl]<byte*, nint> alcOpenDevice;
    internal static delegate* unmanaged[Cdecl]<nint, byte> alcCloseDevice;
    internal static delegate* unmanaged[Cdecl]<nint, int*, nint> alcCreateContext;
    internal static delegate* unmanaged[Cdecl]<nint, byte> alcMakeContextCurrent;
    internal static delegate* unmanaged[Cdecl]<nint, void> alcDestroyContext;
    internal static delegate* unmanaged[Cdecl]<nint, int> alcGetError;
    internal static delegate* unmanaged[Cdecl]<nint, byte*, byte> alcIsExtensionPresent;
    internal static delegate* unmanaged[Cdecl]<nint, byte*, nint> alcGetProcAddress;
    internal static delegate* unmanaged[Cdecl]<nint, int, byte*> alcGetString;
    internal static delegate* unmanaged[Cdecl]<nint, int, int, int*, void> alcGetIntegerv;

    // ALC_SOFT_loopback and ALC_EXT_thread_local_context (null when the library lacks them).
    internal static delegate* unmanaged[Cdecl]<byte*, nint> alcLoopbackOpenDeviceSOFT;
    internal static delegate* unmanaged[Cdecl]<nint, int, int, int, byte> alcIsRenderFormatSupportedSOFT;
    internal static delegate* unmanaged[Cdecl]<nint, void*, int, void> alcRenderSamplesSOFT;
    internal static delegate* unmanaged[Cdecl]<nint, byte> alcSetThreadContext;

    // AL core.
    internal static delegate* unmanaged[Cdecl]<int> alGetError;
    internal static delegate* unmanaged[Cdecl]<int, byte*> alGetString;
    internal static delegate* unmanaged[Cdecl]<int, uint*, void> alGenSources;
    internal static delegate* unmanaged[Cdecl]<int, uint*, void> alDeleteSources;
    internal static delegate* unmanaged[Cdecl]<int, uint*, void> alGenBuffers;
    internal static delegate* unmanaged[Cdecl]<int, uint*, void> alDeleteBuffers;
    internal static delegate* unmanaged[Cdecl]<uint, int, void*, int, int, void> alBufferData;
    internal static delegate* unmanaged[Cdecl]<uint, int, uint*, void> alSourceQueueBuffers;
    internal static delegate* unmanaged[Cdecl]<uint, int, uint*, void> alSourceUnqueueBuffers;
    internal static delegate* unmanaged[Cdecl]<uint, void> alSourcePlay;
    internal static delegate* unmanaged[Cdecl]<uint, void> alSourceStop;
    internal static delegate* unmanaged[Cdecl]<uint, int, float, void> alSourcef;
    internal static delegate* unmanaged[Cdecl]<uint, int, int, void> alSourcei;
    internal static delegate* unmanaged[Cdecl]<uint, int, int*, void> alGetSourcei;

    /// <summary>
    /// Loads OpenAL Soft and resolves every entry point. Safe to call from any thread and more than once; on failure
    /// <paramref name="error"/> is one line naming what was tried and what the loader said.
    /// </summary>
    internal static bool TryInitialize(out string error)
    {
        lock (s_initLock)
        {
            if (s_library != 0) { error = ""; return true; }
            if (s_initError is not null) { error = s_initError; return false; }
            AudioLibraryNoise.Silence();
            s_initError = Load();
            error = s_initError ?? "";
            return s_initError is null;
        }
    }

    private static string? Load()
    {
        if (!TryLoadLibrary(LibraryCandidates, out nint lib, out string? from, out string? loadError)) return loadError;

        string? missing = null;
        alcOpenDevice = (delegate* unmanaged[Cdecl]<byte*, nint>)Export(lib, "alcOpenDevice", ref missing);
        alcCloseDevice = (delegate* unmanaged[Cdecl]<nint, byte>)Export(lib, "alcCloseDevice", ref missing);
        alcCreateContext = (delegate* unmanaged[Cdecl]<nint, int*, nint>)Export(lib, "alcCreateContext", ref missing);
        alcMakeContextCurrent = (delegate* unmanaged[Cdecl]<nint, byte>)Export(lib, "alcMakeContextCurrent", ref missing);
        alcDestroyContext = (delegate* unmanaged[Cdecl]<nint, void>)Export(lib, "alcDestroyContext", ref missing);
        alcGetError = (delegate* unmanaged[Cdecl]<nint, int>)Export(lib, "alcGetError", ref missing);
        alcIsExtensionPresent = (delegate* unmanaged[Cdecl]<nint, byte*, byte>)Export(lib, "alcIsExtensionPresent", ref missing);
        alcGetProcAddress = (delegate* unmanaged[Cdecl]<nint, byte*, nint>)Export(lib, "alcGetProcAddress", ref missing);
        alcGetString = (delegate* unmanaged[Cdecl]<nint, int, byte*>)Export(lib, "alcGetString", ref missing);
        alcGetIntegerv = (delegate* unmanaged[Cdecl]<nint, int, int, int*, void>)Export(lib, "alcGetIntegerv", ref missing);
        alGetError = (delegate* unmanaged[Cdecl]<int>)Export(lib, "alGetError", ref missing);
        alGetString = (delegate* unmanaged[Cdecl]<int, byte*>)Export(lib, "alGetString", ref missing);
        alGenSources = (delegate* unmanaged[Cdecl]<int, uint*, void>)Export(lib, "alGenSources", ref missing);
        alDeleteSources = (delegate* unmanaged[Cdecl]<int, uint*, void>)Export(lib, "alDeleteSources", ref missing);
        alGenBuffers = (delegate* unmanaged[Cdecl]<int, uint*, void>)Export(lib, "alGenBuffers", ref missing);
        alDeleteBuffers = (delegate* unmanaged[Cdecl]<int, uint*, void>)Export(lib, "alDeleteBuffers", ref missing);
        alBufferData = (delegate* unmanaged[Cdecl]<uint, int, void*, int, int, void>)Export(lib, "alBufferData", ref missing);
        alSourceQueueBuffers = (delegate* unmanaged[Cdecl]<uint, int, uint*, void>)Export(lib, "alSourceQueueBuffers", ref missing);
        alSourceUnqueueBuffers = (delegate* unmanaged[Cdecl]<uint, int, uint*, void>)Export(lib, "alSourceUnqueueBuffers", ref missing);
        alSourcePlay = (delegate* unmanaged[Cdecl]<uint, void>)Export(lib, "alSourcePlay", ref missing);
        alSourceStop = (delegate* unmanaged[Cdecl]<uint, void>)Export(lib, "alSourceStop", ref missing);
        alSourcef = (delegate* unmanaged[Cdecl]<uint, int, float, void>)Export(lib, "alSourcef", ref missing);
        alSourcei = (delegate* unmanaged[Cdecl]<uint, int, int, void>)Export(lib, "alSourcei", ref missing);
        alGetSourcei = (delegate* unmanaged[Cdecl]<uint, int, int*, void>)Export(lib, "alGetSourcei", ref missing);
        if (missing is not null)
        {
            NativeLibrary.Free(lib);
            return $"{from} is not OpenAL Soft: it has no export '{missing}'.";
        }

        // Extension entry points: not fatal when absent (a plain device still works without loopback).
        alcLoopbackOpenDeviceSOFT = (delegate* unmanaged[Cdecl]<byte*, nint>)ProcAddress("alcLoopbackOpenDeviceSOFT"u8);
        alcIsRenderFormatSupportedSOFT = (delegate* unmanaged[Cdecl]<nint, int, int, int, byte>)ProcAddress("alcIsRenderFormatSupportedSOFT"u8);
        alcRenderSamplesSOFT = (delegate* unmanaged[Cdecl]<nint, void*, int, void>)ProcAddress("alcRenderSamplesSOFT"u8);
        alcSetThreadContext = (delegate* unmanaged[Cdecl]<nint, byte>)ProcAddress("alcSetThreadContext"u8);

        LoadedFrom = from;
        s_library = lib;
        return null;
    }

    /// <summary>Loads the first candidate that the OS loader accepts; the error names them all and quotes the loader.</summary>
    internal static bool TryLoadLibrary(IReadOnlyList<string> candidates, out nint lib, [NotNullWhen(true)] out string? from, [NotNullWhen(false)] out string? error)
    {
        lib = 0;
        from = null;
        error = null;
        string lastError = "";
        foreach (string name in candidates)
        {
            // A copy beside the exe (soft_oal.dll shipped with it on Windows) wins over the system one.
            string? local = Path.IsPathRooted(name) ? null : NativeLocator.Find(name);
            foreach (string attempt in local is null ? [name] : new[] { local, name })
            {
                try
                {
                    lib = NativeLibrary.Load(attempt);
                    from = attempt;
                    return true;
                }
                catch (DllNotFoundException e)
                {
                    lastError = LoaderMessage(e.Message);
                }
                catch (BadImageFormatException e)
                {
                    lastError = $"{attempt} is not a {RuntimeInformation.ProcessArchitecture} library ({e.Message.ReplaceLineEndings(" ")})";
                }
            }
        }
        string install = OperatingSystem.IsWindows()
            ? "put soft_oal.dll (OpenAL Soft) beside crewchief.exe or install OpenAL"
            : "install OpenAL Soft (Debian: apt-get install libopenal1)";
        error = $"OpenAL Soft not found (tried {string.Join(", ", candidates)}): {lastError.Trim()}; {install}.";
        return false;
    }

    /// <summary>The loader's own words (dlerror lines) without .NET's advice boilerplate, on one line.</summary>
    private static string LoaderMessage(string message)
    {
        const string Marker = "environment variable:";
        int at = message.IndexOf(Marker, StringComparison.Ordinal);
        string core = at >= 0 ? message[(at + Marker.Length)..] : message;
        return string.Join("; ", core.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static nint Export(nint lib, string name, ref string? missing)
    {
        if (NativeLibrary.TryGetExport(lib, name, out nint address)) return address;
        missing ??= name;
        return 0;
    }

    private static nint ProcAddress(ReadOnlySpan<byte> name)
    {
        // alcGetProcAddress wants a NUL-terminated name; the u8 literals above carry no terminator.
        Span<byte> z = stackalloc byte[64];
        name.CopyTo(z);
        z[name.Length] = 0;
        fixed (byte* p = z) return alcGetProcAddress(0, p);
    }

    /// <summary>A NUL-terminated UTF-8 string from the library, or "" for null.</summary>
    internal static string FromUtf8(byte* s) => s is null ? "" : Marshal.PtrToStringUTF8((nint)s) ?? "";

    /// <summary>A list of NUL-separated strings ending in an empty one (the device specifier lists).</summary>
    internal static List<string> FromUtf8List(byte* s)
    {
        var list = new List<string>();
        if (s is null) return list;
        while (*s != 0)
        {
            int length = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(s).Length;
            list.Add(System.Text.Encoding.UTF8.GetString(s, length));
            s += length + 1;
        }
        return list;
    }
}
