using System.Threading.Channels;
using CrewChief.Events;

namespace CrewChief.Speech;

/// <summary>
/// The speech stage of the pipeline: a named thread ("crewchief-tts") that takes callout requests and streams their
/// audio, sentence by sentence, straight into each request's <see cref="IAudioTarget"/>. Requests wait in a small bounded queue that drops the
/// oldest when full (a callout that waited that long is stale). A request more urgent than the one being synthesised
/// cancels it between sentences, so a spotter call never waits behind a long strategy message; its target gets an
/// empty last chunk, so playback never waits for audio that will not come.
/// </summary>
public sealed class SpeechStage : IDisposable
{
    private readonly ISpeechSynthesizer _synth;
    private readonly Channel<SpeechRequest> _requests;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    /// <summary>Cancels the utterance being synthesised; replaced for each request. Guarded by <see cref="_gate"/>.</summary>
    private CancellationTokenSource? _current;
    /// <summary>Priority of the utterance being synthesised, or null when idle. Guarded by <see cref="_gate"/>.</summary>
    private Priority? _currentPriority;

    /// <summary>
    /// True while a request should wait because playback already holds enough synthesised callouts: a routine
    /// request then waits here as text (cancellable like a synthesis) instead of waiting in playback as audio.
    /// Null: never hold.
    /// </summary>
    private readonly Func<SpeechRequest, bool>? _holdBack;
    /// <summary>How often a held request looks again (playback frees a slot when a callout ends: seconds apart).</summary>
    private const int HoldPollMs = 50;

    /// <summary>The last failure on the speech thread (it keeps running), for the status line.</summary>
    public string? LastError { get; private set; }

    /// <param name="holdBack">
    /// Asked before each request below <see cref="Priority.Critical"/> is synthesised, and again every 50 ms while it
    /// says true: the request waits until playback has room, so the audio in flight stays bounded when callouts come
    /// faster than they can be said (a replay at 24×). Critical and spotter requests are never held; the predicate
    /// must not hold the next part of a callout that is already playing (it would wait on itself).
    /// </param>
    public SpeechStage(ISpeechSynthesizer synth, int queueCapacity = 8, Func<SpeechRequest, bool>? holdBack = null)
    {
        _synth = synth;
        _holdBack = holdBack;
        _requests = Channel.CreateBounded<SpeechRequest>(new BoundedChannelOptions(queueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, dropped => dropped.Target.Write(new AudioChunk([], synth.SampleRate, -1, IsLast: true, dropped.Id, dropped.Priority)));
        _thread = new Thread(Run) { Name = "crewchief-tts", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Queues a callout; preempts a less urgent one being synthesised. Never blocks.</summary>
    public bool TryEnqueue(SpeechRequest request)
    {
        lock (_gate)
        {
            if (_currentPriority is Priority p && request.Priority > p) _current?.Cancel();
        }
        return _requests.Writer.TryWrite(request);
    }

    private void Run()
    {
        var reader = _requests.Reader;
        try
        {
            while (reader.WaitToReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out SpeechRequest request))
                {
                    using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    lock (_gate)
                    {
                        _current = cancel;
                        _currentPriority = request.Priority;
                    }
                    bool finished = false;
                    try
                    {
                        Hold(request, cancel.Token);
                        _synth.Speak(request.Text, request.Target, request.Id, request.Priority, cancel.Token);
                        finished = true;
                    }
                    catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                    {
                        // Preempted by a more urgent request: move on to the queue.
                    }
                    catch (Exception e) when (e is InvalidDataException or InputException)
                    {
                        LastError = e.Message;
                    }
                    finally
                    {
                        // A preempted or failed utterance still gets its last chunk (empty), so playback never
                        // waits for audio that will not come.
                        if (!finished) request.Target.Write(new AudioChunk([], _synth.SampleRate, -1, IsLast: true, request.Id, request.Priority));
                        lock (_gate)
                        {
                            _current = null;
                            _currentPriority = null;
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Waits while playback is full (see the constructor's holdBack); a more urgent request cancels the wait as it
    /// would cancel a synthesis, so the held one ends with an empty last chunk like a preempted one.
    /// </summary>
    private void Hold(SpeechRequest request, CancellationToken cancel)
    {
        if (_holdBack is null || request.Priority >= Priority.Critical) return;
        while (_holdBack(request))
        {
            cancel.WaitHandle.WaitOne(HoldPollMs);
            cancel.ThrowIfCancellationRequested();
        }
    }

    public void Dispose()
    {
        _requests.Writer.TryComplete();
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
