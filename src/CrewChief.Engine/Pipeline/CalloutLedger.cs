using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using CrewChief.Events;
using CrewChief.Logging;
using CrewChief.Playback;

namespace CrewChief.Pipeline;

/// <summary>
/// The side tap that keeps the books on every callout: the transcript line, the stage timings and latency stats,
/// the callouts still in flight, playback's outcome records (read on its own thread) and the session log's
/// utterance record. Nothing on the callout path waits for it; it only watches.
/// </summary>
public sealed class CalloutLedger : IDisposable
{
    private static readonly double s_msPerTick = 1000.0 / Stopwatch.Frequency;

    private readonly LatencyStats _stats;
    private readonly DashboardState _dashboard;
    private readonly SessionLog? _log;
    private readonly TextWriter? _transcript;
    private readonly ITranscriptTap? _tap;
    private readonly ConcurrentDictionary<long, CalloutAudio> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread? _recordPump;
    private readonly ChannelReader<PlaybackRecord>? _records;

    /// <param name="playback">Whose outcome records finish the callouts it plays (null: text-only).</param>
    /// <param name="transcript">Each callout as a line, when the console view is not drawing them.</param>
    /// <param name="tap">Every final record (played, dropped, expired, text-only), e.g. for the live race page.</param>
    public CalloutLedger(LatencyStats stats, DashboardState dashboard, SessionLog? log, PlaybackStage? playback, TextWriter? transcript = null,
        ITranscriptTap? tap = null)
    {
        _tap = tap;
        _stats = stats;
        _dashboard = dashboard;
        _log = log;
        _transcript = transcript;
        if (playback is null) return;
        _records = playback.Records;
        _recordPump = new Thread(PumpRecords) { Name = "crewchief-records", IsBackground = true };
        _recordPump.Start();
    }

    /// <summary>Callouts not yet finished with (queued, synthesising or playing).</summary>
    public int InFlight => _pending.Count;

    /// <summary>Director: an event that will not be spoken ("expired", "stale").</summary>
    public void Skipped(in RaceEvent e, string outcome) =>
        Recorded(new UtteranceRecord
        {
            SessionTime = e.SessionTime, Kind = e.Kind, Priority = e.Priority, Text = "", Source = "composer", Outcome = outcome,
        });

    /// <summary>Radio thread: the engineer's answer to the driver, as a record of its own.</summary>
    public UtteranceRecord Reply(string text)
    {
        _transcript?.WriteLine($"radio: {text}");
        _dashboard.AddCallout("radio: " + text);
        return new UtteranceRecord
        {
            SessionTime = double.NaN, Kind = EventKind.None, Priority = Priority.High, Text = text, Source = "radio", GuardVerdict = "grounded",
        };
    }

    /// <summary>A record that ends without going through playback.</summary>
    public void Finished(UtteranceRecord record, string outcome)
    {
        record.Outcome = outcome;
        Recorded(record);
    }

    /// <summary>Director: the callout was composed; its record starts with the queue and compose stages.</summary>
    public UtteranceRecord Composed(in RaceEvent e, string text, long dequeued, long composed)
    {
        var record = new UtteranceRecord
        {
            SessionTime = e.SessionTime, Kind = e.Kind, Priority = e.Priority, Text = text, Source = "composer",
            GuardVerdict = "grounded",
        };
        double queue = (dequeued - e.RaisedAt) * s_msPerTick, compose = (composed - dequeued) * s_msPerTick;
        _stats.RecordStage("queue", queue);
        _stats.RecordStage("compose", compose);
        record.StageMs.Add(new("queue", queue));
        record.StageMs.Add(new("compose", compose));
        _transcript?.WriteLine($"[{Clock(e.SessionTime)}] {Label(e.Priority)}{text}");
        return record;
    }

    /// <summary>Director: printed, not spoken (text-only, or the audio device went away).</summary>
    public void TextOnly(UtteranceRecord record, long raisedAt, long composed)
    {
        record.Outcome = "text-only";
        record.TotalMs = (composed - raisedAt) * s_msPerTick;
        _stats.ForPriority(record.Priority).Record(record.TotalMs);
        _dashboard.AddCallout(record.Text);
        Recorded(record);
    }

    internal void Open(CalloutAudio callout) => _pending[callout.Id] = callout;

    /// <summary>Speech thread: the callout's first audio exists.</summary>
    internal void FirstAudio(CalloutAudio callout)
    {
        double tts = (callout.FirstAudioAt - callout.SpeechQueuedAt) * s_msPerTick;
        _stats.RecordStage("tts", tts);
        callout.Record.StageMs.Add(new("tts", tts));
    }

    /// <summary>LLM thread: the rewrite ended.</summary>
    internal void Rewritten(CalloutAudio callout, string source, string verdict, string text, double llmMs, string? problem = null)
    {
        callout.Record.LlmNote = problem;
        callout.Record.Text = text;
        callout.Record.Source = source;
        callout.Record.GuardVerdict = verdict;
        callout.Record.StageMs.Add(new("llm", llmMs));
        _stats.RecordStage("llm", llmMs);
    }

    internal void Finish(CalloutAudio callout, string outcome)
    {
        if (!_pending.TryRemove(callout.Id, out _)) return;
        callout.Record.Outcome = outcome;
        Recorded(callout.Record);
    }

    /// <summary>A record is final: the session log and the transcript tap (live race page) get it.</summary>
    private void Recorded(UtteranceRecord record)
    {
        _log?.TryWriteUtterance(record);
        _tap?.OnUtterance(record);
    }

    private void PumpRecords()
    {
        var reader = _records!;
        try
        {
            while (reader.WaitToReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var r))
                {
                    if (!_pending.TryGetValue(r.Id, out var p)) continue;
                    if (r.Outcome == PlaybackOutcome.Started && r.FirstSampleAt != 0 && double.IsNaN(p.Record.TotalMs))
                    {
                        double total = (r.FirstSampleAt - p.RaisedAt) * s_msPerTick;
                        double play = (r.FirstSampleAt - p.FirstAudioAt) * s_msPerTick;
                        p.Record.TotalMs = total;
                        p.Record.StageMs.Add(new("playback", play));
                        _stats.RecordStage("playback", play);
                        _stats.ForPriority(p.Utterance.Priority).Record(total);
                        _dashboard.AddCallout($"{p.Record.Text}  ({total:0} ms)");
                    }
                    if (r.Outcome.IsFinal()) Finish(p, r.Outcome.ToString().ToLowerInvariant());
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ChannelClosedException)
        {
        }
    }

    private static string Label(Priority p) => p switch
    {
        Priority.Spotter => "spotter: ",
        Priority.Critical => "CRITICAL: ",
        _ => "",
    };

    private static string Clock(double sessionTime)
    {
        if (!double.IsFinite(sessionTime) || sessionTime < 0) sessionTime = 0;
        int m = (int)(sessionTime / 60);
        return string.Create(CultureInfo.InvariantCulture, $"{m:00}:{sessionTime - m * 60:00.0}");
    }

    /// <summary>Stops reading playback's records; whatever is still in flight is logged as dropped.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        if (_recordPump is { IsAlive: true }) _recordPump.Join(2000);
        foreach (var p in _pending.Values) Finish(p, "dropped");
        _stop.Dispose();
    }
}
