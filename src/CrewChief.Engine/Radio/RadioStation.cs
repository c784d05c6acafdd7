using System.Diagnostics;
using CrewChief.Callouts;

namespace CrewChief.Radio;

/// <summary>
/// The engineer's ear: a question as audio (push-to-talk, a WAV), text (`ask`, HTTP) or an intent (a button) →
/// recognised text → intent → command applied or question answered from the latest radio state → the reply handed
/// to <see cref="Reply"/> (the director's voice in the engine). Serialised with one lock: questions come a few a
/// minute from the microphone, HTTP and the console, and the recogniser is single-threaded.
/// </summary>
public sealed class RadioStation : IDisposable
{
    private static readonly double s_msPerTick = 1000.0 / Stopwatch.Frequency;

    private readonly Lock _lock = new();
    private readonly DriverRadio _radio;
    private readonly ISpeechRecogniser? _recogniser;
    private readonly IntentMatcher _matcher;
    private readonly RadioAnswerer _answerer = new();
    private readonly Func<CalloutContext> _context;

    public RadioStation(DriverRadio radio, ISpeechRecogniser? recogniser, Func<CalloutContext> context, IntentMatcher? matcher = null)
    {
        _radio = radio;
        _recogniser = recogniser;
        _context = context;
        _matcher = matcher ?? new IntentMatcher();
    }

    public DriverRadio Radio => _radio;

    /// <summary>Whether spoken questions can be understood (a recogniser loaded).</summary>
    public bool CanHear => _recogniser is not null;

    /// <summary>When an LLM is configured: lets it rephrase answers through the callouts' guard (null: templates only).</summary>
    public RadioRephraser? Rephraser { get; set; }

    /// <summary>Where replies go (text, spoken form); null: nowhere (the `ask` command prints them).</summary>
    public Action<RadioAnswer>? Reply { get; set; }

    public RadioExchange AskAudio(ReadOnlySpan<short> pcm, int sampleRate)
    {
        if (_recogniser is null) throw new InvalidOperationException("no speech recogniser loaded");
        lock (_lock)
        {
            long start = Stopwatch.GetTimestamp();
            string heard = _recogniser.Recognise(pcm, sampleRate);
            double recognise = (Stopwatch.GetTimestamp() - start) * s_msPerTick;
            return Handle(heard, _matcher.Match(heard), recognise);
        }
    }

    public RadioExchange AskText(string text)
    {
        lock (_lock) return Handle(text, _matcher.Match(text), 0);
    }

    public RadioExchange AskIntent(RadioIntent intent)
    {
        lock (_lock) return Handle(intent.Name(), intent, 0);
    }

    private RadioExchange Handle(string heard, RadioIntent intent, double recogniseMs)
    {
        long start = Stopwatch.GetTimestamp();
        string? last = _radio.LastSaid;
        _radio.Apply(intent);
        RadioState state = _radio.Latest();
        RadioAnswer answer = _answerer.Answer(intent, state, _context(), _radio.Detail, last);
        double answerMs = (Stopwatch.GetTimestamp() - start) * s_msPerTick;
        if (Rephraser is { } rephraser && answer.Known && !intent.IsCommand()) answer = rephraser.Rephrase(answer);
        if (intent != RadioIntent.RepeatLast && intent != RadioIntent.None) _radio.Said(answer.Text);
        Reply?.Invoke(answer);
        return new RadioExchange(heard, intent, answer, recogniseMs, answerMs);
    }

    public void Dispose() => _recogniser?.Dispose();
}
