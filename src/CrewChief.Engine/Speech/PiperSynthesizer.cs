using System.Threading.Channels;
using CrewChief.Events;
using CrewChief.Native.Onnx;

namespace CrewChief.Speech;

/// <summary>
/// Text → speech with a Piper voice: phonemise, split into sentences, run the model once per sentence and hand each
/// sentence's audio on as soon as it exists, so playback of the first sentence overlaps synthesis of the next.
/// Whole phrases found in the <see cref="PhraseCache"/> are handed on without any synthesis.
/// Thread-safety: the phonemizer serialises espeak-ng, and ONNX Runtime allows concurrent runs of one session, so
/// the background cache warm-up may run beside live speech.
/// </summary>
public sealed class PiperSynthesizer : ISpeechSynthesizer
{
    private readonly PiperPhonemizer _phonemizer;
    private readonly SpeechOptions _options;
    /// <summary>
    /// Where <see cref="Speak(string, IAudioTarget, long, Priority, CancellationToken)"/> synthesises each sentence,
    /// lent to the target and reused (with its phoneme ids): no array per sentence. Speaking thread only.
    /// </summary>
    private float[] _sentence = [];
    private readonly List<long> _ids = new(256);
    /// <summary>
    /// The sentence buffer grows to the longest sentence so far (in steps of a second), and is let go after one longer
    /// than this many seconds, so one long text does not pin it for the rest of the session.
    /// </summary>
    private const int SentenceBufferSeconds = 8;

    public PiperVoice Voice { get; }

    /// <summary>Pre-synthesised spotter and critical phrases.</summary>
    public PhraseCache Cache { get; }

    public int SampleRate => Voice.Config.SampleRate;

    public string Name => "piper";

    public string Description =>
        $"Piper voice {(_options.VoicePath is null ? "(in-memory model)" : Path.GetFileName(_options.VoicePath))}, {SampleRate} Hz, " +
        (Voice.UsesGpu ? "CUDA" : "CPU");

    public PiperSynthesizer(PiperVoice voice, PiperPhonemizer phonemizer, SpeechOptions options)
    {
        Voice = voice;
        _phonemizer = phonemizer;
        _options = options;
        Cache = new PhraseCache();
    }

    /// <summary>
    /// Loads espeak-ng, ONNX Runtime and the voice named by <paramref name="options"/>, runs a warm-up sentence and
    /// (unless disabled) starts warming the phrase cache in the background. On any failure returns false with one
    /// line in <paramref name="error"/>; the engine then runs text-only.
    /// </summary>
    public static bool TryCreate(SpeechOptions options, out PiperSynthesizer? synthesizer, out string error)
    {
        synthesizer = null;
        if (string.IsNullOrEmpty(options.VoicePath))
        {
            error = "no voice configured (--voice voices/NAME.onnx); speaking text-only.";
            return false;
        }
        if (!File.Exists(options.VoicePath))
        {
            error = $"{options.VoicePath}: voice model not found; speaking text-only.";
            return false;
        }
        if (!PiperPhonemizer.TryCreate(out PiperPhonemizer? phonemizer, out error)) return false;
        if (!OnnxRuntimeLibrary.TryInitialize(out error, options.OnnxRuntimePath)) return false;
        PiperVoice voice;
        try
        {
            voice = PiperVoice.Load(options.VoicePath, options);
        }
        catch (InputException e)
        {
            error = e.Message;
            return false;
        }
        var synth = new PiperSynthesizer(voice, phonemizer!, options);
        try
        {
            synth.WarmUp();
        }
        catch (Exception e) when (e is InvalidDataException or InputException)
        {
            synth.Dispose();
            error = $"{options.VoicePath}: warm-up synthesis failed: {e.Message}";
            return false;
        }
        if (options.WarmPhraseCache) synth.Cache.StartWarming(synth, [.. PhraseCache.StandardPhrases, .. options.ExtraPhrases]);
        synthesizer = synth;
        error = "";
        return true;
    }

    /// <summary>
    /// One short synthesis so the first real callout does not pay for ONNX Runtime's lazy allocations and espeak-ng's
    /// dictionary load.
    /// </summary>
    public void WarmUp() => SynthesizeAll("Copy.");

    /// <summary>Phoneme strings, one per sentence.</summary>
    public List<string> Phonemize(string text)
    {
        var sentences = new List<string>(2);
        _phonemizer.Phonemize(text, Voice.Config.EspeakVoice, sentences, _options.SplitClauses);
        return sentences;
    }

    /// <summary>Synthesises one sentence of phonemes to peak-normalised float samples.</summary>
    public float[] SynthesizeSentence(string phonemes)
    {
        var ids = new List<long>(phonemes.Length * 2 + 4);
        PhonemeIdEncoder.Encode(phonemes, Voice.Config, ids);
        float[] audio = Voice.Synthesize(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids));
        Normalize(audio);
        return audio;
    }

    public int Speak(string text, IAudioTarget target, long utterance = 0, Priority priority = Priority.Medium, CancellationToken cancel = default)
    {
        if (Cache.TryGet(text, out float[]? cached))
        {
            target.Write(new AudioChunk(cached, SampleRate, 0, IsLast: true, utterance, priority));
            return 1;
        }
        List<string> sentences = Phonemize(text);
        for (int i = 0; i < sentences.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            _ids.Clear();
            PhonemeIdEncoder.Encode(sentences[i], Voice.Config, _ids);
            int samples = Voice.Synthesize(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_ids), ref _sentence, growthStep: SampleRate);
            Span<float> audio = _sentence.AsSpan(0, samples);
            Normalize(audio);
            target.WriteLent(audio, new AudioChunk([], SampleRate, i, IsLast: i == sentences.Count - 1, utterance, priority));
        }
        // One long sentence must not pin its buffer for the rest of the session.
        if (_sentence.Length > SampleRate * SentenceBufferSeconds) _sentence = [];
        return sentences.Count;
    }

    /// <summary>
    /// Speaks <paramref name="text"/> into <paramref name="output"/>, one chunk (an array of its own) per sentence, in
    /// order; blocks the calling thread while synthesising and waits when a bounded output is full.
    /// Returns the number of chunks written.
    /// </summary>
    public int Speak(string text, ChannelWriter<AudioChunk> output, long utterance = 0, Priority priority = Priority.Medium, CancellationToken cancel = default) =>
        Speak(text, new AudioChunkWriter(output, cancel), utterance, priority, cancel);

    /// <summary>The whole utterance as one buffer (CLI, phrase cache).</summary>
    public float[] SynthesizeAll(string text)
    {
        List<string> sentences = Phonemize(text);
        if (sentences.Count == 1) return SynthesizeSentence(sentences[0]);
        var parts = new List<float[]>(sentences.Count);
        int total = 0;
        foreach (string s in sentences)
        {
            float[] pcm = SynthesizeSentence(s);
            parts.Add(pcm);
            total += pcm.Length;
        }
        var all = new float[total];
        int at = 0;
        foreach (float[] p in parts)
        {
            p.CopyTo(all, at);
            at += p.Length;
        }
        return all;
    }

    /// <summary>
    /// Piper's normalisation, in place: scale so the peak reaches full scale (32767/32768, as 16-bit audio would),
    /// but never amplify by more than 100× (a near-silent sentence stays near-silent instead of becoming loud noise).
    /// </summary>
    public static void Normalize(Span<float> audio)
    {
        float gain = (32767f / 32768f) / MathF.Max(0.01f, Peak(audio));
        for (int i = 0; i < audio.Length; i++) audio[i] = Math.Clamp(audio[i] * gain, -1f, 1f);
    }

    private static float Peak(ReadOnlySpan<float> audio)
    {
        float peak = 0f;
        foreach (float s in audio)
        {
            float a = MathF.Abs(s);
            if (a > peak) peak = a;
        }
        return peak;
    }

    /// <summary>Piper's normalisation straight to 16-bit PCM (as Piper's own WAV output).</summary>
    public static short[] ToPcm16(ReadOnlySpan<float> audio)
    {
        float gain = 32767f / MathF.Max(0.01f, Peak(audio));
        var pcm = new short[audio.Length];
        for (int i = 0; i < audio.Length; i++)
            pcm[i] = (short)Math.Clamp(audio[i] * gain, -32768f, 32767f);
        return pcm;
    }

    public void Dispose()
    {
        Cache.StopWarming();
        Voice.Dispose();
    }
}
