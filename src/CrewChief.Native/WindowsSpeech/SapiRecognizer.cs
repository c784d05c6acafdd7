using System.Runtime.InteropServices;

namespace CrewChief.Native.WindowsSpeech;

/// <summary>
/// Windows' built-in speech recogniser (SAPI 5, in-process: SpInprocRecognizer) decoding one utterance at a time
/// against an SRGS XML grammar file, fed from memory (a memory IStream wrapped in an SpStream with a 16-bit mono
/// format) instead of a microphone. Bound with raw COM vtable calls (slot numbers from sapi.idl, commented per call)
/// rather than the runtime's COM interop, which Native AOT does not have; only the few methods used are called.
/// Written against the documented API and compiled here, but NOT run on a real Windows in this project's CI; under
/// Wine (Debian 12's wine 8) the in-process recogniser class is not registered and <see cref="TryCreate"/> says so.
/// Single-threaded by contract (the radio thread); COM is initialised multithreaded on each thread that calls in.
/// </summary>
public sealed unsafe partial class SapiRecognizer : IDisposable
{
    private static readonly Guid s_clsidInprocRecognizer = new("41B89B6B-9399-11D2-9623-00C04F8EE628");
    private static readonly Guid s_clsidSpStream = new("715D9C59-4442-11D2-9605-00C04F8EE628");
    private static readonly Guid s_iidSpRecognizer = new("C2B5F241-DAA0-4507-9E16-5A1EAA2B7A5C");
    private static readonly Guid s_iidSpStream = new("12E3CCA9-7518-44C5-A5E7-BA5A79CB929E");
    private static readonly Guid s_formatWaveFormatEx = new("C31ADBAE-527F-4FF5-A230-F62BB61FF70C");

    private const uint ClsctxInprocServer = 1;
    private const uint CoinitMultithreaded = 0;
    private const int RpcChangedMode = unchecked((int)0x80010106);
    private const ushort EventEndStream = 34, EventRecognition = 38, EventFalseRecognition = 43;
    private const ushort LParamToken = 1, LParamObject = 2, LParamPointer = 3, LParamString = 4;
    // SPFEI(): the event's bit plus the two reserved bits SAPI checks to tell a mask from a plain event id.
    private const ulong InterestFlagCheck = (1UL << 30) | (1UL << 33);
    private const ulong Interest = InterestFlagCheck | (1UL << EventEndStream) | (1UL << EventRecognition) | (1UL << EventFalseRecognition);

    [ThreadStatic] private static bool t_comReady;

    [StructLayout(LayoutKind.Sequential, Pack = 2)]
    private struct WaveFormatEx
    {
        public ushort FormatTag, Channels;
        public uint SamplesPerSec, AvgBytesPerSec;
        public ushort BlockAlign, BitsPerSample, Size;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SpEvent
    {
        public ushort EventId, LParamType;
        public uint StreamNum;
        public ulong AudioStreamOffset;
        public nint WParam, LParam;
    }

    [LibraryImport("ole32.dll")] private static partial int CoInitializeEx(nint reserved, uint coInit);
    [LibraryImport("ole32.dll")] private static partial int CoCreateInstance(Guid* clsid, nint outer, uint context, Guid* iid, nint* instance);
    [LibraryImport("ole32.dll")] private static partial void CoTaskMemFree(nint memory);
    [LibraryImport("shlwapi.dll")] private static partial nint SHCreateMemStream(byte* initial, uint size);

    private nint _recognizer, _context, _grammar;

    private SapiRecognizer() { }

    /// <summary>
    /// The in-process recogniser with the SRGS grammar in <paramref name="grammarFile"/> active; null with one line
    /// in <paramref name="error"/> (not Windows, class not registered, no engine for the language, bad grammar).
    /// </summary>
    public static SapiRecognizer? TryCreate(string grammarFile, out string error)
    {
        if (!OperatingSystem.IsWindows()) { error = "the Windows speech recogniser exists only on Windows"; return null; }
        var r = new SapiRecognizer();
        try
        {
            error = r.Open(grammarFile) ?? "";
            if (error.Length == 0) return r;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            error = $"SAPI is not available ({e.Message})";
        }
        r.Dispose();
        return null;
    }

    private string? Open(string grammarFile)
    {
        if (!EnsureCom(out string? comError)) return comError;
        nint reco;
        int hr;
        fixed (Guid* clsid = &s_clsidInprocRecognizer)
        fixed (Guid* iid = &s_iidSpRecognizer)
            hr = CoCreateInstance(clsid, 0, ClsctxInprocServer, iid, &reco);
        if (hr < 0) return $"SAPI's in-process recogniser (SpInprocRecognizer) is not available ({Hr(hr)}; {(hr == unchecked((int)0x80040154) ? "class not registered" : "CoCreateInstance failed")})";
        _recognizer = reco;
        nint ctx;
        hr = ((delegate* unmanaged[Stdcall]<nint, nint*, int>)Slot(reco, 12))(reco, &ctx); // ISpRecognizer::CreateRecoContext
        if (hr < 0) return $"no Windows speech recognition engine for this language ({Hr(hr)} creating a context; install English in Settings > Time & language > Speech)";
        _context = ctx;
        hr = ((delegate* unmanaged[Stdcall]<nint, int>)Slot(ctx, 7))(ctx); // ISpNotifySource::SetNotifyWin32Event
        if (hr < 0) return $"SAPI notify event failed ({Hr(hr)})";
        hr = ((delegate* unmanaged[Stdcall]<nint, ulong, ulong, int>)Slot(ctx, 10))(ctx, Interest, Interest); // ISpEventSource::SetInterest
        if (hr < 0) return $"SAPI event interest failed ({Hr(hr)})";
        nint grammar;
        hr = ((delegate* unmanaged[Stdcall]<nint, ulong, nint*, int>)Slot(ctx, 14))(ctx, 0, &grammar); // ISpRecoContext::CreateGrammar
        if (hr < 0) return $"SAPI grammar creation failed ({Hr(hr)})";
        _grammar = grammar;
        fixed (char* path = grammarFile)
            hr = ((delegate* unmanaged[Stdcall]<nint, char*, int, int>)Slot(grammar, 13))(grammar, path, 0); // ISpRecoGrammar::LoadCmdFromFile, SPLO_STATIC
        if (hr < 0) return $"SAPI rejected the grammar {grammarFile} ({Hr(hr)})";
        hr = ((delegate* unmanaged[Stdcall]<nint, char*, nint, int, int>)Slot(grammar, 18))(grammar, null, 0, 1); // ISpRecoGrammar::SetRuleState(all, SPRS_ACTIVE)
        return hr < 0 ? $"SAPI could not activate the grammar ({Hr(hr)})" : null;
    }

    /// <summary>
    /// The grammar sentence SAPI heard in 16-bit mono <paramref name="pcm"/> at <paramref name="sampleRate"/> Hz
    /// (as SAPI displays it; "" when nothing matched). Throws InvalidOperationException on a COM failure.
    /// </summary>
    public string Recognise(ReadOnlySpan<short> pcm, int sampleRate, int timeoutMs)
    {
        ObjectDisposedException.ThrowIf(_grammar == 0, this);
        if (!EnsureCom(out string? comError)) throw new InvalidOperationException(comError);
        nint memory = 0, stream = 0;
        try
        {
            fixed (short* samples = pcm)
                memory = SHCreateMemStream((byte*)samples, (uint)(pcm.Length * sizeof(short)));
            if (memory == 0) throw new InvalidOperationException("SHCreateMemStream failed");
            int hr;
            fixed (Guid* clsid = &s_clsidSpStream)
            fixed (Guid* iid = &s_iidSpStream)
                hr = CoCreateInstance(clsid, 0, ClsctxInprocServer, iid, &stream);
            Check(hr, "creating an SpStream");
            var format = new WaveFormatEx
            {
                FormatTag = 1, Channels = 1, SamplesPerSec = (uint)sampleRate, AvgBytesPerSec = (uint)sampleRate * 2,
                BlockAlign = 2, BitsPerSample = 16, Size = 0,
            };
            fixed (Guid* formatId = &s_formatWaveFormatEx)
                hr = ((delegate* unmanaged[Stdcall]<nint, nint, Guid*, WaveFormatEx*, int>)Slot(stream, 15))(stream, memory, formatId, &format); // ISpStream::SetBaseStream
            Check(hr, "ISpStream::SetBaseStream");
            Flush(); // a late event of an earlier utterance (after a timeout) must not answer this one
            // The input can only change while the recogniser is inactive; activating it starts reading the stream.
            Check(((delegate* unmanaged[Stdcall]<nint, int, int>)Slot(_recognizer, 17))(_recognizer, 0), "SetRecoState(inactive)"); // ISpRecognizer::SetRecoState
            Check(((delegate* unmanaged[Stdcall]<nint, nint, int, int>)Slot(_recognizer, 9))(_recognizer, stream, 1), "ISpRecognizer::SetInput");
            Check(((delegate* unmanaged[Stdcall]<nint, int, int>)Slot(_recognizer, 17))(_recognizer, 1), "SetRecoState(active)");
            return Drain(timeoutMs);
        }
        finally
        {
            if (_recognizer != 0)
            {
                ((delegate* unmanaged[Stdcall]<nint, int, int>)Slot(_recognizer, 17))(_recognizer, 0);
                ((delegate* unmanaged[Stdcall]<nint, nint, int, int>)Slot(_recognizer, 9))(_recognizer, 0, 0);
            }
            Release(stream);
            Release(memory);
        }
    }

    /// <summary>Waits for the end of the stream, keeping the last recognition's text.</summary>
    private string Drain(int timeoutMs)
    {
        string heard = "";
        long deadline = Environment.TickCount64 + timeoutMs;
        SpEvent* events = stackalloc SpEvent[8];
        while (true)
        {
            int left = (int)Math.Max(0, deadline - Environment.TickCount64);
            // ISpNotifySource::WaitForNotifyEvent: S_OK when signalled, S_FALSE on timeout.
            Check(((delegate* unmanaged[Stdcall]<nint, uint, int>)Slot(_context, 8))(_context, (uint)left), "WaitForNotifyEvent");
            bool ended = false;
            uint fetched;
            do
            {
                fetched = 0;
                int hr = ((delegate* unmanaged[Stdcall]<nint, uint, SpEvent*, uint*, int>)Slot(_context, 11))(_context, 8, events, &fetched); // ISpEventSource::GetEvents
                Check(hr, "ISpEventSource::GetEvents");
                for (int i = 0; i < fetched; i++)
                {
                    ref SpEvent e = ref events[i];
                    if (e.EventId == EventRecognition && e.LParamType == LParamObject && e.LParam != 0) heard = PhraseText(e.LParam);
                    else if (e.EventId == EventEndStream) ended = true;
                    Clear(ref e);
                }
            }
            while (fetched == 8);
            if (ended || Environment.TickCount64 >= deadline) return heard;
        }
    }

    private void Flush()
    {
        SpEvent* events = stackalloc SpEvent[8];
        uint fetched;
        do
        {
            fetched = 0;
            Check(((delegate* unmanaged[Stdcall]<nint, uint, SpEvent*, uint*, int>)Slot(_context, 11))(_context, 8, events, &fetched), "ISpEventSource::GetEvents");
            for (int i = 0; i < fetched; i++) Clear(ref events[i]);
        }
        while (fetched == 8);
    }

    private static string PhraseText(nint result)
    {
        nint text = 0;
        // ISpPhrase::GetText(SPPR_ALL_ELEMENTS, SPPR_ALL_ELEMENTS, no replacements: the grammar's own words)
        int hr = ((delegate* unmanaged[Stdcall]<nint, uint, uint, int, nint*, byte*, int>)Slot(result, 5))(result, uint.MaxValue, uint.MaxValue, 0, &text, null);
        if (hr < 0 || text == 0) return "";
        string s = new((char*)text);
        CoTaskMemFree(text);
        return s;
    }

    /// <summary>SpClearEvent: the event owns its lParam (an object or a CoTaskMem block).</summary>
    private static void Clear(ref SpEvent e)
    {
        if (e.LParam == 0) return;
        if (e.LParamType is LParamObject or LParamToken) Release(e.LParam);
        else if (e.LParamType is LParamPointer or LParamString) CoTaskMemFree(e.LParam);
        e.LParam = 0;
    }

    private static bool EnsureCom(out string? error)
    {
        error = null;
        if (t_comReady) return true;
        int hr = CoInitializeEx(0, CoinitMultithreaded);
        // Already initialised as a single-threaded apartment (a UI thread): usable as it is.
        if (hr < 0 && hr != RpcChangedMode) { error = $"COM initialisation failed ({Hr(hr)})"; return false; }
        t_comReady = true;
        return true;
    }

    private static nint Slot(nint instance, int index) => (*(nint**)instance)[index];

    private static void Release(nint instance)
    {
        if (instance != 0) ((delegate* unmanaged[Stdcall]<nint, uint>)Slot(instance, 2))(instance); // IUnknown::Release
    }

    private static void Check(int hr, string what)
    {
        if (hr < 0) throw new InvalidOperationException($"SAPI {what} failed ({Hr(hr)})");
    }

    private static string Hr(int hr) => $"0x{(uint)hr:X8}";

    public void Dispose()
    {
        Release(_grammar);
        Release(_context);
        Release(_recognizer);
        _grammar = _context = _recognizer = 0;
    }
}
