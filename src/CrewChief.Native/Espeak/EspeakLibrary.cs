using System.Runtime.InteropServices;
using System.Text;

namespace CrewChief.Native.Espeak;

/// <summary>
/// espeak-ng, used to turn text into IPA phonemes for Piper (<see cref="Phonemize"/>) and, when no Piper voice is
/// available, to speak with its own formant voice (<see cref="Synthesize"/>). espeak-ng keeps its voice,
/// dictionaries, clause reader and synthesis callback in process-global state and is not thread-safe, so both go
/// through one lock held for the whole voice-select + text loop: the lock is the single owner. Phonemising takes
/// microseconds, so a lock costs less than hopping to a dedicated thread would; a synthesis holds it for one
/// sentence (milliseconds), which only the background phrase-cache warm-up competes with.
/// espeak-ng is initialised once in synchronous mode: espeak_Synth then runs on the caller's thread and hands the
/// samples to <see cref="OnSamples"/> before it returns, and espeak_TextToPhonemes is unaffected by the mode.
/// Loaded by the OS loader on Linux (Debian libespeak-ng1: libespeak-ng.so.1, data in its default place) and from
/// beside the exe on Windows (espeak-ng.dll + espeak-ng-data/). Bound with function pointers from the loaded
/// library's exports: no DllImport resolver, so nothing competes with the other engines for it.
/// </summary>
public static unsafe class EspeakLibrary
{
    /// <summary>AUDIO_OUTPUT_SYNCHRONOUS: samples go to the synth callback on the calling thread, and espeak_Synth returns when done.</summary>
    private const int AudioOutputSynchronous = 2;
    /// <summary>Milliseconds of audio per synth callback: a handful of callbacks per sentence.</summary>
    private const int CallbackBufferMs = 100;
    /// <summary>espeakINITIALIZE_DONT_EXIT: without it espeak-ng calls exit() when its data folder is missing.</summary>
    private const int InitializeDontExit = 0x8000;
    private const int CharsUtf8 = 1;
    private const int PhonemesIpa = 0x02;
    private const int PositionCharacter = 1;
    /// <summary>espeakENDPAUSE: a sentence pause after the text; without it the pause is suppressed.</summary>
    private const int EndPause = 0x1000;
    private const int ParameterRate = 1;
    private const int RateMinimum = 80;
    private const int RateMaximum = 450;

    private static readonly Lock s_gate = new();
    private static readonly NativeLoadOnce s_load = new();
    private static string? s_currentVoice;

    private static delegate* unmanaged[Cdecl]<int, int, byte*, int, int> s_initialize;
    private static delegate* unmanaged[Cdecl]<byte*, int> s_setVoiceByName;
    private static delegate* unmanaged[Cdecl]<void**, int, int, byte*> s_textToPhonemes;
    private static delegate* unmanaged[Cdecl]<byte**, byte*> s_info;
    private static delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<short*, int, EspeakEvent*, int>, void> s_setSynthCallback;
    private static delegate* unmanaged[Cdecl]<int, int, int, int> s_setParameter;
    private static delegate* unmanaged[Cdecl]<void*, nuint, uint, int, uint, uint, uint*, void*, int> s_synth;
    private static delegate* unmanaged[Cdecl]<int> s_synchronize;

    /// <summary>Where <see cref="OnSamples"/> puts the samples of the synthesis in progress. Guarded by <see cref="s_gate"/>.</summary>
    private static readonly List<short> s_samples = new(SampleBufferKeep);
    /// <summary>Samples the buffer keeps between syntheses: a few seconds at 22050 Hz, enough for any callout sentence.</summary>
    private const int SampleBufferKeep = 22050 * 4;
    /// <summary>An exception thrown inside the callback, rethrown on the caller's side (none may cross into C). Guarded by <see cref="s_gate"/>.</summary>
    private static Exception? s_callbackError;
    /// <summary>The rate last passed to espeak_SetParameter, so it is only set when it changes.</summary>
    private static int s_currentRate = -1;

    public static bool IsInitialized => s_load.IsLoaded;

    /// <summary>espeak-ng's version string (e.g. "1.51") once initialised.</summary>
    public static string? Version { get; private set; }

    /// <summary>The data folder espeak-ng reports using.</summary>
    public static string? DataPath { get; private set; }

    /// <summary>Hz of the audio <see cref="Synthesize"/> produces (espeak_Initialize's answer, 22050 for its voices).</summary>
    public static int SampleRate { get; private set; }

    /// <summary>Loads and initialises espeak-ng once; <paramref name="error"/> is one line with the loader's reason.</summary>
    public static bool TryInitialize(out string error) => s_load.TryLoad(static _ => Load(), 0, out error);

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
            || !NativeLibrary.TryGetExport(lib, "espeak_Info", out nint info)
            || !NativeLibrary.TryGetExport(lib, "espeak_SetSynthCallback", out nint setCallback)
            || !NativeLibrary.TryGetExport(lib, "espeak_SetParameter", out nint setParameter)
            || !NativeLibrary.TryGetExport(lib, "espeak_Synth", out nint synth)
            || !NativeLibrary.TryGetExport(lib, "espeak_Synchronize", out nint synchronize))
            return $"{name} lacks the espeak-ng API (espeak_Initialize/SetVoiceByName/TextToPhonemes/Info/SetSynthCallback/SetParameter/Synth/Synchronize).";
        s_initialize = (delegate* unmanaged[Cdecl]<int, int, byte*, int, int>)init;
        s_setVoiceByName = (delegate* unmanaged[Cdecl]<byte*, int>)setVoice;
        s_textToPhonemes = (delegate* unmanaged[Cdecl]<void**, int, int, byte*>)toPhonemes;
        s_info = (delegate* unmanaged[Cdecl]<byte**, byte*>)info;
        s_setSynthCallback = (delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<short*, int, EspeakEvent*, int>, void>)setCallback;
        s_setParameter = (delegate* unmanaged[Cdecl]<int, int, int, int>)setParameter;
        s_synth = (delegate* unmanaged[Cdecl]<void*, nuint, uint, int, uint, uint, uint*, void*, int>)synth;
        s_synchronize = (delegate* unmanaged[Cdecl]<int>)synchronize;

        // ESPEAK_DATA_PATH, when set, still wins inside espeak-ng; a data folder beside the library comes next.
        int rate;
        if (dataParent is null)
        {
            rate = s_initialize(AudioOutputSynchronous, CallbackBufferMs, null, InitializeDontExit);
        }
        else
        {
            fixed (byte* path = Utf8Z(dataParent))
                rate = s_initialize(AudioOutputSynchronous, CallbackBufferMs, path, InitializeDontExit);
        }
        byte* dataPath = null;
        Version = Marshal.PtrToStringUTF8((nint)s_info(&dataPath));
        DataPath = Marshal.PtrToStringUTF8((nint)dataPath);
        if (rate <= 0)
            return $"espeak-ng {Version} could not initialise (data folder {DataPath ?? dataParent ?? "default"} missing or unreadable); install espeak-ng-data.";
        SampleRate = rate;
        // Set once: the callback is a static method that routes samples to whoever holds s_gate.
        s_setSynthCallback(&OnSamples);
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
        if (!s_load.IsLoaded) throw new InvalidOperationException("espeak-ng is not initialised; call EspeakLibrary.TryInitialize first.");
        byte[] utf8 = Utf8Z(text);
        lock (s_gate)
        {
            SelectVoice(voice);
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

    /// <summary>
    /// Speaks <paramref name="text"/> with espeak-ng voice <paramref name="voice"/> at <paramref name="wordsPerMinute"/>
    /// and returns its 16-bit mono PCM at <see cref="SampleRate"/>. <paramref name="endPause"/> keeps the sentence pause
    /// after the text (between sentences), without it the audio ends with the last phoneme. Thread-safe (serialised).
    /// Runs to the end of the text: a sentence takes a few milliseconds, so callers cancel between sentences.
    /// </summary>
    /// <exception cref="InvalidOperationException">espeak-ng is not initialised, or synthesis failed.</exception>
    /// <exception cref="ArgumentException">espeak-ng does not know <paramref name="voice"/>.</exception>
    public static short[] Synthesize(string voice, string text, int wordsPerMinute, bool endPause) =>
        Synthesize(voice, text, wordsPerMinute, endPause, static pcm => pcm.ToArray());

    /// <summary>Reads synthesised PCM while it is still in espeak's buffer (under the lock); must not keep the span.</summary>
    public delegate T PcmReader<T>(ReadOnlySpan<short> pcm);

    /// <summary>
    /// As above, but hands the samples to <paramref name="read"/> straight from the reused buffer: a caller that
    /// converts them (to float, normalised) saves one sample array per sentence, and those arrays are large enough
    /// (2 bytes × 22,050 a second) to land on the large-object heap, which only a full collection gives back.
    /// </summary>
    public static T Synthesize<T>(string voice, string text, int wordsPerMinute, bool endPause, PcmReader<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!s_load.IsLoaded) throw new InvalidOperationException("espeak-ng is not initialised; call EspeakLibrary.TryInitialize first.");
        byte[] utf8 = Utf8Z(text);
        int rc;
        T result = default!;
        Exception? callbackError;
        lock (s_gate)
        {
            SelectVoice(voice);
            int rate = Math.Clamp(wordsPerMinute, RateMinimum, RateMaximum);
            if (rate != s_currentRate)
            {
                if (s_setParameter(ParameterRate, rate, 0) != 0) throw new InvalidOperationException($"espeak-ng rejected rate {rate}.");
                s_currentRate = rate;
            }
            s_samples.Clear();
            s_callbackError = null;
            try
            {
                uint flags = CharsUtf8 | (endPause ? (uint)EndPause : 0u);
                fixed (byte* start = utf8)
                    rc = s_synth(start, (nuint)utf8.Length, 0, PositionCharacter, 0, flags, null, null);
                // Synchronous mode has finished already; this keeps the contract if the mode ever changes.
                if (rc == 0) rc = s_synchronize();
                if (rc == 0 && s_callbackError is null) result = read(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(s_samples));
            }
            finally
            {
                callbackError = s_callbackError;
                s_callbackError = null;
                s_samples.Clear();
                // One long text must not pin megabytes for the rest of the session.
                if (s_samples.Capacity > SampleBufferKeep * 4) s_samples.Capacity = SampleBufferKeep;
            }
        }
        if (callbackError is not null) throw new InvalidOperationException($"espeak-ng synthesis failed: {callbackError.Message}", callbackError);
        if (rc != 0) throw new InvalidOperationException($"espeak-ng synthesis failed (error {rc}).");
        return result;
    }

    /// <summary>espeak-ng's synth callback: appends a buffer of samples for the caller holding <see cref="s_gate"/>.</summary>
    /// <returns>
    /// Always 0 (go on). Returning 1 aborts espeak_Synth mid-clause and leaves the clause reader holding unread text
    /// that the next espeak_TextToPhonemes then phonemises (seen with 1.51: a stray "pˈiː" before "Test 1."), so an
    /// error is recorded and the rest of the audio dropped instead.
    /// </returns>
    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static int OnSamples(short* samples, int count, EspeakEvent* events)
    {
        // A null buffer marks the end of synthesis; a zero count is a buffer with no audio yet.
        if (samples == null || count <= 0 || s_callbackError is not null) return 0;
        try
        {
            s_samples.AddRange(new ReadOnlySpan<short>(samples, count));
        }
        catch (Exception e)
        {
            s_callbackError = e;
        }
        return 0;
    }

    /// <summary>Makes <paramref name="voice"/> espeak-ng's current voice. Caller holds <see cref="s_gate"/>.</summary>
    private static void SelectVoice(string voice)
    {
        if (string.Equals(s_currentVoice, voice, StringComparison.Ordinal)) return;
        int rc;
        fixed (byte* v = Utf8Z(voice)) rc = s_setVoiceByName(v);
        if (rc != 0) throw new ArgumentException($"espeak-ng has no voice '{voice}' (error {rc}).", nameof(voice));
        s_currentVoice = voice;
        // A voice change may reload the voice's own speed; set the rate again on the next synthesis.
        s_currentRate = -1;
    }

    private static byte[] Utf8Z(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
