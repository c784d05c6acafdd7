using System.Diagnostics;
using System.Threading.Channels;
using CrewChief.Callouts;
using CrewChief.Events;
using CrewChief.Llm;

namespace CrewChief.Pipeline;

/// <summary>
/// Runs LLM rewrites of routine callouts on its own thread, one at a time. Only the newest request waits: an older
/// routine call that never started is stale by the time the model is free, so it is dropped. Each grounded clause
/// goes to the callout's voice as soon as the guard passes it; a fallback speaks the deterministic draft. Built by
/// the composition root and handed to the director as its <see cref="ICalloutRewriter"/>.
/// </summary>
public sealed class LlmWorker : ICalloutRewriter, IDisposable
{
    private readonly LlmCalloutWriter _writer;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private readonly AutoResetEvent _work = new(false);
    private volatile bool _stopping;
    private Request? _next;
    private CancellationTokenSource? _inFlight;

    private sealed record Request(RaceEvent Event, Callout Draft, ICalloutVoice Voice, GroundingFacts Facts);

    public LlmWorker(LlmCalloutWriter writer)
    {
        _writer = writer;
        _thread = new Thread(Run) { Name = "crewchief-llm", IsBackground = true, Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <summary>Director thread. The facts were taken with the context the draft was composed in.</summary>
    public void Submit(in RaceEvent e, Callout draft, GroundingFacts facts, ICalloutVoice voice)
    {
        Request? replaced;
        lock (_gate)
        {
            replaced = _next;
            _next = new Request(e, draft, voice, facts);
        }
        if (replaced is not null) replaced.Voice.Done("composer", "dropped:newer", replaced.Draft.Text, 0);
        _work.Set();
    }

    /// <summary>A more urgent call owns the voice now: stop the generation in flight.</summary>
    public void CancelInFlight()
    {
        lock (_gate) _inFlight?.Cancel();
    }

    private void Run()
    {
        while (!_stopping)
        {
            _work.WaitOne();
            Request? r;
            CancellationTokenSource cts;
            lock (_gate)
            {
                r = _next;
                _next = null;
                if (r is null) continue;
                cts = _inFlight = new CancellationTokenSource();
            }
            long start = Stopwatch.GetTimestamp();
            var sink = new ClauseForwarder(r.Voice);
            try
            {
                LlmResult result = _writer.TryImproveStreaming(r.Event, r.Draft.Text, new GroundingClauseGuard(r.Facts), sink, cts.Token);
                string verdict = result.FellBack ? "fallback:" + result.Reason.ToString().ToLowerInvariant() : "grounded";
                string source = result.Source switch { LlmSource.Llm => "llm", LlmSource.Mixed => "llm+composer", _ => "composer" };
                r.Voice.Done(source, verdict, result.Text, Stopwatch.GetElapsedTime(start).TotalMilliseconds, result.Problem);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The model failed: speak the draft, as for any other fallback.
                if (sink.Parts == 0) r.Voice.Speak(r.Draft.Spoken);
                r.Voice.Done("composer", "fallback:error", r.Draft.Text, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            finally
            {
                lock (_gate) _inFlight = null;
                cts.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        CancelInFlight();
        _work.Set();
        if (_thread.IsAlive) _thread.Join(3000);
        Request? left;
        lock (_gate)
        {
            left = _next;
            _next = null;
        }
        left?.Voice.Done("composer", "dropped:shutdown", left.Draft.Text, 0);
        _work.Dispose();
    }

    /// <summary>The channel the writer streams into: each clause becomes one speech request at once.</summary>
    private sealed class ClauseForwarder(ICalloutVoice voice) : ChannelWriter<string>
    {
        public int Parts;

        public override bool TryWrite(string item)
        {
            Parts++;
            voice.Speak(SpokenText.From(item));
            return true;
        }

        public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) => new(true);
    }
}
