using System.Diagnostics.CodeAnalysis;
using CrewChief.Speech;

namespace CrewChief.Pipeline;

/// <summary>The speech stage as the director sees it: a synthesiser and its thread; audio goes to each request's target.</summary>
public sealed class SpeechOutput : ISpeechOutput, IDisposable
{
    private readonly SpeechStage _stage;
    private readonly ISpeechSynthesizer _synth;

    /// <param name="holdBack">True while a request should wait for room in playback; see <see cref="SpeechStage(ISpeechSynthesizer, int, Func{SpeechRequest, bool})"/>.</param>
    public SpeechOutput(ISpeechSynthesizer synth, Func<SpeechRequest, bool>? holdBack = null)
    {
        _synth = synth;
        _stage = new SpeechStage(synth, holdBack: holdBack);
    }

    public int SampleRate => _synth.SampleRate;

    public string Description => _synth.Description;

    public bool TryGetCached(string spoken, [MaybeNullWhen(false)] out float[] samples) => _synth.Cache.TryGet(spoken, out samples);

    public bool TryEnqueue(SpeechRequest request) => _stage.TryEnqueue(request);

    public string? LastError => _stage.LastError;

    public void Dispose()
    {
        _stage.Dispose();
        _synth.Dispose();
    }
}
