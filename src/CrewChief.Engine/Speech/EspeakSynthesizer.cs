using System.Threading.Channels;
using CrewChief.Events;
using CrewChief.Native.Espeak;

namespace CrewChief.Speech;

/// <summary>
/// The fallback voice: espeak-ng's own formant synthesiser, so CrewChief speaks (robotic but clear) on a machine with
/// no Piper voice yet. Same contract as <see cref="PiperSynthesizer"/>: one peak-normalised chunk per sentence, handed
/// on as soon as it exists, and a phrase cache warmed in the background.
/// Thread-safety: espeak-ng is one process-global engine; <see cref="EspeakLibrary"/> serialises every call, so the
/// cache warm-up and live speech take turns sentence by sentence (a live sentence waits at most one cached phrase).
/// </summary>
public sealed class EspeakSynthesizer : ISpeechSynthesizer
{
    private readonly SpeechOptions _options;
    private readonly List<string> _sentences = new(4);
    /// <summary>
    /// Where <see cref="Speak(string, IAudioTarget, long, Priority, CancellationToken)"/> synthesises each sentence,
    /// lent to the target and reused: a few seconds of audio, grown for a longer sentence. Speaking thread only.
    /// </summary>
    private float[] _sentence = [];
    private readonly EspeakLibrary.PcmReader<int> _toSentenceBuffer;
    private volatile bool _disposed;

    public string Name => "espeak-ng";

    public string Description => $"espeak-ng {EspeakLibrary.Version} built-in voice {Voice}, {WordsPerMinute} wpm, {SampleRate} Hz";

    public int SampleRate { get; }

    public PhraseCache Cache { get; } = new();

    /// <summary>The espeak-ng voice name ("en-us").</summary>
    public string Voice => _options.EspeakVoice;

    public int WordsPerMinute => _options.EspeakWordsPerMinute;

    private EspeakSynthesizer(SpeechOptions options, int sampleRate)
    {
        _options = options;
        SampleRate = sampleRate;
        _toSentenceBuffer = ToSentenceBuffer;
    }

    /// <summary>
    /// Loads espeak-ng, checks <see cref="SpeechOptions.EspeakVoice"/> with a warm-up sentence and (unless disabled)
    /// starts warming the phrase cache in the background. On failure returns false with one line in
    /// <paramref name="error"/>.
    /// </summary>
    public static bool TryCreate(SpeechOptions options, out EspeakSynthesizer? synthesizer, out string error)
    {
        synthesizer = null;
        if (!EspeakLibrary.TryInitialize(out error)) return false;
        var synth = new EspeakSynthesizer(options, EspeakLibrary.SampleRate);
        try
        {
            // Loads the voice and its dictionary now rather than on the first callout.
            if (synth.SynthesizeAll("Copy.").Length == 0)
            {
                error = $"espeak-ng voice '{options.EspeakVoice}' produced no audio; speaking text-only.";
                return false;
            }
        }
        catch (Exception e) when (e is InvalidDataException or InputException)
        {
            error = e.Message;
            return false;
        }
        if (options.WarmPhraseCache) synth.Cache.StartWarming(synth, [.. PhraseCache.StandardPhrases, .. options.ExtraPhrases]);
        synthesizer = synth;
        error = "";
        return true;
    }

    /// <summary>The units (sentences, or clauses with <see cref="SpeechOptions.SplitClauses"/>) synthesised one by one.</summary>
    public List<string> SplitSentences(string text)
    {
        var units = new List<string>(2);
        SentenceSplitter.Split(text, units, _options.SplitClauses);
        return units;
    }

    /// <summary>
    /// One sentence to peak-normalised float samples; <paramref name="endPause"/> keeps espeak-ng's pause after it. Not
    /// interruptible once started (a sentence takes a few milliseconds; see <see cref="EspeakLibrary.Synthesize"/>).
    /// </summary>
    /// <exception cref="InputException">espeak-ng has no voice <see cref="Voice"/>.</exception>
    /// <exception cref="InvalidDataException">espeak-ng failed to synthesise.</exception>
    public float[] SynthesizeSentence(string sentence, bool endPause = false) => Synthesize(sentence, endPause, s_toNormalizedFloat);

    /// <summary>
    /// As <see cref="SynthesizeSentence"/>, into the reused sentence buffer (speaking thread only): returns how many of
    /// its samples are the sentence. Converted straight from espeak's own reused buffer, so no array is made.
    /// </summary>
    private int SynthesizeIntoSentenceBuffer(string sentence, bool endPause) => Synthesize(sentence, endPause, _toSentenceBuffer);

    private T Synthesize<T>(string sentence, bool endPause, EspeakLibrary.PcmReader<T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            // Normalised and converted straight from espeak's reused buffer: no 16-bit copy on the way (a sentence of
            // a few seconds is large-object-heap sized).
            return EspeakLibrary.Synthesize(_options.EspeakVoice, sentence, _options.EspeakWordsPerMinute, endPause, read);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{e.Message} Install the espeak-ng-data language or set another espeak voice.");
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    private static readonly EspeakLibrary.PcmReader<float[]> s_toNormalizedFloat = ToNormalizedFloat;

    /// <summary>
    /// espeak-ng speaks 16-bit PCM: normalised as <see cref="Normalize"/> does (the same rounding to 16 bits) and
    /// converted once at this edge.
    /// </summary>
    internal static float[] ToNormalizedFloat(ReadOnlySpan<short> pcm)
    {
        var samples = new float[pcm.Length];
        ToNormalizedFloat(pcm, samples);
        return samples;
    }

    /// <summary>As above, into <paramref name="samples"/> (at least as long as <paramref name="pcm"/>).</summary>
    internal static void ToNormalizedFloat(ReadOnlySpan<short> pcm, Span<float> samples)
    {
        int peak = Peak(pcm);
        if (peak == 0)
        {
            Pcm16.ToFloat(pcm, samples);
            return;
        }
        float gain = 32767f / Math.Max(peak, 328);
        for (int i = 0; i < pcm.Length; i++)
            samples[i] = (short)Math.Clamp(MathF.Round(pcm[i] * gain), -32768f, 32767f) * (1f / 32768f);
    }

    /// <summary>
    /// The sentence buffer grows to the longest sentence so far (in steps of a second), and is let go after one longer
    /// than this many seconds, so one long text does not pin it for the rest of the session.
    /// </summary>
    private const int SentenceBufferSeconds = 8;

    private int ToSentenceBuffer(ReadOnlySpan<short> pcm)
    {
        if (_sentence.Length < pcm.Length) _sentence = new float[(pcm.Length + SampleRate - 1) / SampleRate * SampleRate];
        ToNormalizedFloat(pcm, _sentence);
        return pcm.Length;
    }

    private static int Peak(ReadOnlySpan<short> pcm)
    {
        int peak = 0;
        foreach (short s in pcm)
        {
            int a = Math.Abs((int)s);
            if (a > peak) peak = a;
        }
        return peak;
    }

    public int Speak(string text, IAudioTarget target, long utterance = 0, Priority priority = Priority.Medium, CancellationToken cancel = default)
    {
        if (Cache.TryGet(text, out float[]? cached))
        {
            target.Write(new AudioChunk(cached, SampleRate, 0, IsLast: true, utterance, priority));
            return 1;
        }
        // Only one thread speaks at a time (the speech stage's), so the list and the buffer are reused without a lock.
        _sentences.Clear();
        SentenceSplitter.Split(text, _sentences, _options.SplitClauses);
        int count = _sentences.Count;
        for (int i = 0; i < count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            bool last = i == count - 1;
            // The pause between sentences is part of the earlier chunk; the last one ends with its last phoneme.
            int samples = SynthesizeIntoSentenceBuffer(_sentences[i], endPause: !last);
            target.WriteLent(_sentence.AsSpan(0, samples), new AudioChunk([], SampleRate, i, IsLast: last, utterance, priority));
        }
        // One long sentence must not pin its buffer for the rest of the session.
        if (_sentence.Length > SampleRate * SentenceBufferSeconds) _sentence = [];
        return count;
    }

    public int Speak(string text, ChannelWriter<AudioChunk> output, long utterance = 0, Priority priority = Priority.Medium, CancellationToken cancel = default) =>
        Speak(text, new AudioChunkWriter(output, cancel), utterance, priority, cancel);

    public float[] SynthesizeAll(string text)
    {
        List<string> sentences = SplitSentences(text);
        if (sentences.Count == 0) return [];
        // One call keeps espeak-ng's own pauses and intonation across the sentences; only normalisation differs
        // from speaking sentence by sentence.
        return SynthesizeSentence(text);
    }

    /// <summary>
    /// Scales in place so the peak reaches full scale, never by more than 100× (as Piper's output is normalised):
    /// the fallback and Piper voices then play at the same loudness.
    /// </summary>
    internal static void Normalize(Span<short> pcm)
    {
        int peak = Peak(pcm);
        if (peak == 0) return;
        float gain = 32767f / Math.Max(peak, 328);
        for (int i = 0; i < pcm.Length; i++)
            pcm[i] = (short)Math.Clamp(MathF.Round(pcm[i] * gain), -32768f, 32767f);
    }

    public void Dispose()
    {
        Cache.StopWarming();
        _disposed = true;
    }
}
