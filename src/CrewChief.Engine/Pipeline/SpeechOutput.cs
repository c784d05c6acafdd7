using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using CrewChief.Speech;

namespace CrewChief.Pipeline;

/// <summary>The speech stage as the director sees it: a synthesiser on its own thread and its audio channel.</summary>
public sealed class SpeechOutput : ISpeechOutput, IDisposable
{
    // Unbounded on purpose: the synthesiser must never block on the audio pump (chunks are a few per callout).
    private readonly Channel<AudioChunk> _audio = Channel.CreateUnbounded<AudioChunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SpeechStage _stage;
    private readonly ISpeechSynthesizer _synth;

    public SpeechOutput(ISpeechSynthesizer synth)
    {
        _synth = synth;
        _stage = new SpeechStage(synth, _audio.Writer);
    }

    public int SampleRate => _synth.SampleRate;

    public string Description => _synth.Description;

    public bool TryGetCached(string spoken, [MaybeNullWhen(false)] out short[] pcm) => _synth.Cache.TryGet(spoken, out pcm);

    public bool TryEnqueue(SpeechRequest request) => _stage.TryEnqueue(request);

    public ChannelReader<AudioChunk> Audio => _audio.Reader;

    public string? LastError => _stage.LastError;

    public void Dispose()
    {
        _stage.Dispose();
        _audio.Writer.TryComplete();
        _synth.Dispose();
    }
}
