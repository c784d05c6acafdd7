using System.Runtime.InteropServices;
using System.Text;

namespace CrewChief.Native.Espeak;

/// <summary>
/// espeak-ng, used only to turn text into IPA phonemes for Piper. espeak-ng keeps its voice, dictionaries and clause
/// reader in process-global state and is not thread-safe, so every call goes through <see cref="Phonemize"/>, which
/// holds one lock for the whole voice-select + clause loop: the lock is the single owner. Calls take microseconds,
/// so a lock costs less than hopping to a dedicated thread would.
/// Loaded by the OS loader on Linux (Debian libespeak-ng1: libespeak-ng.so.1, data in its default place) and from
/// beside the exe on Windows (espeak-ng.dll + espeak-ng-data/). Bound with function pointers from the loaded
/// library's exports: no DllImport resolver, so nothing competes with the other engines for it.
/// </summary>
public static unsafe class EspeakLibrary
{
    private const int AudioOutputSynchronous = 2;
    /// <summary>espeakINITIALIZE_DONT_EXIT: without it espeak-ng calls exit() when its data folder is missing.</summary>
    private const int InitializeDontExit = 0x8000;
    private const int CharsUtf8 = 1;
    private const int PhonemesIpa = 0x02;

    private static readonly Lock s_gate = new();
    private static string? s_error;
    private static bool s_ready;
    private static string? s_currentVoice;

    private static delegate* unmanaged[Cdecl]<int, int, byte*, int, int> s_initialize;
    private static delegate* unmanaged[Cdecl]<byte*, int> s_setVoiceByName;
    private static delegate* unmanaged[Cdecl]<void**, int, int, byte*> s_textToPhonemes;
    private static delegate* unmanaged[Cdecl]<byte**, byte*> s_info;

    public static bool IsInitialized => s_ready;

    /// <summary>espeak-ng's version string (e.g. "1.51") once initialised.</summary>
    public static string? Version { get; private set; }

    /// <summary>The data folder espeak-ng reports using.</summary>
    public static string? DataPath { get; private set; }

    /// <summary>Loads and initialises espeak-ng once; <paramref name="error"/> is one line with the loader's reason.</summary>
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

    private static string? Load()
    {
        string? dataParent = null;
        nint lib;
        string name;
        if (OperatingSystem.IsWindows())
        {
            name = NativeLocator.Find("espeak-ng.dll") ?? NativeLocator.Find("libespeak-ng.dll") ?? "espeak-ng.dll";
            string folder = Path.GetDirectoryName(Path.GetFullPath(name)) ?? AppContext.BaseDirectory;
            if (Directory.Exists(Path.Combine(folder, "espeak-ng-data"))) dataParent = folder;
        }
        else
        {
            name = OperatingSystem.IsMacOS() ? "libespeak-ng.1.dylib" : "libespeak-ng.so.1";
            string? local = NativeLocator.Find(name, "espeak-ng");
            if (local is not null)
            {
                name = local;
                string folder = Path.GetDirectoryName(local)!;
                if (Directory.Exists(Path.Combine(folder, "espeak-ng-data"))) dataParent = folder;
            }
        }
        try
        {
            lib = NativeLibrary.Load(name);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            string hint = OperatingSystem.IsWindows() ? "put espeak-ng.dll and espeak-ng-data\\ beside the exe" : "install libespeak-ng1 and espeak-ng-data (scripts/setup.sh)";
            return $"cannot load espeak-ng ({name}): {e.Message.ReplaceLineEndings(" ").Trim()}; {hint}.";
        }
        if (!NativeLibrary.TryGetExport(lib, "espeak_Initialize", out nint init)
            || !NativeLibrary.TryGetExport(lib, "espeak_SetVoiceByName", out nint setVoice)
            || !NativeLibrary.TryGetExport(lib, "espeak_TextToPhonemes", out nint toPhonemes)
            || !NativeLibrary.TryGetExport(lib, "espeak_Info", out nint info))
            return $"{name} lacks the espeak-ng API (espeak_Initialize/SetVoiceByName/TextToPhonemes/Info).";
        s_initialize = (delegate* unmanaged[Cdecl]<int, int, byte*, int, int>)init;
        s_setVoiceByName = (delegate* unmanaged[Cdecl]<byte*, int>)setVoice;
        s_textToPhonemes = (delegate* unmanaged[Cdecl]<void**, int, int, byte*>)toPhonemes;
        s_info = (delegate* unmanaged[Cdecl]<byte**, byte*>)info;

        // ESPEAK_DATA_PATH, when set, still wins inside espeak-ng; a data folder beside the library comes next.
        int rate;
        if (dataParent is null)
        {
            rate = s_initialize(AudioOutputSynchronous, 0, null, InitializeDontExit);
        }
        else
        {
            fixed (byte* path = Utf8Z(dataParent))
                rate = s_initialize(AudioOutputSynchronous, 0, path, InitializeDontExit);
        }
        byte* dataPath = null;
        Version = Marshal.PtrToStringUTF8((nint)s_info(&dataPath));
        DataPath = Marshal.PtrToStringUTF8((nint)dataPath);
        if (rate <= 0)
            return $"espeak-ng {Version} could not initialise (data folder {DataPath ?? dataParent ?? "default"} missing or unreadable); install espeak-ng-data.";
        return null;
    }

    /// <summary>
    /// Splits <paramref name="text"/> into clauses with espeak-ng voice <paramref name="voice"/> and appends each
    /// clause's IPA phonemes and consumed text to <paramref name="clauses"/>. Thread-safe (serialised).
    /// </summary>
    /// <exception cref="InvalidOperationException">espeak-ng is not initialised.</exception>
    /// <exception cref="ArgumentException">espeak-ng does not know <paramref name="voice"/>.</exception>
    public static void Phonemize(string voice, string text, List<EspeakClause> clauses)
    {
        if (!s_ready) throw new InvalidOperationException("espeak-ng is not initialised; call EspeakLibrary.TryInitialize first.");
        byte[] utf8 = Utf8Z(text);
        lock (s_gate)
        {
            if (!string.Equals(s_currentVoice, voice, StringComparison.Ordinal))
            {
                int rc;
                fixed (byte* v = Utf8Z(voice)) rc = s_setVoiceByName(v);
                if (rc != 0) throw new ArgumentException($"espeak-ng has no voice '{voice}' (error {rc}).", nameof(voice));
                s_currentVoice = voice;
            }
            fixed (byte* start = utf8)
            {
                byte* end = start + utf8.Length - 1;
                void* cursor = start;
                while (cursor != null && (byte*)cursor < end)
                {
                    byte* before = (byte*)cursor;
                    byte* phonemes = s_textToPhonemes(&cursor, CharsUtf8, PhonemesIpa);
                    // espeak-ng sets the cursor to NULL once the text is used up.
                    byte* after = cursor == null ? end : (byte*)cursor;
                    string consumed = Encoding.UTF8.GetString(before, (int)(after - before));
                    string ipa = phonemes == null ? "" : Marshal.PtrToStringUTF8((nint)phonemes) ?? "";
                    clauses.Add(new EspeakClause(ipa, consumed));
                    if (after <= before) break;
                }
            }
        }
    }

    private static byte[] Utf8Z(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
