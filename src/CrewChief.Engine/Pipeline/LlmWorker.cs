using System.Diagnostics;
using System.Threading.Channels;
using CrewChief.Callouts;
using CrewChief.Events;
using CrewChief.Llm;

namespace CrewChief.Pipeline;

/// <summary>
/// Runs LLM rewrites of routine callouts on its own thread, one at a time. Only the newest request waits: an older
/// routine call that never started is stale by the time the model is free, so it is dropped. Each grounded clause
/// goes to speech as soon as the guard passes it; a fallback speaks the deterministic draft.
/// </summary>
internal sealed class LlmWorker : IDisposable
{
    private readonly LlmCalloutWriter _writer;
    private readonly Director _director;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private readonly AutoResetEvent _work = new(false);
    private volatile bool _stopping;
    private Request? _next;
    private CancellationTokenSource? _inFlight;

    private sealed record Request(RaceEvent Event, Callout Draft, PendingCallout Pending, GroundingFacts Facts);

    public LlmWorker(LlmCalloutWriter writer, Director director)
    {
        _writer = writer;
        _director = director;
        _thread = new Thread(Run) { Name = "crewchief-llm", IsBackground = true, Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <summary>Director thread. The facts are taken now, with the context the draft was composed in.</summary>
    public void Submit(in RaceEvent e, Callout draft, PendingCallout pending, CalloutContext ctx)
    {
        Request? replaced;
        lock (_gate)
        {
            replaced = _next;
            _next = new Request(e, draft, pending, GroundingFacts.From(e, ctx));
        }
        if (replaced is not null) _director.EndParts(replaced.Pending, "composer", "dropped:newer", replaced.Draft.Text, 0);
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
            var sink = new ClauseForwarder(_director, r.Pending);
            try
            {
                LlmResult result = _writer.TryImproveStreaming(r.Event, r.Draft.Text, new GroundingClauseGuard(r.Facts), sink, cts.Token);
                string verdict = result.FellBack ? "fallback:" + result.Reason.ToString().ToLowerInvariant() : "grounded";
                string source = result.Source switch { LlmSource.Llm => "llm", LlmSource.Mixed => "llm+composer", _ => "composer" };
                r.Pending.Record.LlmNote = result.Problem;
                _director.EndParts(r.Pending, source, verdict, result.Text, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The model failed: speak the draft, as for any other fallback.
                if (sink.Parts == 0) _director.SpeakPart(r.Pending, r.Draft.Spoken);
                _director.EndParts(r.Pending, "composer", "fallback:error", r.Draft.Text, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
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
        _work.Dispose();
    }

    /// <summary>The channel the writer streams into: each clause becomes one speech request at once.</summary>
    private sealed class ClauseForwarder(Director director, PendingCallout pending) : ChannelWriter<string>
    {
        public int Parts;

        public override bool TryWrite(string item)
        {
            Parts++;
            director.SpeakPart(pending, SpokenText.From(item));
            return true;
        }

        public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) => new(true);
    }
}
